#!/usr/bin/env bash
# bench/ping.sh: how does `reach ping`'s median connect time compare with `ping` (ICMP echo) and `hping3 -S` (SYN) on
# the same link?
#
# Everything runs inside a private pair of network namespaces this script creates and deletes: a client and a target
# joined by one veth link (10.250.0.1 <-> 10.250.0.2), no default route in either. The listener is the script's own
# (nc inside the target); nothing else is ever probed.
#
# Usage:  sudo bench/ping.sh [COUNT]
# Environment:
#   COUNT=200       probes per tool (the first argument wins)
#   INTERVAL=0.02   seconds between probes (ping -i, hping3 -i uN, reach -i)
#   PORT=8080       port of the listener in the target namespace
#   REACH_BIN=path  time this binary instead of publishing src/Reach.Cli with NativeAOT
#   COLD=20         fresh reach ping and ping runs of 3 probes each, for the first-sample table
#   RESULTS_DIR=dir where results go (default: bench/results/, git-ignored)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
count="${1:-${COUNT:-200}}"
interval="${INTERVAL:-0.02}"
port="${PORT:-8080}"
results="${RESULTS_DIR:-$repo/bench/results}"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
client="reach-pingbench-$$-c"
target="reach-pingbench-$$-t"
client_ip=10.250.0.1
target_ip=10.250.0.2
listener_pid=""
created=()

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'ping.sh: %s\n' "$*" >&2; exit 1; }

[[ "$count" =~ ^[0-9]+$ ]] && ((count >= 10 && count <= 100000)) || die "COUNT must be 10..100000, got '$count'"
[[ "$interval" =~ ^[0-9]*\.?[0-9]+$ ]] || die "INTERVAL must be seconds, e.g. 0.02"
((EUID == 0)) || die "needs root: it creates network namespaces and may apt-get install hping3"

# --- Tools ---------------------------------------------------------------------------------------------------------
declare -A package_for=([ping]=iputils-ping [hping3]=hping3 [nc]=netcat-openbsd [ip]=iproute2)
missing=()
for tool in ping hping3 nc ip; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("${package_for[$tool]}")
done
if ((${#missing[@]} > 0)); then
  log "installing ${missing[*]}"
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; } >&2; then
    log "apt-get could not install ${missing[*]}: those tools are left out"
  fi
fi
have_hping=0
command -v hping3 >/dev/null 2>&1 && have_hping=1

mkdir -p "$results"
if [[ -n "${REACH_BIN:-}" ]]; then
  reach=("$(realpath "$REACH_BIN")")
else
  out="$results/reach-aot"
  log "publishing src/Reach.Cli with NativeAOT to $out"
  dotnet publish "$repo/src/Reach.Cli/Reach.Cli.csproj" -c Release -r linux-x64 -p:PublishAot=true -o "$out" >&2
  reach=("$out/reach")
fi
[[ "${reach[0]}" == *.dll ]] && reach=(dotnet "${reach[0]}")

# --- Private namespace pair ----------------------------------------------------------------------------------------
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n "$listener_pid" ]]; then
    kill "$listener_pid" 2>/dev/null || true
    wait "$listener_pid" 2>/dev/null || true
  fi
  local ns pid
  for ns in "${created[@]}"; do
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill "$pid" 2>/dev/null || true; done
    ip netns del "$ns" 2>/dev/null || log "could not delete namespace $ns"
  done
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log "creating namespaces $client and $target"
ip netns add "$client"; created+=("$client")
ip netns add "$target"; created+=("$target")
ip link add veth-pb-c netns "$client" type veth peer name veth-pb-t netns "$target"
ip -n "$client" addr add "$client_ip/24" dev veth-pb-c
ip -n "$target" addr add "$target_ip/24" dev veth-pb-t
for ns in "$client" "$target"; do ip -n "$ns" link set lo up; done
ip -n "$client" link set veth-pb-c up
ip -n "$target" link set veth-pb-t up

ip netns exec "$target" nc -dlk "$target_ip" "$port" >/dev/null 2>&1 </dev/null &
listener_pid=$!
for _ in $(seq 1 100); do
  [[ -n "$(ip netns exec "$target" ss -Hltn "sport = :$port")" ]] && break
  sleep 0.05
done
[[ -n "$(ip netns exec "$target" ss -Hltn "sport = :$port")" ]] || die "listener is not listening"
ip netns exec "$client" ping -c 3 -i 0.2 -q "$target_ip" >/dev/null || die "the link does not carry traffic"

# --- Runs ----------------------------------------------------------------------------------------------------------
in_client() { ip netns exec "$client" "$@"; }
raw="$results/ping-$stamp.raw"
: >"$raw"
interval_ms=$(awk -v s="$interval" 'BEGIN { printf "%d", s * 1000 }')
interval_us=$(awk -v s="$interval" 'BEGIN { printf "%d", s * 1000000 }')

log "reach ping (TCP connect), $count probes"
in_client "${reach[@]}" ping "$target_ip" "$port" -n "$count" -i "${interval_ms}ms" --json \
  | grep '"type":"probe"' | sed -n 's/.*"rtt_ms":\([0-9.e-]*\).*/reach-tcp \1/p' >>"$raw" || true

log "reach ping --icmp, $count probes"
in_client "${reach[@]}" ping "$target_ip" --icmp -n "$count" -i "${interval_ms}ms" --json \
  | grep '"type":"probe"' | sed -n 's/.*"rtt_ms":\([0-9.e-]*\).*/reach-icmp \1/p' >>"$raw" || true

log "ping (ICMP echo), $count probes"
in_client ping -n -c "$count" -i "$interval" "$target_ip" | sed -n 's/.*time=\([0-9.]*\) ms.*/ping \1/p' >>"$raw" || true

if ((have_hping)); then
  log "hping3 -S (SYN), $count probes"
  in_client hping3 -S -p "$port" -c "$count" -i "u$interval_us" "$target_ip" 2>/dev/null \
    | sed -n 's/.*rtt=\([0-9.]*\) ms.*/hping3-S \1/p' >>"$raw" || true
fi

# The first sample of a fresh process (issue 13, item 26): COLD runs of 3 probes each, reach beside iputils ping.
cold="${COLD:-20}"
log "first samples: $cold fresh runs of 3 probes each (reach ping, ping)"
for _ in $(seq 1 "$cold"); do
  in_client "${reach[@]}" ping "$target_ip" "$port" -n 3 -i 100ms --json \
    | grep '"type":"probe"' | sed -n 's/.*"seq":\([0-9]*\).*"rtt_ms":\([0-9.e-]*\).*/\1 \2/p' \
    | awk '{ print ($1 == 1 ? "reach-first" : "reach-later"), $2 }' >>"$raw" || true
  in_client ping -n -c 3 -i 0.1 "$target_ip" | sed -n 's/.*icmp_seq=\([0-9]*\).*time=\([0-9.]*\) ms.*/\1 \2/p' \
    | awk '{ print ($1 == 1 ? "ping-first" : "ping-later"), $2 }' >>"$raw" || true
done

# --- Report --------------------------------------------------------------------------------------------------------
report="$results/ping-$stamp.txt"
# One table row: n, min, p50, mean, p95, max of the samples labelled $1 in the raw file.
stats_row() {
  awk -v t="$1" '$1 == t { print $2 }' "$raw" | sort -g | awk -v t="$1" '
    { v[++n] = $1; sum += $1 }
    END {
      if (n == 0) { printf "%-12s %7d   (no samples)\n", t, 0; exit }
      p50 = v[int((50 * n + 99) / 100)]; p95 = v[int((95 * n + 99) / 100)]
      printf "%-12s %7d %10.3f %10.3f %10.3f %10.3f %10.3f\n", t, n, v[1], p50, sum / n, p95, v[n]
    }'
}
{
  printf 'round trips over one veth link between two namespaces, %s probes each, every %s s\n\n' "$count" "$interval"
  printf '%-12s %7s %10s %10s %10s %10s %10s\n' tool n min_ms p50_ms mean_ms p95_ms max_ms
  for tool in reach-tcp hping3-S ping reach-icmp; do
    stats_row "$tool"
  done
  printf '\nfirst sample of a fresh process against the later ones (%s runs of 3 probes)\n' "$cold"
  printf '%-12s %7s %10s %10s %10s %10s %10s\n' sample n min_ms p50_ms mean_ms p95_ms max_ms
  for tool in reach-first reach-later ping-first ping-later; do
    stats_row "$tool"
  done
  ((have_hping)) || printf '\nhping3 could not be installed: no SYN comparison\n'
  printf '\nreach-tcp: connect(2)+poll(2) timed with clock_gettime in the reach process (TCP handshake, SYN -> SYN-ACK)\n'
  printf 'hping3-S: SYN -> SYN-ACK/RST as hping3 times it (0.1 ms resolution in its output)\n'
  printf 'ping: iputils ping, ICMP echo (kernel receive timestamps)\n'
  printf 'reach-icmp: an own ICMP echo socket (raw as root), timed in the reach process\n'
} | tee "$report"
log "results: $report (samples: $raw)"
