#!/usr/bin/env bash
# bench/scan.sh: how fast (and how exact) is `reach scan`, next to nmap and masscan, on the scan lab?
#
# Everything runs inside the scan lab's network namespaces (bench/scan-lab/lab.sh): the tools run in the client
# namespace, which has no default route; the targets are the lab's own addresses (the scan target and the firewalled
# target). Nothing is sent from or to the root namespace.
#
# Usage:  sudo bench/scan.sh [SCENARIO...]     (default: all of them)
#   SCENARIO: ports sweep filtered dead memory              the friendly scan target
#             deny-top deny-all deny24 limited lossy        the firewalled target (issue 12)
#   memory: the peak RSS (GNU time %M) of `reach scan --list` for a /24, a /16, a /8 shard and the whole /8 (one run:
#           16.7 million lines, about two minutes): flat, whatever the range size (nothing proportional to the target
#           space is allocated). reach only.
# Environment:
#   RUNS=5            timed runs per tool and scenario (min and median are reported)
#   SLOW_RUNS=3       runs of nmap over the /16 (about two minutes each for -sT) and over all ports of the deny host
#                     (about 90 s each)
#   TOOLS="reach c-floor nmap-sT nmap-sS masscan"   which tools to time (c-floor: bench/reference/connect-sweep.c,
#                     a plain C epoll connect loop: the floor for a connect scan on this machine, ports and sweep only)
#   REACH_BIN=path    time this binary instead of publishing src/Reach.Cli with NativeAOT
#   REACH_ARGS=""     extra options for every reach scan (e.g. "--max-inflight 4096")
#   MASSCAN_RATE=100000  masscan --rate;  MASSCAN_WAIT=2  masscan --wait (seconds after the last probe)
#   LOSSY_P=0.2       the lossy host's loss each way during the lossy scenario (the lab's own is SCANLAB_LOSS, 0.1)
#   PORTS_BASELINE_MS=n  reach's earlier median for `ports`: adds the goal "no slower than before (within 10%)"
#   REACH_BASELINE_BIN=path  an earlier reach binary, timed as tool `reach-base` in the same run (ports, sweep): the
#                     goal "no slower than before" is then judged against it, not against a number from another day
#   RUN_TIMEOUT=1800  seconds one timed run may take before it is killed (recorded as exit 124)
#   KEEP_LAB=1        leave the lab up afterwards (the next run reuses it; `bench/scan-lab/lab.sh down` removes it)
#   RESULTS_DIR=dir   where results go (default: bench/results/, git-ignored)
#   BENCH_STRICT=1    exit 3 when a goal is missed
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/scan-lab/lab.sh
source "$repo/bench/scan-lab/lab.sh"

runs="${RUNS:-5}"
slow_runs="${SLOW_RUNS:-3}"
tools="${TOOLS:-reach c-floor nmap-sT nmap-sS masscan}"
masscan_rate="${MASSCAN_RATE:-100000}"
masscan_wait="${MASSCAN_WAIT:-2}"
lossy_p="${LOSSY_P:-0.2}"
ports_baseline="${PORTS_BASELINE_MS:-0}"
run_timeout="${RUN_TIMEOUT:-1800}"
results="${RESULTS_DIR:-$repo/bench/results}"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
scenarios=("$@")
((${#scenarios[@]})) || scenarios=(ports sweep filtered dead deny-top deny-all deny24 limited lossy memory)
work=""
pinger_pid=""
loss_changed=0

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'scan.sh: %s\n' "$*" >&2; exit 1; }

[[ "$runs" =~ ^[1-9][0-9]*$ && "$slow_runs" =~ ^[1-9][0-9]*$ ]] || die "RUNS and SLOW_RUNS must be positive numbers"
[[ "$run_timeout" =~ ^[1-9][0-9]*$ && "$ports_baseline" =~ ^[0-9]+$ ]] || die "RUN_TIMEOUT and PORTS_BASELINE_MS must be numbers"
[[ "$lossy_p" =~ ^(0(\.[0-9]+)?|1(\.0+)?)$ ]] || die "LOSSY_P must be a probability (0 to 1)"
((EUID == 0)) || die "needs root: it creates network namespaces and may apt-get install tools"
for s in "${scenarios[@]}"; do
  [[ "$s" =~ ^(ports|sweep|filtered|dead|deny-top|deny-all|deny24|limited|lossy|memory)$ ]] ||
    die "unknown scenario '$s' (ports, sweep, filtered, dead, deny-top, deny-all, deny24, limited, lossy, memory)"
done

# --- Tools --------------------------------------------------------------------------------------------------------
declare -A package_for=([nmap]=nmap [masscan]=masscan [jq]=jq [gcc]=gcc [ip]=iproute2 [iptables]=iptables [ping]=iputils-ping)
missing=()
for tool in nmap masscan jq gcc ip iptables ping; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("${package_for[$tool]}")
done
[[ -x /usr/bin/time ]] || missing+=(time) # GNU time (the shell's `time` keyword cannot report peak memory)
if ((${#missing[@]} > 0)); then
  log "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
mkdir -p "$results"
work="$(mktemp -d -t reach-scanbench.XXXXXX)"
if [[ " $tools " == *" c-floor "* ]]; then
  gcc -O2 -Wall -o "$work/connect-sweep" "$repo/bench/reference/connect-sweep.c"
fi

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  [[ -n "$pinger_pid" ]] && { kill "$pinger_pid" 2>/dev/null || true; wait "$pinger_pid" 2>/dev/null || true; }
  if [[ "${KEEP_LAB:-0}" == 1 ]]; then
    ((loss_changed == 0)) || scanlab_fw_set_loss "$SCANLAB_LOSS" || log "could not put the lossy host's loss back to $SCANLAB_LOSS"
    log "leaving the lab up (KEEP_LAB=1): bench/scan-lab/lab.sh down removes it"
  else
    scanlab_down
  fi
  [[ -n "$work" ]] && rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- reach --------------------------------------------------------------------------------------------------------
reach=""
if [[ " $tools " == *" reach "* ]]; then
  if [[ -n "${REACH_BIN:-}" ]]; then
    reach="$(realpath "$REACH_BIN")"
    log "timing REACH_BIN=$reach"
  elif command -v dotnet >/dev/null 2>&1; then
    out="$results/reach-aot"
    log "publishing src/Reach.Cli with NativeAOT to $out"
    if dotnet publish "$repo/src/Reach.Cli/Reach.Cli.csproj" -c Release -r linux-x64 -o "$out" >"$work/publish.log" 2>&1; then
      reach="$out/reach"
    else
      tail -20 "$work/publish.log" >&2
      log "publish failed: reach is left out"
    fi
  else
    log "no dotnet and no REACH_BIN: reach is left out"
  fi
fi

reach_base=""
if [[ -n "${REACH_BASELINE_BIN:-}" ]]; then
  reach_base="$(realpath "$REACH_BASELINE_BIN")"
  tools="$tools reach-base"
  log "timing REACH_BASELINE_BIN=$reach_base as reach-base"
fi

# --- The lab --------------------------------------------------------------------------------------------------------
scanlab_up || die "could not build the scan lab"
if [[ -n "$reach" ]] && ! scanlab_in_client "$reach" scan "$SCANLAB_HOST_V4" -p 80 --list >"$work/probe.out" 2>&1; then
  log "this reach has no working 'scan' command yet ($(head -1 "$work/probe.out")): reach is left out"
  reach=""
fi
if [[ " $tools " == *" masscan "* ]]; then
  # masscan has its own TCP stack: its SYN-ACKs must not also reach the client kernel (which would answer RST).
  scanlab_in_client iptables -C INPUT -p tcp --dport 61000 -j DROP 2>/dev/null ||
    scanlab_in_client iptables -A INPUT -p tcp --dport 61000 -j DROP
  router_mac="$(ip -n "$SCANLAB_TARGET" link show veth-s | awk '/link\/ether/ { print $2 }')"
  # masscan 1.3.2's receive thread blocks in libpcap until a packet arrives: on a quiet veth it never sees the end of
  # the scan and waits forever ("waiting -N secs"). A ping every 20 ms from the target to the client wakes it.
  ip netns exec "$SCANLAB_TARGET" ping -q -i 0.02 "$SCANLAB_CLIENT_V4" >/dev/null 2>&1 &
  pinger_pid=$!
fi

host_ports_csv() { printf '%s\n' "$@" | paste -sd, -; }
drop_ports="$(host_ports_csv $SCANLAB_DROP_PORTS)"

scanlab_truth host-open | awk -v h="$SCANLAB_HOST_V4" '{ print h, $1 }' | sort >"$work/truth-ports"
scanlab_truth anyip-open | awk '{ print $1, 443 }' | sort >"$work/truth-sweep"
: >"$work/truth-empty"
# The firewalled target: every listen port (22 80 443 3389 8080) is among the top 100 and the top 1000 of reach and
# nmap, so the open pairs need no filter for --top; ports 1-1000 keep 22, 80, 443.
scanlab_truth deny-open | sort >"$work/truth-deny"
scanlab_truth deny24-open | sort >"$work/truth-deny24"
scanlab_truth limited-open | awk '$2 <= 1000' | sort >"$work/truth-limited"
scanlab_truth lossy-open | awk '$2 <= 1000' | sort >"$work/truth-lossy"

# --- Output parsers: each prints the open "ADDRESS PORT" pairs it finds ---------------------------------------------
open_reach() { jq -r 'select(.type == "port" and .state == "open") | "\(.address) \(.port)"' "$1" 2>/dev/null; }
open_nmap() { # -oG: Host: 10.231.8.2 ()	Ports: 22/open/tcp//ssh///, 23/filtered/tcp//telnet///
  awk -F'\t' '/Ports: / {
    split($1, h, " "); sub(/^Ports: /, "", $2); n = split($2, ports, ", ")
    for (i = 1; i <= n; i++) { split(ports[i], f, "/"); if (f[2] == "open") print h[2], f[1] }
  }' "$1"
}
open_masscan() { awk '$1 == "open" { print $4, $3 }' "$1"; } # -oL: open tcp 80 10.231.8.2 1700000000
open_floor() { awk 'NF == 2' "$1"; }                           # connect-sweep: "10.231.8.2 80"
filtered_reach() { jq -r 'select(.type == "port" and .state == "filtered") | "\(.address) \(.port)"' "$1" 2>/dev/null | wc -l; }
filtered_nmap() { grep -o '[0-9]*/filtered/' "$1" | wc -l; }
# "closed=N filtered=N": how the tool called the ports that are not open (reach needs --all).
states_reach() { jq -r 'select(.type == "port") | .state' "$1" 2>/dev/null | awk '{ c[$1]++ } END { printf "closed=%d filtered=%d", c["closed"], c["filtered"] }'; }
states_nmap() { # -oG: listed ports, plus "Ignored State: filtered (997)" for the ones it left out
  awk -F'\t' '
    /Ports: / {
      for (k = 2; k <= NF; k++) {
        if ($k ~ /^Ports: /) { p = $k; sub(/^Ports: /, "", p); n = split(p, ports, ", "); for (i = 1; i <= n; i++) { split(ports[i], f, "/"); c[f[2]]++ } }
        if ($k ~ /^Ignored State: /) { split($k, w, /[ ()]+/); c[w[3]] += w[4] }
      }
    }
    END { printf "closed=%d filtered=%d", c["closed"], c["filtered"] }' "$1"
}

# Packets the kernel dropped because a CPU's input backlog (net.core.netdev_max_backlog, a host-wide setting the lab
# leaves alone) was full: a burst of raw packets into a veth (masscan) can overflow it, and the probes are then lost
# before the target sees them. Read-only, from /proc/net/softnet_stat (second column, hex, one line per CPU).
softnet_drops() {
  local total=0 line fields
  while read -r line; do
    read -r -a fields <<<"$line"
    total=$((total + 16#${fields[1]}))
  done </proc/net/softnet_stat
  echo "$total"
}

# --- Timing -------------------------------------------------------------------------------------------------------
csv="$results/scan-$stamp.csv"
echo "scenario,tool,run,ms,missed,extra,exit,note" >"$csv"

# time_tool SCENARIO TOOL RUNS TRUTH PARSER CMD...: runs CMD in the client RUNS times; records ms, missed, extra.
time_tool() {
  local scenario="$1" tool="$2" n="$3" truth="$4" parser="$5"
  shift 5
  local i out err start end ms rc missed extra note drops
  log "$scenario / $tool: $n run(s): $*"
  for ((i = 1; i <= n; i++)); do
    out="$work/$scenario-$tool-$i.out"
    err="$work/$scenario-$tool-$i.err"
    drops=$(softnet_drops)
    start=$(date +%s%N)
    rc=0
    scanlab_in_client timeout -k 5 "$run_timeout" "$@" >"$out" 2>"$err" </dev/null || rc=$?
    end=$(date +%s%N)
    drops=$(($(softnet_drops) - drops))
    ms=$(((end - start) / 1000000))
    "$parser" "$out" | sort -u >"$out.open"
    missed=$(comm -23 "$truth" "$out.open" | wc -l)
    extra=$(comm -13 "$truth" "$out.open" | wc -l)
    note=""
    case "$scenario" in
      filtered) note="filtered=$("filtered_${parser#open_}" "$out")" ;;
      dead) [[ "$tool" == reach* ]] && note="filtered=$(filtered_reach "$out")" ;;
      deny-top | deny-all | deny24 | limited | lossy) note="$("states_${parser#open_}" "$out")" ;;
    esac
    ((rc != 124)) || note="${note:+$note }timeout=${run_timeout}s"
    ((drops == 0)) || note="${note:+$note }backlog-drops=$drops"
    echo "$scenario,$tool,$i,$ms,$missed,$extra,$rc,$note" >>"$csv"
    printf '    run %d: %6d ms  missed %d  extra %d  exit %d %s\n' "$i" "$ms" "$missed" "$extra" "$rc" "$note" >&2
    if ((missed > 0)); then
      printf '    missed, e.g.: %s\n' "$(comm -23 "$truth" "$out.open" | head -5 | paste -sd, -)" >&2
    fi
  done
}

has() { [[ " $tools " == *" $1 "* ]] && { [[ "$1" != reach ]] || [[ -n "$reach" ]]; }; }
mscan() { echo masscan --adapter veth-cs --adapter-ip "$SCANLAB_CLIENT_V4" --adapter-port 61000 --router-mac "$router_mac" --wait "$masscan_wait" --rate "$masscan_rate" "$@"; }
read -r -a reach_args <<<"${REACH_ARGS:-}"

for scenario in "${scenarios[@]}"; do
  case "$scenario" in
    ports) # 1. all 65,535 ports of the port-rich host
      has reach && time_tool ports reach "$runs" "$work/truth-ports" open_reach "$reach" scan "$SCANLAB_HOST_V4" -p- --format jsonl "${reach_args[@]}"
      has reach-base && time_tool ports reach-base "$runs" "$work/truth-ports" open_reach "$reach_base" scan "$SCANLAB_HOST_V4" -p- --format jsonl "${reach_args[@]}"
      has c-floor && time_tool ports c-floor "$runs" "$work/truth-ports" open_floor "$work/connect-sweep" "$SCANLAB_HOST_V4" 1 65535 4096
      has nmap-sT && time_tool ports nmap-sT "$runs" "$work/truth-ports" open_nmap nmap -sT -Pn -n -p- -T4 -oG - "$SCANLAB_HOST_V4"
      has nmap-sS && time_tool ports nmap-sS "$runs" "$work/truth-ports" open_nmap nmap -sS -Pn -n -p- -T4 -oG - "$SCANLAB_HOST_V4"
      # shellcheck disable=SC2046
      has masscan && time_tool ports masscan "$runs" "$work/truth-ports" open_masscan $(mscan -p1-65535 -oL /dev/stdout "$SCANLAB_HOST_V4")
      ;;
    sweep) # 2. port 443 over the AnyIP /16
      has reach && time_tool sweep reach "$runs" "$work/truth-sweep" open_reach "$reach" scan "$SCANLAB_ANYIP_V4" -p 443 --format jsonl "${reach_args[@]}"
      has reach-base && time_tool sweep reach-base "$runs" "$work/truth-sweep" open_reach "$reach_base" scan "$SCANLAB_ANYIP_V4" -p 443 --format jsonl "${reach_args[@]}"
      has c-floor && time_tool sweep c-floor "$runs" "$work/truth-sweep" open_floor "$work/connect-sweep" "$SCANLAB_ANYIP_V4" 443 443 4096
      has nmap-sT && time_tool sweep nmap-sT "$slow_runs" "$work/truth-sweep" open_nmap nmap -sT -Pn -n -p 443 -T4 -oG - "$SCANLAB_ANYIP_V4"
      has nmap-sS && time_tool sweep nmap-sS "$slow_runs" "$work/truth-sweep" open_nmap nmap -sS -Pn -n -p 443 -T4 -oG - "$SCANLAB_ANYIP_V4"
      # shellcheck disable=SC2046
      has masscan && time_tool sweep masscan "$runs" "$work/truth-sweep" open_masscan $(mscan -p443 -oL /dev/stdout "$SCANLAB_ANYIP_V4")
      ;;
    filtered) # 3. ten DROPped ports of the port-rich host: time to a verdict
      has reach && time_tool filtered reach "$runs" "$work/truth-empty" open_reach "$reach" scan "$SCANLAB_HOST_V4" -p "$drop_ports" --all --format jsonl "${reach_args[@]}"
      has nmap-sT && time_tool filtered nmap-sT "$runs" "$work/truth-empty" open_nmap nmap -sT -Pn -n -p "$drop_ports" -T4 -oG - "$SCANLAB_HOST_V4"
      has nmap-sS && time_tool filtered nmap-sS "$runs" "$work/truth-empty" open_nmap nmap -sS -Pn -n -p "$drop_ports" -T4 -oG - "$SCANLAB_HOST_V4"
      ;;
    memory) # 5. peak memory of --list: recorded after the timings, in its own table
      ;;
    dead) # 4. a /24 where nothing answers
      has reach && time_tool dead reach "$runs" "$work/truth-empty" open_reach "$reach" scan "$SCANLAB_DEAD_V4" -p 443 --all --format jsonl "${reach_args[@]}"
      has nmap-sT && time_tool dead nmap-sT "$runs" "$work/truth-empty" open_nmap nmap -sT -Pn -n -p 443 -T4 -oG - "$SCANLAB_DEAD_V4"
      has nmap-sS && time_tool dead nmap-sS "$runs" "$work/truth-empty" open_nmap nmap -sS -Pn -n -p 443 -T4 -oG - "$SCANLAB_DEAD_V4"
      ;;
    deny-top) # 6. the default-deny host: 3 open ports, the rest of the top 1000 dropped
      has reach && time_tool deny-top reach "$runs" "$work/truth-deny" open_reach "$reach" scan "$SCANLAB_DENY_V4" --top 1000 --all --format jsonl "${reach_args[@]}"
      has nmap-sT && time_tool deny-top nmap-sT "$runs" "$work/truth-deny" open_nmap nmap -sT -Pn -n --top-ports 1000 -T4 -oG - "$SCANLAB_DENY_V4"
      ;;
    deny-all) # 7. every port of the default-deny host
      has reach && time_tool deny-all reach "$runs" "$work/truth-deny" open_reach "$reach" scan "$SCANLAB_DENY_V4" -p- --all --format jsonl "${reach_args[@]}"
      has nmap-sT && time_tool deny-all nmap-sT "$slow_runs" "$work/truth-deny" open_nmap nmap -sT -Pn -n -p- -T4 -oG - "$SCANLAB_DENY_V4"
      ;;
    deny24) # 8. a /24 of default-deny hosts, each with its own open ports (some with none)
      has reach && time_tool deny24 reach "$runs" "$work/truth-deny24" open_reach "$reach" scan "$SCANLAB_DENY24_V4" --top 100 --all --format jsonl "${reach_args[@]}"
      has nmap-sT && time_tool deny24 nmap-sT "$runs" "$work/truth-deny24" open_nmap nmap -sT -Pn -n --top-ports 100 -T4 -oG - "$SCANLAB_DENY24_V4"
      ;;
    limited) # 9. a host that drops SYNs above SCANLAB_LIMIT_RATE/s
      has reach && time_tool limited reach "$runs" "$work/truth-limited" open_reach "$reach" scan "$SCANLAB_LIMITED_V4" -p 1-1000 --all --format jsonl "${reach_args[@]}"
      has nmap-sT && time_tool limited nmap-sT "$runs" "$work/truth-limited" open_nmap nmap -sT -Pn -n -p 1-1000 -T4 -oG - "$SCANLAB_LIMITED_V4"
      ;;
    lossy) # 10. a host that loses LOSSY_P of the packets each way (the lab's SCANLAB_LOSS is put back afterwards)
      if has reach || has nmap-sT; then
        loss_changed=1
        scanlab_fw_set_loss "$lossy_p" || die "could not set the lossy host's loss to $lossy_p"
        log "lossy host: $lossy_p of the packets dropped each way"
      fi
      has reach && time_tool lossy reach "$runs" "$work/truth-lossy" open_reach "$reach" scan "$SCANLAB_LOSSY_V4" -p 1-1000 --all --format jsonl "${reach_args[@]}"
      has nmap-sT && time_tool lossy nmap-sT "$runs" "$work/truth-lossy" open_nmap nmap -sT -Pn -n -p 1-1000 -T4 -oG - "$SCANLAB_LOSSY_V4"
      if ((loss_changed)); then
        scanlab_fw_set_loss "$SCANLAB_LOSS" && loss_changed=0 || log "could not put the lossy host's loss back to $SCANLAB_LOSS"
      fi
      ;;
  esac
done

# --- Report -------------------------------------------------------------------------------------------------------
report="$results/scan-$stamp.txt"
status=0
awk -F, -v reach_there="$([[ -n "$reach" ]] && echo 1 || echo 0)" -v lossy_p="$lossy_p" -v ports_baseline="$ports_baseline" \
  -v deny="$SCANLAB_DENY_V4" -v deny24="$SCANLAB_DENY24_V4" -v limited="$SCANLAB_LIMITED_V4" -v lossy="$SCANLAB_LOSSY_V4" \
  -v limit_rate="$SCANLAB_LIMIT_RATE" -v limit_burst="$SCANLAB_LIMIT_BURST" '
  NR == 1 { next }
  {
    key = $1 SUBSEP $2
    if (!(key in count)) { order[++keys] = key }
    ms[key, ++count[key]] = $4 + 0
    if ($5 + 0 > missed[key]) missed[key] = $5 + 0
    if ($6 + 0 > extra[key]) extra[key] = $6 + 0
    if ($8 != "") note[key] = $8
    if (match($8, /backlog-drops=[0-9]+/)) { d = substr($8, RSTART + 14, RLENGTH - 14) + 0; if (d > drops[key]) drops[key] = d }
    if ($8 ~ /timeout=/) timedout[key] = 1
  }
  function sortms(key, n,   i, j, t) {
    for (i = 1; i <= n; i++) v[i] = ms[key, i]
    for (i = 2; i <= n; i++) { t = v[i]; for (j = i - 1; j >= 1 && v[j] > t; j--) v[j + 1] = v[j]; v[j + 1] = t }
  }
  function median(key,   n) { n = count[key]; sortms(key, n); return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2 }
  function minimum(key) { sortms(key, count[key]); return v[1] }
  function goal(ok, text) { printf "%-5s %s\n", ok ? "PASS" : "MISS", text; if (!ok) misses++ }
  # Every open port found, none extra, and no run killed by RUN_TIMEOUT (its time would flatter the median).
  function found(s) { return missed[s SUBSEP "reach"] == 0 && extra[s SUBSEP "reach"] == 0 && !((s SUBSEP "reach") in timedout) }
  # At least 2x faster than nmap -sT -T4 on a firewalled scenario, every open port found.
  function faster(s, what) {
    if (!((s, "reach") in med)) return
    if (!((s, "nmap-sT") in med)) { printf "SKIP  %s against nmap -sT: nmap-sT was not timed (TOOLS)\n", what; return }
    late = ((s SUBSEP "reach") in timedout) ? ", a run timed out" : ""
    goal(med[s, "nmap-sT"] >= 2 * med[s, "reach"] && found(s),
      sprintf("%s at least 2x faster than nmap -sT -T4, every open port found: %.1fx (%d ms vs %d ms), reach missed %d, extra %d%s",
        what, med[s, "nmap-sT"] / med[s, "reach"], med[s, "reach"], med[s, "nmap-sT"], missed[s SUBSEP "reach"], extra[s SUBSEP "reach"], late))
  }
  # Every open port found; the time beside that of nmap (no speed goal).
  function exact(s, what) {
    if (!((s, "reach") in med)) return
    late = ((s SUBSEP "reach") in timedout) ? ", a run timed out" : ""
    beside = ((s, "nmap-sT") in med) ? sprintf(" (nmap -sT -T4: %d ms, %.2fx reach)", med[s, "nmap-sT"], med[s, "nmap-sT"] / med[s, "reach"]) : ""
    goal(found(s), sprintf("%s: every open port found and none extra: missed %d, extra %d; %d ms%s%s", what, missed[s SUBSEP "reach"],
      extra[s SUBSEP "reach"], med[s, "reach"], beside, late))
  }
  END {
    titles["ports"] = "1. all 65,535 ports of 10.231.8.2"
    titles["sweep"] = "2. port 443 over 10.233.0.0/16 (65,536 addresses)"
    titles["filtered"] = "3. ten DROPped ports of 10.231.8.2"
    titles["dead"] = "4. port 443 over the dead 10.234.0.0/24"
    titles["deny-top"] = "6. --top 1000 of the default-deny host " deny " (3 open, 997 dropped)"
    titles["deny-all"] = "7. all 65,535 ports of the default-deny host " deny " (3 open)"
    titles["deny24"] = "8. --top 100 over " deny24 ", default-deny hosts with their own open ports (53 fully dark)"
    titles["limited"] = "9. ports 1-1000 of " limited ", SYNs above " limit_rate "/s (burst " limit_burst ") dropped"
    titles["lossy"] = "10. ports 1-1000 of " lossy ", " lossy_p " of the packets lost each way"
    printf "reach scan benchmark (scan lab, inside network namespaces)\n"
    last = ""
    for (k = 1; k <= keys; k++) {
      split(order[k], p, SUBSEP); s = p[1]; t = p[2]
      if (s != last) {
        printf "\n%s\n%-10s %5s %10s %10s %8s %7s %9s  %s\n", titles[s], "tool", "runs", "min ms", "median ms", "missed", "extra", "x reach", "note"
        last = s
      }
      med[s, t] = median(order[k])
      ratio = ((s, "reach") in med && med[s, "reach"] > 0) ? sprintf("%.1fx", med[s, t] / med[s, "reach"]) : "-"
      text = note[order[k]]; sub(/ ?backlog-drops=[0-9]+/, "", text)
      if (drops[order[k]] > 0) text = text (text != "" ? " " : "") "backlog drops up to " drops[order[k]]
      printf "%-10s %5d %10d %10d %8d %7d %9s  %s\n", t, count[order[k]], minimum(order[k]), med[s, t], missed[order[k]], extra[order[k]], ratio, text
    }
    printf "\nGoals (judged on the median):\n"
    if (!reach_there) { print "SKIP  no reach scan to judge (set REACH_BIN, or wait for the scan command)"; exit 0 }
    if (("ports", "reach") in med)
      goal(med["ports", "reach"] < 1000 && missed["ports" SUBSEP "reach"] == 0 && extra["ports" SUBSEP "reach"] == 0,
        sprintf("reach -p- under 1 s with zero missed: %d ms, missed %d", med["ports", "reach"], missed["ports" SUBSEP "reach"]))
    if (("ports", "reach") in med && ("ports", "c-floor") in med && med["ports", "c-floor"] > 0)
      printf "INFO  reach -p- / the C connect loop on this machine: %.2fx (the issue: 1 s goal / 0.7 s C loop = 1.43x)\n", med["ports", "reach"] / med["ports", "c-floor"]
    if (("ports", "reach") in med && ("ports", "reach-base") in med && med["ports", "reach-base"] > 0)
      goal(med["ports", "reach"] <= 1.1 * med["ports", "reach-base"],
        sprintf("reach -p- no slower than the baseline binary (within 10%%, same run): %d ms vs %d ms, %.2fx",
          med["ports", "reach"], med["ports", "reach-base"], med["ports", "reach"] / med["ports", "reach-base"]))
    else if (("ports", "reach") in med && ports_baseline > 0)
      goal(med["ports", "reach"] <= 1.1 * ports_baseline,
        sprintf("reach -p- no slower than before (within 10%% of PORTS_BASELINE_MS=%d): %d ms, %.2fx", ports_baseline, med["ports", "reach"], med["ports", "reach"] / ports_baseline))
    if (("sweep", "reach") in med && ("sweep", "nmap-sT") in med)
      goal(med["sweep", "nmap-sT"] >= 2.5 * med["sweep", "reach"],
        sprintf("/16 sweep at least 2.5x faster than nmap -sT -T4: %.1fx (%d ms vs %d ms), reach missed %d",
          med["sweep", "nmap-sT"] / med["sweep", "reach"], med["sweep", "reach"], med["sweep", "nmap-sT"], missed["sweep" SUBSEP "reach"]))
    else if (("sweep", "reach") in med)
      print "SKIP  /16 sweep against nmap -sT: nmap-sT was not timed (TOOLS)"
    if (("sweep", "reach") in med && ("sweep", "c-floor") in med && med["sweep", "c-floor"] > 0)
      goal(med["sweep", "reach"] <= 1.1 * med["sweep", "c-floor"],
        sprintf("/16 sweep within 1.1x of the C connect loop (same run): %.2fx (%d ms vs %d ms)",
          med["sweep", "reach"] / med["sweep", "c-floor"], med["sweep", "reach"], med["sweep", "c-floor"]))
    if (("filtered", "reach") in med)
      goal(med["filtered", "reach"] < 300, sprintf("ten filtered ports under 0.3 s: %d ms", med["filtered", "reach"]))
    if (("dead", "reach") in med)
      goal(med["dead", "reach"] < 2000, sprintf("dead /24 under 2 s: %d ms", med["dead", "reach"]))
    faster("deny-top", "default-deny host --top 1000")
    faster("deny-all", "default-deny host -p-")
    faster("deny24", "default-deny /24 --top 100")
    exact("limited", "rate-limited host -p 1-1000")
    exact("lossy", sprintf("lossy host -p 1-1000 at %s loss each way", lossy_p))
    if (misses) exit 3
  }' "$csv" | tee "$report" || status=$?

# --- 5. Peak memory of --list ----------------------------------------------------------------------------------------
# peak_rss NAME N ARGS...: runs `reach scan ARGS --list` N times in the client (output to /dev/null), GNU time's %M
# (maximum resident set size, kB) each time; records one CSV row per run.
memory_csv="$results/scan-memory-$stamp.csv"
peak_rss() {
  local name="$1" n="$2" i kb rc
  shift 2
  log "memory / $name: $n run(s): reach scan $* --list"
  for ((i = 1; i <= n; i++)); do
    rc=0
    scanlab_in_client /usr/bin/time -f %M -o "$work/rss" "$reach" scan "$@" --list >/dev/null 2>"$work/rss.err" </dev/null || rc=$?
    kb="$(tail -1 "$work/rss")"
    ((rc == 0)) || { log "reach scan $* --list exited $rc: $(head -1 "$work/rss.err")"; kb=0; }
    echo "$name,$i,$kb,$rc" >>"$memory_csv"
    printf '    run %d: %8d kB  exit %d\n' "$i" "$kb" "$rc" >&2
  done
}
if [[ " ${scenarios[*]} " == *" memory "* ]] && has reach; then
  echo "target,run,peak_kb,exit" >"$memory_csv"
  peak_rss "/24" "$runs" 10.233.1.0/24 -p 443
  peak_rss "/16" "$runs" 10.0.0.0/16 -p 443
  peak_rss "/8 shard 1/100000" "$runs" 10.0.0.0/8 -p 443 --shard 1/100000
  peak_rss "/8" 1 10.0.0.0/8 -p 443
  awk -F, '
    NR == 1 { next }
    { if (!($1 in n)) order[++keys] = $1; kb[$1, ++n[$1]] = $3 + 0; if ($4 != 0) failed[$1] = 1 }
    function median(key,   c, i, j, t, v) {
      c = n[key]; for (i = 1; i <= c; i++) v[i] = kb[key, i]
      for (i = 2; i <= c; i++) { t = v[i]; for (j = i - 1; j >= 1 && v[j] > t; j--) v[j + 1] = v[j]; v[j + 1] = t }
      return c % 2 ? v[(c + 1) / 2] : (v[c / 2] + v[c / 2 + 1]) / 2
    }
    END {
      printf "\n5. peak memory of reach scan --list (GNU time: maximum RSS)\n%-20s %5s %12s %10s\n", "targets", "runs", "median kB", "x /24"
      base = median(order[1])
      for (k = 1; k <= keys; k++) {
        m[k] = median(order[k])
        printf "%-20s %5d %12d %10s%s\n", order[k], n[order[k]], m[k], (base > 0 ? sprintf("%.2fx", m[k] / base) : "-"), (failed[order[k]] ? "  (a run failed)" : "")
        median_of[order[k]] = m[k]
      }
      ok = (base > 0 && median_of["/8"] <= 1.25 * base)
      for (k in failed) ok = 0
      printf "%-5s peak memory flat, the whole /8 within 1.25x of the /24: %d kB vs %d kB\n", (ok ? "PASS" : "MISS"), median_of["/8"], base
      if (median_of["/16"] > 0)
        printf "INFO  the whole /8 (16.7M targets) against the /16 (65,536): %.2fx\n", median_of["/8"] / median_of["/16"]
      if (!ok) exit 3
    }' "$memory_csv" | tee -a "$report" || { rc=$?; ((rc == 3)) && status=3; }
fi

log "results: $report, $csv"
if ((status == 3)) && [[ "${BENCH_STRICT:-0}" == 1 ]]; then exit 3; fi
exit 0
