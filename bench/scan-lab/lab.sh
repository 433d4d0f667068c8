#!/usr/bin/env bash
# bench/scan-lab/lab.sh: the scan lab as a shell script, for benchmarks (the tests build the same lab in C#:
# tests/Reach.Lab.Tests/Lab/Scan/; tests check that the settings below match the C# ones, and that the firewalled
# target's rules are the C# layout's rules, line for line).
#
#   client namespace     reach-scanlab-c   veth-cs 10.231.8.1/24, fd00:5eac:8::1/64
#                                          veth-cf 10.232.8.1/24, fd00:5eac:18::1/64; no default route
#   target namespace     reach-scanlab-t   veth-s  10.231.8.2/24, fd00:5eac:8::2/64 (the port-rich host)
#                                          AnyIP 10.233.0.0/16, fd00:5eac:9::/120; dead 10.234.0.0/24, fd00:5eac:a::/120
#   firewalled namespace reach-scanlab-f   veth-f  .2 default-deny, .3 default-reject, .4 SYN rate-limited, .5 lossy
#                                          (10.232.8.2-5, fd00:5eac:18::2-5); AnyIP 10.232.9.0/24, fd00:5eac:19::/120:
#                                          default-deny hosts with different open ports (issue 12)
#
# Usage (root):  bench/scan-lab/lab.sh up|down|status|truth WHAT [4|6]|rules 4|6
#                bench/scan-lab/lab.sh exec CMD...      runs CMD inside the client namespace
# Or source it from another script and call scanlab_up / scanlab_down / scanlab_truth.
# `up` reuses a running lab (same namespaces, listeners alive) and builds it otherwise. Only the lab's namespaces are
# touched: nothing is added to or sent from the root namespace.

SCANLAB_NAME="${SCANLAB_NAME:-reach-scanlab}"
SCANLAB_CLIENT="$SCANLAB_NAME-c"
SCANLAB_TARGET="$SCANLAB_NAME-t"
SCANLAB_FW="$SCANLAB_NAME-f"
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

# The firewalled target (namespace $SCANLAB_FW, own link from the client). Keep in sync with FirewallLabNetwork.cs.
# Every host listens on SCANLAB_FW_LISTEN_PORTS (wildcard listeners); the firewall decides what a scanner sees:
#   DENY     ACCEPT tcp to SCANLAB_FW_OPEN_PORTS, DROP every other TCP port (silence)
#   REJECT   ACCEPT tcp to SCANLAB_FW_OPEN_PORTS, REJECT every other TCP port with ICMP admin-prohibited, at the
#            kernel's default ICMP error rate limits (most rejects of a burst come back as silence)
#   LIMITED  all listen ports open, RST elsewhere, SYNs above SCANLAB_LIMIT_RATE/s (burst SCANLAB_LIMIT_BURST) dropped
#   LOSSY    all listen ports open, RST elsewhere, SCANLAB_LOSS of the packets dropped each way
#   DENY24   a /24 (/120) of default-deny hosts: last byte i opens 22 if i%2==0, 80 if i%3==0, 443 if i%5==0,
#            3389 if i%7==0, 8080 if i%11==0 (so some hosts are fully dark), DROPs every other TCP port
SCANLAB_FW_CLIENT_V4=10.232.8.1
SCANLAB_FW_CLIENT_V6=fd00:5eac:18::1
SCANLAB_DENY_V4=10.232.8.2
SCANLAB_DENY_V6=fd00:5eac:18::2
SCANLAB_REJECT_V4=10.232.8.3
SCANLAB_REJECT_V6=fd00:5eac:18::3
SCANLAB_LIMITED_V4=10.232.8.4
SCANLAB_LIMITED_V6=fd00:5eac:18::4
SCANLAB_LOSSY_V4=10.232.8.5
SCANLAB_LOSSY_V6=fd00:5eac:18::5
SCANLAB_DENY24_V4=10.232.9.0/24
SCANLAB_DENY24_V6=fd00:5eac:19::/120
SCANLAB_FW_OPEN_PORTS="22 80 443"
SCANLAB_FW_LISTEN_PORTS="22 80 443 3389 8080"
SCANLAB_DENY24_MODULI="2 3 5 7 11"
SCANLAB_LIMIT_RATE=200
SCANLAB_LIMIT_BURST=20
SCANLAB_LOSS=0.1

scanlab_log() { printf '==> %s\n' "$*" >&2; }

scanlab_in_client() { ip netns exec "$SCANLAB_CLIENT" "$@"; }
scanlab_in_target() { ip netns exec "$SCANLAB_TARGET" "$@"; }
scanlab_in_fw() { ip netns exec "$SCANLAB_FW" "$@"; }

scanlab_listener_pid() { # [NAME]: listener (the scan target's, default) or fw-listener (the firewalled target's)
  local pid
  pid="$(cat "$SCANLAB_RUN/${1:-listener}.pid" 2>/dev/null)" || return 1
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

scanlab_is_up() {
  [[ -e "/var/run/netns/$SCANLAB_CLIENT" && -e "/var/run/netns/$SCANLAB_TARGET" && -e "/var/run/netns/$SCANLAB_FW" ]] &&
    scanlab_listener_pid >/dev/null && scanlab_listener_pid fw-listener >/dev/null
}

scanlab_down() {
  local pid name
  for name in listener fw-listener; do
    if pid="$(scanlab_listener_pid "$name")"; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
    fi
  done
  local ns
  for ns in "$SCANLAB_CLIENT" "$SCANLAB_TARGET" "$SCANLAB_FW"; do
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
    scanlab_log "reusing the scan lab ($SCANLAB_CLIENT, $SCANLAB_TARGET, $SCANLAB_FW)"
    return 0
  fi
  scanlab_down
  scanlab_log "building the scan lab ($SCANLAB_CLIENT, $SCANLAB_TARGET, $SCANLAB_FW)"
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

  scanlab_fw_up || return 1

  # The first IPv6 packets on a fresh veth wait for neighbour discovery: settle both families before timing.
  scanlab_settle "$SCANLAB_HOST_V4" 80 && scanlab_settle "$SCANLAB_HOST_V6" 80 || return 1
  local a
  for a in "$SCANLAB_DENY_V4" "$SCANLAB_DENY_V6" "$SCANLAB_REJECT_V4" "$SCANLAB_REJECT_V6" "$SCANLAB_LIMITED_V4" \
    "$SCANLAB_LIMITED_V6" "$SCANLAB_LOSSY_V4" "$SCANLAB_LOSSY_V6" "${SCANLAB_DENY24_V4%/*}" "${SCANLAB_DENY24_V6%/*}"; do
    scanlab_settle "$a" 22 || return 1
  done
}

scanlab_settle() { # ADDRESS PORT: connect from the client until it works (bounded: 30 tries, 1 s each)
  for _ in $(seq 1 30); do
    scanlab_in_client timeout 1 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null && return 0
    sleep 0.2
  done
  scanlab_log "the client cannot connect to $1 port $2"
  return 1
}

# The /24 (/120) of default-deny hosts: "ADDRESS PORT..." per host, the ports it opens (none for a dark host).
scanlab_deny24_hosts() { # 4|6
  local i m p line base
  local -a moduli listen
  read -r -a moduli <<<"$SCANLAB_DENY24_MODULI"
  read -r -a listen <<<"$SCANLAB_FW_LISTEN_PORTS"
  for ((i = 0; i < 256; i++)); do
    if [[ "$1" == 6 ]]; then
      line="${SCANLAB_DENY24_V6%/*}" # fd00:5eac:19:: (the canonical form of the first address)
      ((i == 0)) || printf -v line '%s%x' "$line" "$i"
    else
      base="${SCANLAB_DENY24_V4%/*}"
      line="${base%.*}.$i"
    fi
    for ((m = 0; m < ${#moduli[@]}; m++)); do
      p="${listen[$m]}"
      ((i % moduli[m] == 0)) && line+=" $p"
    done
    echo "$line"
  done
}

# The firewalled target's rules for one family, in iptables-restore syntax, in order (first match wins). The C# lab
# loads FirewallLabLayout's rules; FirewallLabConfigurationTests checks that both print the same lines.
scanlab_fw_rules() { # 4|6
  local deny=$SCANLAB_DENY_V4 reject=$SCANLAB_REJECT_V4 limited=$SCANLAB_LIMITED_V4 lossy=$SCANLAB_LOSSY_V4
  local deny24=$SCANLAB_DENY24_V4 admin=icmp-admin-prohibited limiter=reach-limit4 host p
  if [[ "$1" == 6 ]]; then
    deny=$SCANLAB_DENY_V6 reject=$SCANLAB_REJECT_V6 limited=$SCANLAB_LIMITED_V6 lossy=$SCANLAB_LOSSY_V6
    deny24=$SCANLAB_DENY24_V6 admin=icmp6-adm-prohibited limiter=reach-limit6
  fi
  for p in $SCANLAB_FW_OPEN_PORTS; do echo "-A INPUT -d $deny -p tcp --dport $p -j ACCEPT"; done
  echo "-A INPUT -d $deny -p tcp -j DROP"
  for p in $SCANLAB_FW_OPEN_PORTS; do echo "-A INPUT -d $reject -p tcp --dport $p -j ACCEPT"; done
  echo "-A INPUT -d $reject -p tcp -j REJECT --reject-with $admin"
  echo "-A INPUT -d $limited -p tcp --syn -m hashlimit --hashlimit-name $limiter --hashlimit-mode srcip" \
    "--hashlimit-above $SCANLAB_LIMIT_RATE/sec --hashlimit-burst $SCANLAB_LIMIT_BURST -j DROP"
  echo "-A INPUT -d $lossy -m statistic --mode random --probability $SCANLAB_LOSS -j DROP"
  echo "-A OUTPUT -s $lossy -m statistic --mode random --probability $SCANLAB_LOSS -j DROP"
  while read -r host ports; do
    for p in $ports; do echo "-A INPUT -d $host -p tcp --dport $p -j ACCEPT"; done
  done < <(scanlab_deny24_hosts "$1")
  echo "-A INPUT -d $deny24 -p tcp -j DROP"
}

# Sets the lossy host's drop probability (both ways, both families) in place: the bench's lossy scenario runs at
# another loss than the lab's SCANLAB_LOSS, and puts it back afterwards.
scanlab_fw_set_loss() { # PROBABILITY
  local p="$1" tool chain way host n
  for tool in iptables ip6tables; do
    host=$SCANLAB_LOSSY_V4
    [[ "$tool" == ip6tables ]] && host=$SCANLAB_LOSSY_V6
    for chain in INPUT OUTPUT; do
      way=-d
      [[ "$chain" == OUTPUT ]] && way=-s
      # -S lists "-P CHAIN ACCEPT" first, so line N is rule N-1.
      n="$(scanlab_in_fw "$tool" -S "$chain" | grep -n -e '-m statistic' | head -1 | cut -d: -f1)" || true
      [[ "$n" =~ ^[0-9]+$ ]] || { scanlab_log "no loss rule in $tool $chain"; return 1; }
      scanlab_in_fw "$tool" -w 10 -R "$chain" $((n - 1)) "$way" "$host" -m statistic --mode random --probability "$p" -j DROP || return 1
    done
  done
}

# The firewalled target: its own namespace and link from the client, four hosts and a /24 behind firewall rules,
# queues sized like the scan target's, ICMP error rate limits LEFT AT THE KERNEL DEFAULTS (one of the hard cases).
scanlab_fw_up() {
  local c="$SCANLAB_CLIENT" f="$SCANLAB_FW" family a
  ip netns add "$f" && ip -n "$f" link set lo up || return 1
  ip link add veth-cf netns "$c" type veth peer name veth-f netns "$f" || return 1
  ip -n "$c" addr add "$SCANLAB_FW_CLIENT_V4/24" dev veth-cf && ip -n "$c" -6 addr add "$SCANLAB_FW_CLIENT_V6/64" dev veth-cf nodad || return 1
  for a in "$SCANLAB_DENY_V4" "$SCANLAB_REJECT_V4" "$SCANLAB_LIMITED_V4" "$SCANLAB_LOSSY_V4"; do
    ip -n "$f" addr add "$a/24" dev veth-f || return 1
  done
  for a in "$SCANLAB_DENY_V6" "$SCANLAB_REJECT_V6" "$SCANLAB_LIMITED_V6" "$SCANLAB_LOSSY_V6"; do
    ip -n "$f" -6 addr add "$a/64" dev veth-f nodad || return 1
  done
  ip -n "$c" link set veth-cf up && ip -n "$f" link set veth-f up || return 1
  ip -n "$f" route add local "$SCANLAB_DENY24_V4" dev lo && ip -n "$c" route add "$SCANLAB_DENY24_V4" via "$SCANLAB_DENY_V4" || return 1
  ip -n "$f" -6 route add local "$SCANLAB_DENY24_V6" dev lo && ip -n "$c" -6 route add "$SCANLAB_DENY24_V6" via "$SCANLAB_DENY_V6" || return 1

  scanlab_in_fw sh -c '
    echo 65535 > /proc/sys/net/core/somaxconn
    echo 65536 > /proc/sys/net/ipv4/tcp_max_syn_backlog' || return 1

  for family in 4 6; do
    local restore=iptables-restore
    [[ "$family" == 6 ]] && restore=ip6tables-restore
    { echo '*filter'; scanlab_fw_rules "$family"; echo COMMIT; } | scanlab_in_fw "$restore" -n || return 1
  done

  local endpoints=() p
  for p in $SCANLAB_FW_LISTEN_PORTS; do endpoints+=("0.0.0.0:$p" "[::]:$p"); done
  setsid ip netns exec "$f" "$SCANLAB_RUN/listener" -b 65535 "${endpoints[@]}" >"$SCANLAB_RUN/fw-listener.out" 2>&1 </dev/null &
  echo $! >"$SCANLAB_RUN/fw-listener.pid"
  for _ in $(seq 1 100); do
    grep -q '^ready' "$SCANLAB_RUN/fw-listener.out" 2>/dev/null && return 0
    scanlab_listener_pid fw-listener >/dev/null || { cat "$SCANLAB_RUN/fw-listener.out" >&2; return 1; }
    sleep 0.05
  done
  scanlab_log "the firewalled target's listener did not start"
  return 1
}

scanlab_status() {
  if scanlab_is_up; then
    echo "up: $SCANLAB_CLIENT, $SCANLAB_TARGET, $SCANLAB_FW, listener pids $(scanlab_listener_pid) $(scanlab_listener_pid fw-listener)"
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
scanlab_truth() { # WHAT [4|6]
  case "$1" in
    host-open) printf '%s\n' $SCANLAB_WILDCARD_PORTS $SCANLAB_HOST_PORTS $SCANLAB_RESET_AFTER_ACCEPT_PORTS | sort -n ;;
    host-filtered) printf '%s\n' $SCANLAB_DROP_PORTS $SCANLAB_PORT_UNREACH_PORTS $SCANLAB_ADMIN_PROHIBITED_PORTS \
      $SCANLAB_HOST_UNREACH_PORTS $SCANLAB_NET_UNREACH_PORTS | sort -n ;;
    host-drop) printf '%s\n' $SCANLAB_DROP_PORTS | sort -n ;;
    anyip-open) # port 443 (or 22) over the /16
      scanlab_v4_addresses "$SCANLAB_ANYIP_V4" $SCANLAB_ANYIP_V4_DROP "$SCANLAB_ANYIP_V4_RESET" ;;
    anyip-filtered) local b; for b in $SCANLAB_ANYIP_V4_DROP; do scanlab_v4_addresses "$b"; done ;;
    dead) scanlab_v4_addresses "$SCANLAB_DEAD_V4" ;;
    # The firewalled target: open "ADDRESS PORT" pairs over all ports (IPv4, or IPv6 with a second argument 6).
    deny-open | reject-open) local h=$SCANLAB_DENY_V4
      [[ "$1" == reject-open ]] && h=$SCANLAB_REJECT_V4
      [[ "${2:-4}" == 6 ]] && { h=$SCANLAB_DENY_V6; [[ "$1" == reject-open ]] && h=$SCANLAB_REJECT_V6; }
      printf "$h %s\n" $SCANLAB_FW_OPEN_PORTS ;;
    limited-open | lossy-open) local h=$SCANLAB_LIMITED_V4
      [[ "$1" == lossy-open ]] && h=$SCANLAB_LOSSY_V4
      [[ "${2:-4}" == 6 ]] && { h=$SCANLAB_LIMITED_V6; [[ "$1" == lossy-open ]] && h=$SCANLAB_LOSSY_V6; }
      printf "$h %s\n" $SCANLAB_FW_LISTEN_PORTS ;;
    deny24-open) scanlab_deny24_hosts "${2:-4}" | awk '{ for (i = 2; i <= NF; i++) print $1, $i }' ;;
    deny24-dark) scanlab_deny24_hosts "${2:-4}" | awk 'NF == 1 { print $1 }' ;; # hosts with no open port: down
    *) echo "truth: host-open|host-filtered|host-drop|anyip-open|anyip-filtered|dead|deny-open|reject-open|limited-open|lossy-open|deny24-open|deny24-dark [4|6]" >&2; return 2 ;;
  esac
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -uo pipefail
  case "${1:-}" in
    up) scanlab_up || { scanlab_down; exit 1; } ;;
    down) scanlab_down ;;
    status) scanlab_status ;;
    truth) scanlab_truth "${2:-}" "${3:-4}" ;;
    rules) scanlab_fw_rules "${2:-4}" ;;
    exec) shift; scanlab_in_client "$@" ;;
    *) echo "usage: $0 up|down|status|truth WHAT [4|6]|rules 4|6|exec CMD..." >&2; exit 2 ;;
  esac
fi
