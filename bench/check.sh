#!/usr/bin/env bash
# bench/check.sh: how long does a cold `reach check 127.0.0.1 PORT` take, next to `nc -z` and `nmap`?
#
# Everything that touches the network (the listener and every timed command) runs inside a private network
# namespace this script creates and deletes, so only that namespace's own loopback is ever used.
#
# Usage:  sudo bench/check.sh [PORT]
# Environment:
#   PORT=8080       port of the listener inside the namespace (the first argument wins)
#   WARMUP=20       hyperfine warmup runs per command
#   RUNS=200        hyperfine measured runs per command
#   REACH_BIN=path  time this binary instead of publishing src/Reach.Cli with NativeAOT
#   RESULTS_DIR=dir where results go (default: bench/results/, git-ignored)
#   BENCH_STRICT=1  exit 3 when a goal is missed (default: report only)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="${1:-${PORT:-8080}}"
warmup="${WARMUP:-20}"
runs="${RUNS:-200}"
results="${RESULTS_DIR:-$repo/bench/results}"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
ns="reach-bench-$$"
listener_pid=""
bench_pid=""
ns_created=0

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'check.sh: %s\n' "$*" >&2; exit 1; }

[[ "$port" =~ ^[0-9]+$ ]] && ((port >= 1 && port <= 65535)) || die "PORT must be 1..65535, got '$port'"
[[ "$warmup" =~ ^[0-9]+$ && "$runs" =~ ^[0-9]+$ ]] && ((runs >= 2)) || die "WARMUP and RUNS must be numbers, RUNS >= 2"
((EUID == 0)) || die "needs root: it creates a network namespace (ip netns add) and may apt-get install tools"

# --- Tools ---------------------------------------------------------------------------------------------------------
# command -> Debian package. nc must be the OpenBSD netcat (it has -k and -z).
declare -A package_for=([hyperfine]=hyperfine [nmap]=nmap [nc]=netcat-openbsd [ip]=iproute2 [ss]=iproute2)
missing=()
for tool in hyperfine nmap nc ip ss; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("${package_for[$tool]}")
done
if ((${#missing[@]} > 0)); then
  mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
  log "installing ${missing[*]}"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
fi
[[ "$(nc -h 2>&1 || true)" == *OpenBSD* ]] || die "nc is not the OpenBSD netcat; apt-get install -y netcat-openbsd"

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

# --- Private network namespace with its own listener -------------------------------------------------------------
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  local pid
  for pid in $bench_pid $listener_pid; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if ((ns_created)); then
    # Anything still running in the namespace was started by this script.
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill "$pid" 2>/dev/null || true; done
    ip netns del "$ns" 2>/dev/null || log "could not delete namespace $ns (ip netns del $ns)"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

in_ns() { ip netns exec "$ns" "$@"; }

log "creating network namespace $ns"
ip netns add "$ns"
ns_created=1
in_ns ip link set lo up

log "starting listener: nc -dlk 127.0.0.1 $port (inside $ns)"
# -d: never read stdin; -k: accept the next connection after each client closes.
# (ip netns exec execs nc, so $! is the listener itself; a backgrounded shell function would be a subshell.)
ip netns exec "$ns" nc -dlk 127.0.0.1 "$port" >/dev/null 2>&1 </dev/null &
listener_pid=$!
listening() { [[ -n "$(in_ns ss -Hltn "sport = :$port")" ]]; }
for _ in $(seq 1 100); do
  listening && break
  kill -0 "$listener_pid" 2>/dev/null || die "listener exited early"
  sleep 0.05
done
listening || die "listener is not listening on 127.0.0.1:$port"

# --- The commands -------------------------------------------------------------------------------------------------
# Names are the labels in the report; the first reach variant is the one the goals are judged on.
# The primary is the command issue 13 (item 29) names: a bare connect, as nc -z makes.
# The printed variants take --no-banner: finding out what answers waits on the server (the nc listener never answers,
# so it would time the one-second wait, not reach); --quiet skips it by itself.
names=("reach -q --no-ping" "reach --quiet" "reach --no-banner" "reach --no-ping --no-banner" "nc -z" "nmap")
commands=(
  "$reach check 127.0.0.1 $port --quiet --no-ping"
  "$reach check 127.0.0.1 $port --quiet"
  "$reach check 127.0.0.1 $port --no-banner"
  "$reach check 127.0.0.1 $port --no-ping --no-banner"
  "nc -z 127.0.0.1 $port"
  "nmap -p $port -Pn 127.0.0.1"
)

log "sanity run of each command (inside $ns)"
for i in "${!commands[@]}"; do
  printf '%s\n$ %s\n' "--- ${names[$i]}" "${commands[$i]}" >&2
  # shellcheck disable=SC2086 # the commands are word lists, as hyperfine -N splits them
  rc=0
  in_ns ${commands[$i]} >&2 || rc=$?
  ((rc == 0)) || die "'${commands[$i]}' failed (exit $rc); hyperfine would abort on it"
done

csv="$results/check-$stamp.csv"
json="$results/check-$stamp.json"
md="$results/check-$stamp.md"
hyperfine_args=(-N --warmup "$warmup" --runs "$runs" --export-csv "$csv" --export-json "$json" --export-markdown "$md")
for i in "${!commands[@]}"; do
  hyperfine_args+=(-n "${names[$i]}" "${commands[$i]}")
done

log "hyperfine: $warmup warmup + $runs runs per command (inside $ns)"
# In the background + wait, so an INT/TERM sent to this script alone still runs the cleanup at once.
ip netns exec "$ns" hyperfine "${hyperfine_args[@]}" >&2 &
bench_pid=$!
wait "$bench_pid"
bench_pid=""

# --- Report -------------------------------------------------------------------------------------------------------
# hyperfine's CSV: command,mean,stddev,median,user,system,min,max[,parameter_*] (seconds).
report="$results/check-$stamp.txt"
awk -F, -v port="$port" -v runs="$runs" -v primary="${names[0]}" '
  NR == 1 { next }
  { name[NR] = $1; mean[$1] = $2 * 1000; median[$1] = $4 * 1000; order[++n] = $1 }
  function ratio(a, b) { return b > 0 ? a / b : 0 }
  END {
    printf "reach check benchmark: 127.0.0.1:%d inside a private network namespace, %d runs each\n\n", port, runs
    printf "%-20s %10s %10s\n", "command", "mean ms", "median ms"
    for (i = 1; i <= n; i++) printf "%-20s %10.2f %10.2f\n", order[i], mean[order[i]], median[order[i]]

    printf "\n%-20s %14s %14s %16s %16s\n", "variant", "reach/nc mean", "reach/nc med", "nmap/reach mean", "nmap/reach med"
    for (i = 1; i <= n; i++) {
      v = order[i]
      if (v !~ /^reach/) continue
      printf "%-20s %13.2fx %13.2fx %15.1fx %15.1fx\n", v,
        ratio(mean[v], mean["nc -z"]), ratio(median[v], median["nc -z"]),
        ratio(mean["nmap"], mean[v]), ratio(median["nmap"], median[v])
    }

    # Goals, judged on the primary variant by median (robust to the odd slow run).
    slow = ratio(median[primary], median["nc -z"])
    fast = ratio(median["nmap"], median[primary])
    printf "\n"
    printf "%s  within 3x of nc -z: %s is %.2fx nc -z (median)\n", (slow <= 3 ? "PASS" : "MISS"), primary, slow
    printf "%s  at least 10x faster than nmap: nmap is %.1fx %s (median)\n", (fast >= 10 ? "PASS" : "MISS"), fast, primary
  }
' "$csv" | tee "$report"

log "results: $report, $csv, $json, $md"
if [[ "${BENCH_STRICT:-0}" == 1 ]] && grep -q '^MISS' "$report"; then
  exit 3
fi
