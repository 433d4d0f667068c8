#!/usr/bin/env bash
# bench/scan-lab/lab.sh: the scan lab as a shell script, for benchmarks (the tests build the same lab in C#:
# tests/Reach.Lab.Tests/Lab/ScanLab*.cs; a test checks that the port lists below match the C# ones).
#
#   client namespace  reach-scanlab-c   veth-cs 10.231.8.1/24, fd00:5eac:8::1/64; no default route
#   target namespace  reach-scanlab-t   veth-s  10.231.8.2/24, fd00:5eac:8::2/64 (the port-rich host)
#                                       AnyIP 10.233.0.0/16, fd00:5eac:9::/120; dead 10.234.0.0/24, fd00:5eac:a::/120
#
# Usage (root):  bench/scan-lab/lab.sh up|down|status|truth WHAT
#                bench/scan-lab/lab.sh exec CMD...      runs CMD inside the client namespace
# Or source it from another script and call scanlab_up / scanlab_down / scanlab_truth.
# `up` reuses a running lab (same namespaces, listener alive) and builds it otherwise. Only the two namespaces are
# touched: nothing is added to or sent from the root namespace.

SCANLAB_NAME="${SCANLAB_NAME:-reach-scanlab}"
SCANLAB_CLIENT="$SCANLAB_NAME-c"
SCANLAB_TARGET="$SCANLAB_NAME-t"
SCANLAB_RUN="/run/$SCANLAB_NAME"

SCANLAB_CLIENT_V4=10.231.8.1
SCANLAB_HOST_V4=10.231.8.2
SCANLAB_CLIENT_V6=fd00:5eac:8::1
SCANLAB_HOST_V6=fd00:5eac:8::2
SCANLAB_ANYIP_V4=10.233.0.0/16
SCANLAB_ANYIP_V4_DROP="10.233.7.0/24 10.233.200.0/22"
SCANLAB_ANYIP_V4_RESET=10.233.9.0/24
SCANLAB_ANYIP_V6=fd00:5eac:9::/120
SCANLAB_ANYIP_V6_DROP=fd00:5eac:9::80/124
SCANLAB_ANYIP_V6_RESET=fd00:5eac:9::c0/124
SCANLAB_DEAD_V4=10.234.0.0/24
SCANLAB_DEAD_V6=fd00:5eac:a::/120

# Ports of the port-rich host (10.231.8.2 and fd00:5eac:8::2). Keep in sync with ScanLabPorts.cs.
SCANLAB_WILDCARD_PORTS="22 443"
SCANLAB_HOST_PORTS="1 7 21 25 53 80 110 135 139 445 1023 1024 2718 3306 3389 5432 8080 8443 11211 27017 31415 32768 40000 49152 50000 57005 60999 65535"
SCANLAB_RESET_AFTER_ACCEPT_PORTS="2222"
SCANLAB_DROP_PORTS="23 111 161 1433 2049 5900 6379 9200 31337 54321"
SCANLAB_PORT_UNREACH_PORTS="113 6000"
SCANLAB_ADMIN_PROHIBITED_PORTS="137 5060"
SCANLAB_HOST_UNREACH_PORTS="515"
SCANLAB_NET_UNREACH_PORTS="1521"
SCANLAB_TCP_RESET_PORTS="1080 8000"

scanlab_log() { printf '==> %s\n' "$*" >&2; }

scanlab_in_client() { ip netns exec "$SCANLAB_CLIENT" "$@"; }
scanlab_in_target() { ip netns exec "$SCANLAB_TARGET" "$@"; }

scanlab_listener_pid() {
  local pid
  pid="$(cat "$SCANLAB_RUN/listener.pid" 2>/dev/null)" || return 1
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

scanlab_is_up() {
  [[ -e "/var/run/netns/$SCANLAB_CLIENT" && -e "/var/run/netns/$SCANLAB_TARGET" ]] && scanlab_listener_pid >/dev/null
}

scanlab_down() {
  local pid
  if pid="$(scanlab_listener_pid)"; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
  fi
  local ns
  for ns in "$SCANLAB_CLIENT" "$SCANLAB_TARGET"; do
    if [[ -e "/var/run/netns/$ns" ]]; then
      # Anything still running in a lab namespace was started by this lab (the listener, a benchmarked tool).
      for pid in $(ip netns pids "$ns" 2>/dev/null); do kill "$pid" 2>/dev/null || true; done
      ip netns del "$ns" 2>/dev/null || scanlab_log "could not delete namespace $ns"
    fi
  done
  rm -rf "$SCANLAB_RUN"
}

# Compiles the listener (gcc; `apt-get install -y gcc` when missing).
scanlab_build_listener() {
  local src out
  src="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/listener.c"
  out="$SCANLAB_RUN/listener"
  if ! command -v gcc >/dev/null 2>&1; then
    scanlab_log "installing gcc (for the lab listener)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gcc >/dev/null
  fi
  gcc -O2 -Wall -o "$out" "$src"
}

scanlab_firewall() { # TOOL ARGS...: one rule appended to the target's INPUT chain
  local tool="$1"; shift
  scanlab_in_target "$tool" -w 10 -A INPUT "$@"
}

scanlab_port_rules() { # FAMILY(4|6) HOST
  local tool=iptables host="$2" p
  [[ "$1" == 6 ]] && tool=ip6tables
  local -A v4=([port]=icmp-port-unreachable [admin]=icmp-admin-prohibited [host]=icmp-host-unreachable [net]=icmp-net-unreachable)
  local -A v6=([port]=icmp6-port-unreachable [admin]=icmp6-adm-prohibited [host]=icmp6-addr-unreachable [net]=icmp6-no-route)
  local table=v4
  [[ "$1" == 6 ]] && table=v6
  local -n with="$table"
  for p in $SCANLAB_DROP_PORTS; do scanlab_firewall $tool -d "$host" -p tcp --dport "$p" -j DROP || return 1; done
  for p in $SCANLAB_PORT_UNREACH_PORTS; do scanlab_firewall $tool -d "$host" -p tcp --dport "$p" -j REJECT --reject-with "${with[port]}" || return 1; done
  for p in $SCANLAB_ADMIN_PROHIBITED_PORTS; do scanlab_firewall $tool -d "$host" -p tcp --dport "$p" -j REJECT --reject-with "${with[admin]}" || return 1; done
  for p in $SCANLAB_HOST_UNREACH_PORTS; do scanlab_firewall $tool -d "$host" -p tcp --dport "$p" -j REJECT --reject-with "${with[host]}" || return 1; done
  for p in $SCANLAB_NET_UNREACH_PORTS; do scanlab_firewall $tool -d "$host" -p tcp --dport "$p" -j REJECT --reject-with "${with[net]}" || return 1; done
  for p in $SCANLAB_TCP_RESET_PORTS; do scanlab_firewall $tool -d "$host" -p tcp --dport "$p" -j REJECT --reject-with tcp-reset || return 1; done
}

scanlab_up() {
  ((EUID == 0)) || { scanlab_log "the scan lab needs root"; return 1; }
  local source
  source="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/listener.c"
  if scanlab_is_up && [[ "$SCANLAB_RUN/listener" -nt "$source" ]]; then
    scanlab_log "reusing the scan lab ($SCANLAB_CLIENT, $SCANLAB_TARGET)"
    return 0
  fi
  scanlab_down
  scanlab_log "building the scan lab ($SCANLAB_CLIENT, $SCANLAB_TARGET)"
  mkdir -p "$SCANLAB_RUN"
  scanlab_build_listener || return 1

  local c="$SCANLAB_CLIENT" t="$SCANLAB_TARGET" b
  ip netns add "$c" && ip netns add "$t" || return 1
  ip link add veth-cs netns "$c" type veth peer name veth-s netns "$t" || return 1
  ip -n "$c" link set lo up && ip -n "$t" link set lo up
  ip -n "$c" addr add "$SCANLAB_CLIENT_V4/24" dev veth-cs
  ip -n "$t" addr add "$SCANLAB_HOST_V4/24" dev veth-s
  ip -n "$c" -6 addr add "$SCANLAB_CLIENT_V6/64" dev veth-cs nodad
  ip -n "$t" -6 addr add "$SCANLAB_HOST_V6/64" dev veth-s nodad || return 1
  ip -n "$c" link set veth-cs up && ip -n "$t" link set veth-s up || return 1

  # AnyIP and dead ranges: local to the target, routed there from the client (never a default route).
  for b in "$SCANLAB_ANYIP_V4" "$SCANLAB_DEAD_V4"; do
    ip -n "$t" route add local "$b" dev lo && ip -n "$c" route add "$b" via "$SCANLAB_HOST_V4" || return 1
  done
  for b in "$SCANLAB_ANYIP_V6" "$SCANLAB_DEAD_V6"; do
    ip -n "$t" -6 route add local "$b" dev lo && ip -n "$c" -6 route add "$b" via "$SCANLAB_HOST_V6" || return 1
  done

  # A fast scan must not overflow the accept or SYN queues (that would look "filtered"), and REJECT answers must
  # come every time (no ICMP rate limit).
  scanlab_in_target sh -c '
    echo 65535 > /proc/sys/net/core/somaxconn
    echo 65536 > /proc/sys/net/ipv4/tcp_max_syn_backlog
    echo 0 > /proc/sys/net/ipv4/icmp_ratelimit
    echo 0 > /proc/sys/net/ipv4/icmp_ratemask
    echo 0 > /proc/sys/net/ipv6/icmp/ratelimit
    [ -e /proc/sys/net/ipv6/icmp/ratemask ] && echo > /proc/sys/net/ipv6/icmp/ratemask
    true' || return 1

  # First match wins, as in ScanLabLayout.cs.
  scanlab_firewall iptables -d "$SCANLAB_DEAD_V4" -j DROP || return 1
  scanlab_firewall ip6tables -d "$SCANLAB_DEAD_V6" -j DROP || return 1
  for b in $SCANLAB_ANYIP_V4_DROP; do scanlab_firewall iptables -d "$b" -p tcp -j DROP || return 1; done
  scanlab_firewall iptables -d "$SCANLAB_ANYIP_V4_RESET" -p tcp -j REJECT --reject-with tcp-reset || return 1
  for b in $SCANLAB_ANYIP_V6_DROP; do scanlab_firewall ip6tables -d "$b" -p tcp -j DROP || return 1; done
  scanlab_firewall ip6tables -d "$SCANLAB_ANYIP_V6_RESET" -p tcp -j REJECT --reject-with tcp-reset || return 1
  scanlab_port_rules 4 "$SCANLAB_HOST_V4" && scanlab_port_rules 6 "$SCANLAB_HOST_V6" || return 1

  local endpoints=() p
  for p in $SCANLAB_WILDCARD_PORTS; do endpoints+=("0.0.0.0:$p" "[::]:$p"); done
  for p in $SCANLAB_HOST_PORTS; do endpoints+=("$SCANLAB_HOST_V4:$p" "[$SCANLAB_HOST_V6]:$p"); done
  # Open, but each connection is reset right after accept (the scanner's connect() may then fail with ECONNRESET).
  for p in $SCANLAB_RESET_AFTER_ACCEPT_PORTS; do endpoints+=("!$SCANLAB_HOST_V4:$p" "![$SCANLAB_HOST_V6]:$p"); done
  # setsid: the listener does not get the terminal's Ctrl+C before the cleanup runs.
  setsid ip netns exec "$t" "$SCANLAB_RUN/listener" -b 65535 "${endpoints[@]}" >"$SCANLAB_RUN/listener.out" 2>&1 </dev/null &
  echo $! >"$SCANLAB_RUN/listener.pid"
  for _ in $(seq 1 100); do
    grep -q '^ready' "$SCANLAB_RUN/listener.out" 2>/dev/null && break
    scanlab_listener_pid >/dev/null || { cat "$SCANLAB_RUN/listener.out" >&2; return 1; }
    sleep 0.05
  done
  grep -q '^ready' "$SCANLAB_RUN/listener.out" || { scanlab_log "listener did not start"; return 1; }

  # The first IPv6 packets on a fresh veth wait for neighbour discovery: settle both families before timing.
  for _ in $(seq 1 30); do
    scanlab_in_client bash -c "exec 3<>/dev/tcp/$SCANLAB_HOST_V4/80 && exec 3<>/dev/tcp/$SCANLAB_HOST_V6/80" 2>/dev/null && return 0
    sleep 0.2
  done
  scanlab_log "the client cannot connect to the port-rich host"
  return 1
}

scanlab_status() {
  if scanlab_is_up; then
    echo "up: $SCANLAB_CLIENT, $SCANLAB_TARGET, listener pid $(scanlab_listener_pid)"
  else
    echo "down"
    return 1
  fi
}

# IPv4 addresses of PREFIX (a.b.c.d/n, n >= 8), one per line, minus those inside any of the EXCLUDED prefixes.
scanlab_v4_addresses() { # PREFIX [EXCLUDED...]
  awk -v prefix="$1" -v excluded="${*:2}" '
    function ip2n(s,   a) { split(s, a, "."); return ((a[1] * 256 + a[2]) * 256 + a[3]) * 256 + a[4] }
    function n2ip(n) { return sprintf("%d.%d.%d.%d", int(n / 16777216) % 256, int(n / 65536) % 256, int(n / 256) % 256, n % 256) }
    function parse(cidr, r,   p) { split(cidr, p, "/"); r["size"] = 2 ^ (32 - p[2]); r["start"] = ip2n(p[1]) - ip2n(p[1]) % r["size"] }
    BEGIN {
      parse(prefix, whole)
      k = split(excluded, ex, " ")
      for (i = 1; i <= k; i++) { parse(ex[i], r); xs[i] = r["start"]; xe[i] = r["start"] + r["size"] }
      for (n = whole["start"]; n < whole["start"] + whole["size"]; n++) {
        skip = 0
        for (i = 1; i <= k; i++) if (n >= xs[i] && n < xe[i]) { skip = 1; break }
        if (!skip) print n2ip(n)
      }
    }'
}

# Ground truth, one item per line (ports sorted numerically, addresses in range order).
scanlab_truth() { # WHAT
  case "$1" in
    host-open) printf '%s\n' $SCANLAB_WILDCARD_PORTS $SCANLAB_HOST_PORTS $SCANLAB_RESET_AFTER_ACCEPT_PORTS | sort -n ;;
    host-filtered) printf '%s\n' $SCANLAB_DROP_PORTS $SCANLAB_PORT_UNREACH_PORTS $SCANLAB_ADMIN_PROHIBITED_PORTS \
      $SCANLAB_HOST_UNREACH_PORTS $SCANLAB_NET_UNREACH_PORTS | sort -n ;;
    host-drop) printf '%s\n' $SCANLAB_DROP_PORTS | sort -n ;;
    anyip-open) # port 443 (or 22) over the /16
      scanlab_v4_addresses "$SCANLAB_ANYIP_V4" $SCANLAB_ANYIP_V4_DROP "$SCANLAB_ANYIP_V4_RESET" ;;
    anyip-filtered) local b; for b in $SCANLAB_ANYIP_V4_DROP; do scanlab_v4_addresses "$b"; done ;;
    dead) scanlab_v4_addresses "$SCANLAB_DEAD_V4" ;;
    *) echo "truth: host-open|host-filtered|host-drop|anyip-open|anyip-filtered|dead" >&2; return 2 ;;
  esac
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -uo pipefail
  case "${1:-}" in
    up) scanlab_up || { scanlab_down; exit 1; } ;;
    down) scanlab_down ;;
    status) scanlab_status ;;
    truth) scanlab_truth "${2:-}" ;;
    exec) shift; scanlab_in_client "$@" ;;
    *) echo "usage: $0 up|down|status|truth WHAT|exec CMD..." >&2; exit 2 ;;
  esac
fi
