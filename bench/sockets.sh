#!/usr/bin/env bash
# bench/sockets.sh: how long does `reach sockets --json` take on a busy host, next to `ss -tuanp`?
#
# Everything runs inside a private network namespace this script creates and deletes: a Python helper opens a
# listener on the namespace's own 127.0.0.1 and CONNECTIONS connections to it (2 sockets each), then both tools read
# that namespace's tables. Nothing is sent outside the namespace's loopback.
#
# Usage:  sudo bench/sockets.sh
# Environment:
#   CONNECTIONS=10000   loopback connections (sockets = 2 x CONNECTIONS + 1 listener); at most 25000
#   WARMUP=3            hyperfine warmup runs per command
#   RUNS=20             hyperfine measured runs per command
#   REACH_BIN=path      time this binary instead of publishing src/Reach.Cli with NativeAOT
#   RESULTS_DIR=dir     where results go (default: bench/results/, git-ignored)
#   BREAKDOWN=1         also time where reach's time goes: `reach sockets --udp` (the owner walk over /proc/PID/fd,
#                       the UDP table being empty), `reach sockets --port 1` (both tables and the walk, no output),
#                       `ss -tuan` (ss without owners)
#   BENCH_STRICT=1      exit 3 when the goal (reach faster than ss) is missed
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
connections="${CONNECTIONS:-10000}"
warmup="${WARMUP:-3}"
runs="${RUNS:-20}"
results="${RESULTS_DIR:-$repo/bench/results}"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
ns="reach-bench-sockets-$$"
load_pid=""
bench_pid=""
ns_created=0
fifo=""

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'sockets.sh: %s\n' "$*" >&2; exit 1; }

[[ "$connections" =~ ^[0-9]+$ ]] && ((connections >= 1 && connections <= 25000)) || die "CONNECTIONS must be 1..25000"
[[ "$warmup" =~ ^[0-9]+$ && "$runs" =~ ^[0-9]+$ ]] && ((runs >= 2)) || die "WARMUP and RUNS must be numbers, RUNS >= 2"
((EUID == 0)) || die "needs root: it creates a network namespace (ip netns add) and may apt-get install tools"

# --- Tools --------------------------------------------------------------------------------------------------------
declare -A package_for=([hyperfine]=hyperfine [ip]=iproute2 [ss]=iproute2 [python3]=python3)
missing=()
for tool in hyperfine ip ss python3; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("${package_for[$tool]}")
done
if ((${#missing[@]} > 0)); then
  mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
  log "installing ${missing[*]}"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
fi
python="$(command -v python3)"
mkdir -p "$results"

# --- The binary under test ----------------------------------------------------------------------------------------
if [[ -n "${REACH_BIN:-}" ]]; then
  reach="$(realpath "$REACH_BIN")"
  log "timing REACH_BIN=$reach (not publishing)"
else
  command -v dotnet >/dev/null 2>&1 || die "dotnet not found (or set REACH_BIN to a published reach binary)"
  out="$results/reach-aot"
  log "publishing src/Reach.Cli with NativeAOT to $out"
  dotnet publish "$repo/src/Reach.Cli/Reach.Cli.csproj" -c Release -r linux-x64 -p:PublishAot=true -o "$out" >&2
  reach="$out/reach"
fi
[[ -x "$reach" ]] || die "not an executable: $reach"
[[ "$reach" != *[[:space:]]* ]] || die "the reach path must not contain spaces (hyperfine -N splits on them): $reach"

# --- Private namespace with the load ------------------------------------------------------------------------------
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  local pid
  for pid in $bench_pid $load_pid; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if ((ns_created)); then
    # Anything still running in the namespace was started by this script.
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill "$pid" 2>/dev/null || true; done
    ip netns del "$ns" 2>/dev/null || log "could not delete namespace $ns (ip netns del $ns)"
  fi
  [[ -n "$fifo" ]] && rm -rf "$(dirname "$fifo")"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log "creating network namespace $ns"
ip netns add "$ns"
ns_created=1
ip netns exec "$ns" ip link set lo up

# Two processes (server and client ends), as one process may not hold 20,000 descriptors.
ulimit -n "$(ulimit -Hn)"
fifos="$(mktemp -d -t reach-sockbench.XXXXXX)"
fifo="$fifos/server"
mkfifo "$fifos/server" "$fifos/client"
load="$repo/bench/sockets-load.py"
log "opening $connections loopback connections inside $ns ($((2 * connections + 1)) sockets)"
# Each helper holds its sockets until the cleanup kills it (at most an hour); its lines go to a fifo.
ip netns exec "$ns" "$python" "$load" server 9000 "$connections" 120 3600 >"$fifos/server" </dev/null &
load_pid=$!
exec 3<"$fifos/server"
read -r -t 30 listening <&3 && [[ "$listening" == listening ]] || die "the load server did not start"
ip netns exec "$ns" "$python" "$load" client 9000 "$connections" 120 3600 >"$fifos/client" </dev/null &
load_pid="$load_pid $!"
exec 4<"$fifos/client"
read -r -t 150 ready client_count <&4 && [[ "$ready" == ready ]] || die "the load client did not get ready"
read -r -t 150 ready server_count <&3 && [[ "$ready" == ready ]] || die "the load server did not get ready"
count=$((client_count + server_count))
total="$(ip netns exec "$ns" ss -Htan | wc -l)"
log "ready: $count sockets held, ss sees $total TCP sockets"

# --- The commands -------------------------------------------------------------------------------------------------
names=("reach sockets --json" "ss -tuanp")
commands=("$reach sockets --json" "ss -tuanp")
if [[ "${BREAKDOWN:-0}" == 1 ]]; then
  names+=("reach sockets --udp" "reach sockets --port 1" "ss -tuan")
  commands+=("$reach sockets --udp" "$reach sockets --port 1" "ss -tuan")
fi

log "sanity run of each command (inside $ns)"
sockets_in_json="$(ip netns exec "$ns" "$reach" sockets --json | grep -c '"proto"' || true)"
lines_in_ss="$(ip netns exec "$ns" ss -tuanpH | wc -l)"
log "reach listed $sockets_in_json sockets, ss $lines_in_ss"
((sockets_in_json >= 2 * connections)) || die "reach listed $sockets_in_json sockets, expected at least $((2 * connections))"

csv="$results/sockets-$stamp.csv"
json="$results/sockets-$stamp.json"
hyperfine_args=(-N --warmup "$warmup" --runs "$runs" --export-csv "$csv" --export-json "$json")
for i in "${!commands[@]}"; do
  hyperfine_args+=(-n "${names[$i]}" "${commands[$i]}")
done

log "hyperfine: $warmup warmup + $runs runs per command (inside $ns)"
ip netns exec "$ns" hyperfine "${hyperfine_args[@]}" >&2 &
bench_pid=$!
wait "$bench_pid"
bench_pid=""

# --- Report -------------------------------------------------------------------------------------------------------
report="$results/sockets-$stamp.txt"
awk -F, -v sockets="$count" -v runs="$runs" '
  NR == 1 { next }
  { mean[$1] = $2 * 1000; median[$1] = $4 * 1000; order[++n] = $1 }
  END {
    printf "reach sockets benchmark: %d sockets in a private network namespace, %d runs each\n\n", sockets, runs
    printf "%-22s %10s %10s\n", "command", "mean ms", "median ms"
    for (i = 1; i <= n; i++) printf "%-22s %10.1f %10.1f\n", order[i], mean[order[i]], median[order[i]]
    r = median["ss -tuanp"] > 0 ? median["reach sockets --json"] / median["ss -tuanp"] : 0
    printf "\nreach/ss (median): %.2fx\n", r
    printf "%s  reach sockets --json faster than ss -tuanp (median)\n", (r < 1 ? "PASS" : "MISS")
  }
' "$csv" | tee "$report"

log "results: $report, $csv, $json"
if [[ "${BENCH_STRICT:-0}" == 1 ]] && grep -q '^MISS' "$report"; then
  exit 3
fi
