#!/usr/bin/env bash
# bench/watch.sh: can `reach watch` keep 10,000 TCP checks at a 10 s interval on this machine? (issue 6: scheduler
# lag p99 under 1 s, CPU under 50% of one core, memory under 300 MB, store growth per day stated)
#
# One network namespace of its own (watch-bench-<pid>: only lo, no default route) holds everything: an AnyIP range
# (`ip route add local 10.88.0.0/18 dev lo`), a listener on 0.0.0.0:80 that accepts for every address of it, no
# listener on port 81 (closed: RST), and port 82 DROPped by iptables (filtered: each probe waits the full timeout).
# reach watch runs inside it with its data in a temp dir and its HTTP server on the namespace's own loopback; the
# script scrapes /metrics there with curl. Nothing is sent from or to the root namespace.
#
# Usage:  sudo bench/watch.sh
# Environment:
#   REACH_BIN=path    the binary to run (default: publish src/Reach.Cli with NativeAOT once, into the temp dir)
#   OPEN=9000 CLOSED=500 FILTERED=500   the target mix (one address each; at most 16,000 in all)
#   INTERVAL=10s TIMEOUT=1s             the check settings (thresholds stay at their defaults: down 2, up 1)
#   HISTORY=""        a history block for reach.yaml, e.g. "{raw: 1d}" (default: reach's defaults, 7d/30d/400d)
#   DURATION=240      measured seconds, after the warm-up (two full rounds, then WARMUP more seconds)
#   WARMUP=10         extra warm-up seconds after the second round
#   SCRAPE=5          seconds between /metrics scrapes (the lag quantiles cover the last minute)
#   KEEP_DATA=1       keep the SQLite store in the temp dir (by default only the report, samples and log stay)
#   BENCH_STRICT=1    exit 3 when a goal is missed
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
open_n="${OPEN:-9000}"
closed_n="${CLOSED:-500}"
filtered_n="${FILTERED:-500}"
interval="${INTERVAL:-10s}"
timeout="${TIMEOUT:-1s}"
duration="${DURATION:-240}"
warmup="${WARMUP:-10}"
scrape="${SCRAPE:-5}"
history="${HISTORY:-}"
ns="watch-bench-$$"
anyip=10.88.0.0/18
port_open=80 port_closed=81 port_filtered=82
listen=127.0.0.1:9105

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'watch.sh: %s\n' "$*" >&2; exit 1; }

((EUID == 0)) || die "needs root (it creates a network namespace)"
for v in "$open_n" "$closed_n" "$filtered_n" "$duration" "$warmup" "$scrape"; do
  [[ "$v" =~ ^[0-9]+$ ]] || die "OPEN, CLOSED, FILTERED, DURATION, WARMUP and SCRAPE must be whole numbers"
done
total=$((open_n + closed_n + filtered_n))
((total >= 1 && total <= 16000)) || die "OPEN+CLOSED+FILTERED must be 1..16000 (the AnyIP /18)"
((duration >= 30)) || die "DURATION must be at least 30 seconds"
for tool in ip iptables curl sqlite3 gcc awk; do command -v "$tool" >/dev/null || die "needs $tool"; done

work="$(mktemp -d /tmp/watch-bench.XXXXXX)"
reach_pid="" listener_pid=""
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [[ -n "$reach_pid" ]] && kill -TERM "$reach_pid" 2>/dev/null; then
    for _ in $(seq 1 100); do kill -0 "$reach_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$reach_pid" 2>/dev/null || true
  fi
  if [[ -n "$listener_pid" ]]; then kill "$listener_pid" 2>/dev/null || true; fi
  if [[ -e "/var/run/netns/$ns" ]]; then
    # Anything still running in the namespace was started by this script.
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null || true; done
    ip netns del "$ns" 2>/dev/null || log "could not delete namespace $ns"
  fi
  [[ "${KEEP_DATA:-0}" == 1 ]] || rm -rf "$work/data" "$work/copy.db" "$work/reach-aot"
  log "work dir (report, samples, log): $work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- the binary ---------------------------------------------------------------------------------------------------
reach="${REACH_BIN:-}"
if [[ -z "$reach" ]]; then
  log "publishing reach with NativeAOT into $work/reach-aot (about 2 minutes)"
  dotnet publish "$repo/src/Reach.Cli/Reach.Cli.csproj" -c Release -r linux-x64 -o "$work/reach-aot" >"$work/publish.log" 2>&1 \
    || { tail -20 "$work/publish.log" >&2; die "publish failed"; }
  reach="$work/reach-aot/reach"
fi
[[ -x "$reach" ]] || die "REACH_BIN is not an executable: $reach"

# --- the namespace ------------------------------------------------------------------------------------------------
log "namespace $ns: lo only, AnyIP $anyip; open :$port_open, closed :$port_closed, DROPped :$port_filtered"
ip netns add "$ns"
ip -n "$ns" link set lo up
ip -n "$ns" route add local "$anyip" dev lo
ip netns exec "$ns" sh -c 'echo 65535 > /proc/sys/net/core/somaxconn; echo 65536 > /proc/sys/net/ipv4/tcp_max_syn_backlog'
ip netns exec "$ns" iptables -w 10 -A INPUT -p tcp --dport "$port_filtered" -j DROP
[[ -z "$(ip -n "$ns" route show default)" ]] || die "the namespace has a default route"

gcc -O2 -Wall -o "$work/listener" "$repo/bench/scan-lab/listener.c"
ip netns exec "$ns" "$work/listener" -b 65535 "0.0.0.0:$port_open" >"$work/listener.out" 2>&1 </dev/null &
listener_pid=$!
for _ in $(seq 1 100); do grep -q '^ready' "$work/listener.out" 2>/dev/null && break; sleep 0.05; done
grep -q '^ready' "$work/listener.out" || die "the listener did not start: $(cat "$work/listener.out")"

# --- the configuration: one address per target, in order over the /18 -------------------------------------------
addresses() { # FIRST COUNT: the addresses 10.88.0.0 + FIRST ... + FIRST+COUNT-1
  awk -v first="$1" -v n="$2" 'BEGIN { for (i = first; i < first + n; i++) printf "10.88.%d.%d\n", int(i / 256), i % 256 }'
}
addresses 1 "$open_n" >"$work/open.txt"
addresses $((1 + open_n)) "$closed_n" >"$work/closed.txt"
addresses $((1 + open_n + closed_n)) "$filtered_n" >"$work/filtered.txt"
{
  printf 'interval: %s\ntimeout: %s\n' "$interval" "$timeout"
  if [[ -n "$history" ]]; then printf 'history: %s\n' "$history"; fi
  printf 'checks:\n'
  if ((open_n)); then printf '  - name: open\n    targets_file: open.txt\n    ports: [%s]\n' "$port_open"; fi
  if ((closed_n)); then printf '  - name: closed\n    targets_file: closed.txt\n    ports: [%s]\n' "$port_closed"; fi
  if ((filtered_n)); then printf '  - name: filtered\n    targets_file: filtered.txt\n    ports: [%s]\n' "$port_filtered"; fi
} >"$work/reach.yaml"
"$reach" watch -c "$work/reach.yaml" --check-config >/dev/null || die "reach rejects the generated configuration"

# --- run -----------------------------------------------------------------------------------------------------------
in_ns() { ip netns exec "$ns" "$@"; }
metrics() { in_ns curl -sf --max-time 10 "http://$listen/metrics"; }
# One sample: epoch-ms cpu-ticks rss-kb count sum p50 p90 p99 overlap missed scrape-ms max-lag
sample() {
  local now ticks rss body t0 t1
  now=$(date +%s%3N)
  ticks=$(awk '{ print $14 + $15 }' "/proc/$reach_pid/stat")
  rss=$(awk '/^VmRSS/ { print $2 }' "/proc/$reach_pid/status")
  t0=$(date +%s%3N); body="$(metrics | grep '^reach_scheduler' || true)"; t1=$(date +%s%3N)
  awk -v now="$now" -v ticks="$ticks" -v rss="$rss" -v ms=$((t1 - t0)) '
    /quantile="0.5"/ { p50 = $2 } /quantile="0.9"/ { p90 = $2 } /quantile="0.99"/ { p99 = $2 }
    /^reach_scheduler_lag_seconds_sum/ { sum = $2 } /^reach_scheduler_lag_seconds_count/ { count = $2 }
    /^reach_scheduler_overlap_skips_total/ { skips = $2 } /^reach_scheduler_missed_slots_total/ { missed = $2 }
    /^reach_scheduler_lag_max_seconds/ { max = $2 }
    END { printf "%s %s %s %s %s %s %s %s %s %s %s %s\n", now, ticks, rss, count + 0, sum + 0, p50 + 0, p90 + 0, p99 + 0, skips + 0, missed + 0, ms, max + 0 }' <<<"$body"
}
store_bytes() { local f s=0; for f in "$work/data/reach.db" "$work/data/reach.db-wal"; do [[ -e "$f" ]] && s=$((s + $(stat -c %s "$f"))); done; echo "$s"; }
db_bytes() { stat -c %s "$work/data/reach.db" 2>/dev/null || echo 0; }
raw_rows() { sqlite3 -readonly "$work/data/reach.db" 'SELECT COALESCE(MAX(rowid), 0) FROM results' 2>/dev/null || echo 0; }
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $2 + $3 + $4 + $5 + $6 + $7 + $8 }' /proc/stat; }

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
log "reach watch: $total targets ($open_n open, $closed_n closed, $filtered_n filtered) every $interval, timeout $timeout"
mkdir -p "$work/data"
in_ns "$reach" watch -c "$work/reach.yaml" --data "$work/data" --listen "$listen" >"$work/watch.log" 2>&1 </dev/null &
runner_pid=$!
started=$(date +%s)
# `ip netns exec` may fork and wait (newer iproute2): measure reach itself, the process running the binary.
reach_pid=""
for _ in $(seq 1 100); do
  for pid in $runner_pid $(ip netns pids "$ns"); do
    [[ "$(readlink "/proc/$pid/exe" 2>/dev/null)" == "$(readlink -f "$reach")" ]] && { reach_pid=$pid; break 2; }
  done
  sleep 0.05
done
[[ -n "$reach_pid" ]] || { reach_pid=$runner_pid; die "cannot find the reach process"; }
for _ in $(seq 1 100); do in_ns curl -sf --max-time 2 "http://$listen/healthz" >/dev/null 2>&1 && break; kill -0 "$reach_pid" 2>/dev/null || break; sleep 0.1; done
in_ns curl -sf --max-time 2 "http://$listen/healthz" >/dev/null || { tail -5 "$work/watch.log" >&2; die "reach watch did not become healthy"; }

interval_s=$(awk -v d="$interval" 'BEGIN { n = d + 0; if (d ~ /ms$/) n /= 1000; else if (d ~ /m$/) n *= 60; print n }')
deadline=$((started + 4 * ${interval_s%.*} + 90))
log "warm-up: two full rounds ($((2 * total)) probes started), then ${warmup}s"
while :; do
  read -r _ _ _ count _ < <(sample)
  ((count >= 2 * total)) && break
  (($(date +%s) < deadline)) || die "warm-up: only $count probes started after $(($(date +%s) - started))s"
  kill -0 "$reach_pid" 2>/dev/null || die "reach watch exited: $(tail -3 "$work/watch.log")"
  sleep 1
done
sleep "$warmup"
warm_seconds=$(($(date +%s) - started))
peak_warm_kb=$(awk '/^VmHWM/ { print $2 }' "/proc/$reach_pid/status")

log "measuring for ${duration}s (a /metrics scrape every ${scrape}s); load before: $load_before"
samples="$work/samples.txt"
read -r busy0 all0 < <(busy_ticks)
bytes0=$(store_bytes); db0=$(db_bytes); rows0=$(raw_rows)
sample >"$samples"
end=$(($(date +%s) + duration))
while (($(date +%s) < end)); do
  sleep "$scrape"
  kill -0 "$reach_pid" 2>/dev/null || die "reach watch exited: $(tail -3 "$work/watch.log")"
  sample >>"$samples"
done
read -r busy1 all1 < <(busy_ticks)
bytes1=$(store_bytes); db1=$(db_bytes); rows1=$(raw_rows)
peak_kb=$(awk '/^VmHWM/ { print $2 }' "/proc/$reach_pid/status")
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
listener_ticks=$(awk '{ print $14 + $15 }' "/proc/$listener_pid/stat")

# What the targets ended as, and how the store's bytes split (dbstat) on a consistent copy.
sqlite3 -readonly "$work/data/reach.db" ".backup '$work/copy.db'"
states="$(sqlite3 -newline '; ' "$work/copy.db" "SELECT check_name || ': ' || GROUP_CONCAT(n || ' ' || s, ', ') FROM (SELECT check_name, CASE status WHEN 1 THEN 'up' WHEN 2 THEN 'down' ELSE 'unknown' END s, COUNT(*) n FROM targets GROUP BY 1, 2) GROUP BY check_name")"
raw_table_bytes=$(sqlite3 "$work/copy.db" "SELECT SUM(pgsize) FROM dbstat WHERE name IN ('results', 'results_target_at', 'results_at')")
raw_count=$(sqlite3 "$work/copy.db" "SELECT COUNT(*) FROM results")
# Roll the copy's raw rows up into minutes exactly as compaction does, to learn what one minute row costs.
sqlite3 "$work/copy.db" "INSERT INTO results_minute (target, bucket, probes, successes, failures, latency_sum_us, latency_count, latency_min_us, latency_max_us)
  SELECT target, (at / 60000) * 60000, COUNT(*), SUM(verdict = 1), SUM(verdict = 0), COALESCE(SUM(latency_us), 0), COUNT(latency_us), MIN(latency_us), MAX(latency_us) FROM results GROUP BY 1, 2
  ON CONFLICT DO NOTHING"
minute_bytes=$(sqlite3 "$work/copy.db" "SELECT SUM(pgsize) FROM dbstat WHERE name IN ('results_minute', 'results_minute_bucket')")
minute_count=$(sqlite3 "$work/copy.db" "SELECT COUNT(*) FROM results_minute")
retention="$(awk '/^history:/ { sub(/^history: */, ""); print }' "$work/reach.yaml")"

report="$work/report.txt"
awk -v total="$total" -v interval="$interval_s" -v open="$open_n" -v closed="$closed_n" -v filtered="$filtered_n" \
    -v hz="$(getconf CLK_TCK)" -v peak="$peak_kb" -v peakwarm="$peak_warm_kb" -v warm="$warm_seconds" \
    -v bytes0="$bytes0" -v bytes1="$bytes1" -v db0="$db0" -v db1="$db1" -v rows0="$rows0" -v rows1="$rows1" \
    -v busy="$((busy1 - busy0))" -v all="$((all1 - all0))" -v load0="$load_before" -v load1="$load_after" \
    -v rawbytes="$raw_table_bytes" -v rawcount="$raw_count" -v minbytes="$minute_bytes" -v mincount="$minute_count" \
    -v retention="${retention:-default}" -v states="$states" -v listener="$listener_ticks" -v when="$(date -u +%FT%TZ)" '
  function mb(b) { return b / 1048576 }
  function gb(b) { return b / 1073741824 }
  function days(text, key, dflt,   m) { # "7d", "12h" from the history block, else the default (days)
    if (match(text, key ": *[0-9]+[dhm]")) { m = substr(text, RSTART, RLENGTH); sub(/.*: */, "", m)
      return m ~ /d$/ ? m + 0 : m ~ /h$/ ? (m + 0) / 24 : (m + 0) / 1440 }
    return dflt }
  function goal(ok, text) { printf "%-5s %s\n", ok ? "PASS" : "MISS", text; if (!ok) misses++ }
  {
    n++; t[n] = $1; ticks[n] = $2; rss[n] = $3; count[n] = $4; sum[n] = $5; p50[n] = $6; p99[n] = $8; ms[n] = $11; maxlag = $12
    if ($8 > maxp99) maxp99 = $8
    if (n > 1) { p50s[n - 1] = $6; p99s[n - 1] = $8 }
    if ($3 > maxrss) maxrss = $3
    rsssum += $3; scrapems += $11
  }
  END {
    secs = (t[n] - t[1]) / 1000
    cpu = 100 * (ticks[n] - ticks[1]) / hz / secs
    started = count[n] - count[1]
    rate = started / secs
    meanlag = started > 0 ? (sum[n] - sum[1]) / started : 0
    # Sort the per-scrape p50s and p99s (each covers the last minute) for their medians.
    m = n - 1
    for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) { if (p50s[j] < p50s[i]) { x = p50s[i]; p50s[i] = p50s[j]; p50s[j] = x } if (p99s[j] < p99s[i]) { x = p99s[i]; p99s[i] = p99s[j]; p99s[j] = x } }
    medp50 = p50s[int((m + 1) / 2)]; medp99 = p99s[int((m + 1) / 2)]
    stored = (rows1 - rows0) / secs
    growth_h = (bytes1 - bytes0) / secs * 3600
    growth_db_h = (db1 - db0) / secs * 3600
    per_raw = rawcount > 0 ? rawbytes / rawcount : 0
    per_min = mincount > 0 ? minbytes / mincount : 0
    raw_day = rate * 86400 * per_raw
    rd = days(retention, "raw", 7); md = days(retention, "minutes", 30); hd = days(retention, "hours", 400)
    steady_raw = raw_day * rd
    steady_min = total * 1440 * md * per_min
    steady_hour = total * 24 * hd * per_min
    printf "reach watch benchmark, %s (namespace-only lab, AnyIP 10.88.0.0/18)\n", when
    printf "targets            %d (%d open, %d closed, %d filtered/DROP) every %ss, timeout from the config\n", total, open, closed, filtered, interval
    printf "ended as           %s\n", states
    printf "warm-up            %d s (two full rounds + extra); measured %.0f s, %d scrapes of /metrics (mean %.0f ms each)\n", warm, secs, n, scrapems / n
    printf "machine            load %s before, %s after; all CPUs %.0f%% busy during the run (2 cores = 200%%)\n", load0, load1, 200 * busy / all
    printf "\n%-34s %14s %14s\n", "measure", "value", "goal"
    printf "%-34s %14.1f %14s\n", "CPU, % of one core", cpu, "< 50"
    printf "%-34s %14.1f %14s\n", "RSS steady (mean of samples), MB", rsssum / n / 1024, "< 300"
    printf "%-34s %14.1f %14s\n", "RSS peak (VmHWM, whole run), MB", peak / 1024, "< 300"
    printf "%-34s %14.4f %14s\n", "lag p50 (median of scrapes), s", medp50, ""
    printf "%-34s %14.4f %14s\n", "lag p99 (median of scrapes), s", medp99, ""
    printf "%-34s %14.4f %14s\n", "lag p99 (worst scrape), s", maxp99, "< 1"
    printf "%-34s %14.4f %14s\n", "lag mean (sum/count), s", meanlag, ""
    printf "%-34s %14.4f %14s\n", "lag max (any start, whole run), s", maxlag, ""
    printf "%-34s %14.1f %14.1f\n", "probes started per s", rate, total / interval
    printf "%-34s %14.1f %14s\n", "results stored per s", stored, ""
    printf "%-34s %14d %14s\n", "overlap skips / missed slots", (p = 0), ""
    printf "%-34s %14.1f %14s\n", "store growth db+wal, MB/h", mb(growth_h), ""
    printf "%-34s %14.1f %14s\n", "store growth db only, MB/h", mb(growth_db_h), ""
    printf "%-34s %14.1f %14s\n", "bytes per raw result (dbstat)", per_raw, ""
    printf "%-34s %14.1f %14s\n", "bytes per minute/hour row", per_min, ""
    printf "%-34s %14.2f %14s\n", "raw history per day, GB", gb(raw_day), "stated"
    printf "%-34s %14.1f %14s\n", "steady-state store, GB", gb(steady_raw + steady_min + steady_hour), ""
    printf "\nSteady state with history %s (raw %gd, minutes %gd, hours %gd): raw %.1f GB + minute rows %.1f GB + hour rows %.1f GB.\n", retention, rd, md, hd, gb(steady_raw), gb(steady_min), gb(steady_hour)
    printf "The listener (not reach) used %.1f s of CPU in all.\n", listener / hz
    printf "\nGoals:\n"
    goal(maxp99 < 1, sprintf("scheduler lag p99 under 1 s: worst scrape %.3f s, median scrape %.3f s", maxp99, medp99))
    goal(cpu < 50, sprintf("CPU under 50%% of one core: %.1f%%", cpu))
    goal(peak / 1024 < 300, sprintf("memory under 300 MB: peak %.0f MB, steady %.0f MB", peak / 1024, rsssum / n / 1024))
    goal(rate >= 0.97 * total / interval, sprintf("keeps the rate: %.0f probes/s of %.0f", rate, total / interval))
    if (misses) exit 3
  }' "$samples" >"$report" || status=$?
# Overlap skips and missed slots over the measured period (the awk above prints a placeholder row).
skips=$(awk 'NR == 1 { s = $9; m = $10 } END { printf "%d / %d", $9 - s, $10 - m }' "$samples")
sed -i "s|^overlap skips / missed slots .*|$(printf '%-34s %14s' 'overlap skips / missed slots' "$skips")|" "$report"
cat "$report"
if ((${status:-0} == 3)) && [[ "${BENCH_STRICT:-0}" == 1 ]]; then exit 3; fi
exit 0
