// The reach watch status page: reads the JSON API every few seconds and updates the DOM in place.
// Every text that comes from the configuration or the API goes in through textContent, never innerHTML.
"use strict";

(function () {
  const TOKEN_KEY = "reach-watch-token";
  const $ = (id) => document.getElementById(id);
  let refreshSeconds = 5;
  let timer = null;
  let chartTick = 0;

  // A token in the URL fragment (/#token=...) never reaches the server; keep it for this tab and drop it from the URL.
  function takeTokenFromFragment() {
    const params = new URLSearchParams(location.hash.replace(/^#/, ""));
    const token = params.get("token");
    if (token) {
      sessionStorage.setItem(TOKEN_KEY, token);
      history.replaceState(null, "", location.pathname + location.search);
    }
  }

  class Unauthorized extends Error {}

  async function getJson(path) {
    const headers = { Accept: "application/json" };
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) headers.Authorization = "Bearer " + token;
    const response = await fetch(path, { headers, cache: "no-store" });
    if (response.status === 401) throw new Unauthorized("token required");
    if (!response.ok) throw new Error(path + ": HTTP " + response.status);
    return response.json();
  }

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function setText(node, text) {
    const value = text === undefined || text === null ? "" : String(text);
    if (node.textContent !== value) node.textContent = value;
  }

  function percent(value) {
    return value === null || value === undefined ? "–" : (value * 100).toFixed(value >= 0.9995 || value === 0 ? 0 : 2) + " %";
  }

  function ms(value) {
    return value === null || value === undefined ? "–" : (value < 10 ? value.toFixed(2) : value.toFixed(1)) + " ms";
  }

  function ago(iso) {
    if (!iso) return "–";
    const seconds = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
    if (seconds < 90) return seconds + " s ago";
    if (seconds < 5400) return Math.round(seconds / 60) + " min ago";
    if (seconds < 172800) return Math.round(seconds / 3600) + " h ago";
    return Math.round(seconds / 86400) + " d ago";
  }

  function duration(seconds) {
    if (seconds < 90) return Math.round(seconds) + " s";
    if (seconds < 5400) return Math.round(seconds / 60) + " min";
    if (seconds < 172800) return (seconds / 3600).toFixed(1) + " h";
    return (seconds / 86400).toFixed(1) + " d";
  }

  function local(iso) {
    return iso ? new Date(iso).toLocaleString() : "–";
  }

  function endpoint(target) {
    return target.id.slice(target.check.length + 1);
  }

  const ORDER = { down: 0, unknown: 1, up: 2 };

  // One row per target, keyed by its id: rows are updated in place, so nothing flickers.
  function renderTargets(targets) {
    const body = $("targets").tBodies[0];
    const rows = new Map(Array.from(body.rows, (row) => [row.dataset.target, row]));
    targets.sort((a, b) => a.check.localeCompare(b.check) || (ORDER[a.state] - ORDER[b.state]) || a.id.localeCompare(b.id));
    targets.forEach((target, index) => {
      let row = rows.get(target.id);
      if (!row) {
        row = document.createElement("tr");
        row.dataset.target = target.id;
        row.append(el("td", null, "check"), el("th", null, "target"), el("td", null, "state"), el("td", null, "since"),
          el("td", null, "num up24"), el("td", null, "num up7"), el("td", null, "num up30"), el("td", null, "num rtt"),
          el("td", null, "wrap answered"), el("td", null, "num cert"), el("td", null, "wrap result"));
        row.cells[1].scope = "row";
      }
      rows.delete(target.id);
      const state = ORDER[target.state] === undefined ? "unknown" : target.state;
      row.className = "state-" + state;
      row.dataset.state = state;
      setText(row.cells[0], target.check);
      setText(row.cells[1], endpoint(target));
      setText(row.cells[2], state);
      setText(row.cells[3], ago(target.since));
      row.cells[3].title = target.since ? local(target.since) : "";
      setText(row.cells[4], percent(target.uptime_24h));
      setText(row.cells[5], percent(target.uptime_7d));
      setText(row.cells[6], percent(target.uptime_30d));
      setText(row.cells[7], ms(target.last_rtt_ms));
      // What answered (HTTP status line, TLS version, the line an expect check matched) and the certificate's days left.
      setText(row.cells[8], target.answered || "–");
      setText(row.cells[9], target.tls ? target.tls.days_left + " d" : "–");
      row.cells[9].title = target.tls ? target.tls.subject + ", until " + local(target.tls.not_after) : "";
      // Red under the check's warn_days (14 when the check is gone from the configuration).
      const warnDays = target.tls && target.tls.warn_days !== null && target.tls.warn_days !== undefined ? target.tls.warn_days : 14;
      row.cells[9].className = "num cert" + (target.tls && target.tls.days_left < warnDays ? " error" : "");
      setText(row.cells[10], target.state === "down" && target.last_error ? target.last_error : target.last_result || "–");
      if (body.rows[index] !== row) body.insertBefore(row, body.rows[index] || null);
    });
    rows.forEach((row) => row.remove());
    const down = targets.filter((t) => t.state === "down").length;
    const up = targets.filter((t) => t.state === "up").length;
    setText($("summary"), targets.length === 0 ? "No targets yet."
      : down > 0 ? down + " of " + targets.length + " targets down"
      : up === targets.length ? "All " + targets.length + " targets up"
      : up + " of " + targets.length + " targets up, the others not known yet");
    $("summary").className = down > 0 ? "error" : "";
    renderTargetChoices(targets);
  }

  function renderTargetChoices(targets) {
    const select = $("chart-target");
    const ids = targets.map((t) => t.id).sort();
    const current = Array.from(select.options, (o) => o.value);
    if (ids.join("\n") === current.join("\n")) return;
    const chosen = select.value;
    select.replaceChildren(...ids.map((id) => { const o = el("option", id); o.value = id; return o; }));
    if (ids.includes(chosen)) select.value = chosen;
    $("chart-section").hidden = ids.length === 0;
  }

  function renderIncidents(incidents) {
    incidents.sort((a, b) => (b.open - a.open) || Date.parse(b.start) - Date.parse(a.start));
    const body = $("incidents").tBodies[0];
    body.replaceChildren(...incidents.map((incident) => {
      const row = document.createElement("tr");
      row.className = incident.open ? "state-down" : "state-up";
      row.dataset.incident = String(incident.id);
      row.append(el("td", incident.open ? "open" : "resolved", "state"), el("td", incident.target), el("td", local(incident.start)),
        el("td", incident.end ? local(incident.end) : "–"), el("td", duration(incident.duration_seconds), "num"),
        el("td", incident.reason + (incident.end_note ? " · " + incident.end_note : ""), "wrap"));
      return row;
    }));
    $("incidents").hidden = incidents.length === 0;
    $("no-incidents").hidden = incidents.length !== 0;
  }

  // The latency chart: average RTT per bucket as a line, min..max as a band, buckets with failures as red bars.
  function renderChart(series) {
    const svg = $("chart");
    const ns = svg.namespaceURI;
    const W = 800, H = 220, top = 10, bottom = 200, left = 0;
    const node = (tag, attrs) => { const n = document.createElementNS(ns, tag); for (const k in attrs) n.setAttribute(k, attrs[k]); return n; };
    const points = series.points;
    const since = Date.parse(series.since), until = Date.parse(series.until);
    const x = (iso) => left + (Date.parse(iso) - since) / Math.max(1, until - since) * (W - left);
    const max = Math.max(1, ...points.map((p) => p.rtt_max_ms || p.rtt_avg_ms || 0));
    const y = (v) => bottom - (v / max) * (bottom - top);
    const parts = [];
    for (const fraction of [0, 0.5, 1]) {
      parts.push(node("line", { x1: 0, x2: W, y1: y(max * fraction), y2: y(max * fraction), class: "grid" }));
    }
    const width = Math.max(1, series.bucket_seconds * 1000 / Math.max(1, until - since) * W);
    for (const p of points.filter((p) => p.failures > 0)) {
      parts.push(node("rect", { x: x(p.start), y: bottom, width, height: H - bottom, class: "fail", opacity: Math.max(0.3, p.failures / p.probes) }));
    }
    const timed = points.filter((p) => p.rtt_avg_ms !== null);
    if (timed.length > 0) {
      const band = timed.map((p) => x(p.start) + "," + y(p.rtt_max_ms)).concat(timed.slice().reverse().map((p) => x(p.start) + "," + y(p.rtt_min_ms)));
      parts.push(node("polygon", { points: band.join(" "), class: "band" }));
      parts.push(node("polyline", { points: timed.map((p) => x(p.start) + "," + y(p.rtt_avg_ms)).join(" "), class: "line" }));
    }
    svg.replaceChildren(...parts);
    const failures = points.reduce((n, p) => n + p.failures, 0);
    const probes = points.reduce((n, p) => n + p.probes, 0);
    setText($("chart-caption"), timed.length === 0 ? "No round trips for " + series.target + " in this range."
      : series.target + ": round-trip time, top of the chart " + ms(max) + "; " + probes + " probes, " + failures + " failed (red marks at the bottom).");
  }

  async function refreshChart() {
    const target = $("chart-target").value;
    if (!target) return;
    const since = $("chart-range").value;
    const series = await getJson("/api/series?target=" + encodeURIComponent(target) + "&since=" + encodeURIComponent(since));
    if ($("chart-target").value === target) renderChart(series);
  }

  async function refresh() {
    clearTimeout(timer);
    try {
      const [meta, targets, incidents] = await Promise.all([getJson("/api/meta"), getJson("/api/checks"), getJson("/api/incidents?limit=100")]);
      refreshSeconds = meta.refresh_seconds;
      document.body.dataset.refreshSeconds = String(refreshSeconds);
      setText($("meta"), "reach " + meta.version + " · " + meta.checks.length + " checks · refreshes every " + refreshSeconds + " s · updated " + new Date().toLocaleTimeString());
      $("token-form").hidden = true;
      $("error").hidden = true;
      $("status").hidden = false;
      $("incidents-section").hidden = false;
      renderTargets(targets);
      renderIncidents(incidents);
      // The chart changes slowly: redraw it every few refreshes (and at once when the choice changes).
      if (chartTick++ % 3 === 0) await refreshChart();
    } catch (error) {
      if (error instanceof Unauthorized) {
        showTokenForm(sessionStorage.getItem(TOKEN_KEY) ? "That token was refused." : "");
        return; // no polling without a token
      }
      setText($("error"), "Cannot reach the status API: " + error.message + " (retrying)");
      $("error").hidden = false;
    }
    timer = setTimeout(refresh, refreshSeconds * 1000);
  }

  function showTokenForm(message) {
    $("status").hidden = true;
    $("chart-section").hidden = true;
    $("incidents-section").hidden = true;
    $("token-form").hidden = false;
    setText($("token-error"), message);
    setText($("summary"), "Token required.");
    $("token-input").focus();
  }

  function start() {
    takeTokenFromFragment();
    $("token-form").addEventListener("submit", (event) => {
      event.preventDefault();
      sessionStorage.setItem(TOKEN_KEY, $("token-input").value.trim());
      $("token-input").value = "";
      refresh();
    });
    for (const id of ["chart-target", "chart-range"]) {
      $(id).addEventListener("change", () => refreshChart().catch(() => {}));
    }
    window.addEventListener("hashchange", () => { takeTokenFromFragment(); refresh(); });
    refresh();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
