#!/usr/bin/env bash
# bench/service.sh: `reach scan --service` next to `nmap -sV` on real servers (the same names? how much faster?), and a
# cold `reach check 127.0.0.1 443 --tls` next to `openssl s_client` and `curl` against nginx with TLS.
#
# Every server and every timed command runs inside a private network namespace this script creates and deletes:
# sshd (22), nginx (80, and TLS on 443 with a self-signed certificate made here), redis (6379) and, when Debian's
# postgresql binaries are installed, PostgreSQL with TLS (5432), all bound to the namespace's own 127.0.0.1.
#
# Usage:  sudo bench/service.sh
# Environment:
#   RUNS=5          hyperfine runs of each service scan (nmap -sV takes seconds a run)
#   TLS_RUNS=100    hyperfine runs of each TLS command (WARMUP=10 before them)
#   REACH_BIN=path  time this binary instead of publishing src/Reach.Cli with NativeAOT
#   RESULTS_DIR=dir where results go (default: bench/results/, git-ignored)
#   BENCH_STRICT=1  exit 3 when a goal is missed (default: report only)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${RUNS:-5}"
tls_runs="${TLS_RUNS:-100}"
warmup="${WARMUP:-10}"
results="${RESULTS_DIR:-$repo/bench/results}"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
ns="reach-bench-sv-$$"
ns_created=0
work=""
pg_bin=""
server_pids=()
bench_pid=""

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'service.sh: %s\n' "$*" >&2; exit 1; }

[[ "$runs" =~ ^[1-9][0-9]*$ && "$tls_runs" =~ ^[1-9][0-9]*$ && "$warmup" =~ ^[0-9]+$ ]] || die "RUNS, TLS_RUNS and WARMUP must be numbers"
((runs >= 2 && tls_runs >= 2)) || die "RUNS and TLS_RUNS must be at least 2 (hyperfine)"
((EUID == 0)) || die "needs root: it creates a network namespace and starts servers in it"

# --- Tools ---------------------------------------------------------------------------------------------------------
declare -A package_for=([hyperfine]=hyperfine [nmap]=nmap [ip]=iproute2 [ss]=iproute2 [nginx]=nginx
  [redis-server]=redis-server [openssl]=openssl [curl]=curl [jq]=jq [ssh-keygen]=openssh-client)
missing=()
for tool in hyperfine nmap ip ss nginx redis-server openssl curl jq ssh-keygen; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("${package_for[$tool]}")
done
[[ -x /usr/sbin/sshd ]] || missing+=(openssh-server)
if ((${#missing[@]} > 0)); then
  mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
  log "installing ${missing[*]} (never started as services)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
if [[ -z "$pg_bin" || ! -x "$pg_bin/initdb" ]] || ! id postgres >/dev/null 2>&1; then
  log "no PostgreSQL binaries (apt-get install -y postgresql): benchmarking without 5432"
  pg_bin=""
fi
mkdir -p "$results"

# --- The binary under test ----------------------------------------------------------------------------------------
if [[ -n "${REACH_BIN:-}" ]]; then
  reach="$(realpath "$REACH_BIN")"
  log "timing REACH_BIN=$reach (not publishing)"
else
  command -v dotnet >/dev/null 2>&1 || die "dotnet not found (or set REACH_BIN to a published reach binary)"
  out="$results/reach-aot"
  log "publishing src/Reach.Cli with NativeAOT to $out"
  dotnet publish "$repo/src/Reach.Cli/Reach.Cli.csproj" -c Release -r linux-x64 -o "$out" >&2
  reach="$out/reach"
fi
[[ -x "$reach" ]] || die "not an executable: $reach"
[[ "$reach" != *[[:space:]]* ]] || die "the reach path must not contain spaces (hyperfine -N splits on them): $reach"

# --- Namespace and servers ----------------------------------------------------------------------------------------
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  local pid
  [[ -n "$bench_pid" ]] && { kill "$bench_pid" 2>/dev/null || true; wait "$bench_pid" 2>/dev/null || true; }
  if [[ -n "$pg_bin" && -d "$work/pg/data" ]]; then
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pg/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  for pid in "${server_pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  if ((ns_created)); then
    # Anything still running in the namespace was started by this script.
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill "$pid" 2>/dev/null || true; done
    ip netns del "$ns" 2>/dev/null || log "could not delete namespace $ns (ip netns del $ns)"
  fi
  [[ -n "$work" ]] && rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

in_ns() { ip netns exec "$ns" "$@"; }

work="$(mktemp -d -t reach-svbench.XXXXXX)"
chmod 755 "$work"
log "creating network namespace $ns"
ip netns add "$ns"
ns_created=1
in_ns ip link set lo up

openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/tls.key" -out "$work/tls.pem" -days 90 -subj "/CN=bench.reach.test" \
  -addext "subjectAltName=DNS:bench.reach.test,IP:127.0.0.1" >/dev/null 2>&1

log "starting sshd :22, nginx :80 and :443 (TLS), redis :6379 inside $ns"
ssh-keygen -q -t ed25519 -N '' -f "$work/host_ed25519"
cat >"$work/sshd_config" <<EOF
HostKey $work/host_ed25519
ListenAddress 127.0.0.1:22
PidFile none
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
EOF
mkdir -p /run/sshd
in_ns /usr/sbin/sshd -D -e -f "$work/sshd_config" >"$work/sshd.log" 2>&1 &
server_pids+=($!)

mkdir -p "$work/nginx"
cat >"$work/nginx/nginx.conf" <<EOF
worker_processes 1;
daemon off;
master_process on;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 256; }
http {
    access_log off;
    client_body_temp_path $work/nginx/body;
    proxy_temp_path $work/nginx/proxy;
    fastcgi_temp_path $work/nginx/fastcgi;
    uwsgi_temp_path $work/nginx/uwsgi;
    scgi_temp_path $work/nginx/scgi;
    server {
        listen 127.0.0.1:80;
        listen 127.0.0.1:443 ssl;
        ssl_certificate $work/tls.pem;
        ssl_certificate_key $work/tls.key;
        return 200 "ok\n";
    }
}
EOF
in_ns nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log" >/dev/null 2>&1 </dev/null &
server_pids+=($!)

mkdir -p "$work/redis"
in_ns redis-server --port 6379 --bind 127.0.0.1 --save '' --appendonly no --dir "$work/redis" --daemonize no --protected-mode yes >/dev/null 2>&1 &
server_pids+=($!)

ports=(22 80 443 6379)
if [[ -n "$pg_bin" ]]; then
  log "starting PostgreSQL :5432 (ssl = on) inside $ns"
  mkdir -p "$work/pg"
  cp "$work/tls.pem" "$work/tls.key" "$work/pg/"
  chown -R postgres:postgres "$work/pg"
  chmod 600 "$work/pg/tls.key"
  runuser -u postgres -- "$pg_bin/initdb" -D "$work/pg/data" -U postgres -A trust -E UTF8 --locale=C --no-sync >/dev/null
  in_ns runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p 5432 -c unix_socket_directories=$work/pg -c fsync=off -c ssl=on -c ssl_cert_file=$work/pg/tls.pem -c ssl_key_file=$work/pg/tls.key" \
    start >/dev/null
  ports+=(5432)
fi

for port in "${ports[@]}"; do
  for _ in $(seq 1 100); do
    [[ -n "$(in_ns ss -Hltn "sport = :$port")" ]] && break
    sleep 0.1
  done
  [[ -n "$(in_ns ss -Hltn "sport = :$port")" ]] || die "nothing listens on 127.0.0.1:$port inside $ns"
done
port_list="$(IFS=,; echo "${ports[*]}")"

# --- Same names? ---------------------------------------------------------------------------------------------------
log "names: reach scan --service vs nmap -sV on $port_list (inside $ns)"
in_ns "$reach" scan 127.0.0.1 -p "$port_list" --service --format json >"$work/reach.json"
in_ns nmap -Pn -n -sV -p "$port_list" 127.0.0.1 -oG "$work/nmap.gnmap" >/dev/null
names="$results/service-$stamp-names.txt"
{
  printf '%-6s %-14s %-14s %s\n' port nmap reach same
  same=0
  for port in "${ports[@]}"; do
    reach_name="$(jq -r --argjson p "$port" '.ports[] | select(.port == $p) | .detected.protocol // "-"' "$work/reach.json")"
    # nmap -oG: PORT/open/tcp//SERVICE//VERSION/; TLS-wrapped services are "ssl|http": reach names the TLS layer, "ssl".
    nmap_name="$(grep -o "\b$port/open/tcp//[^/]*" "$work/nmap.gnmap" | sed 's#.*//##; s#^ssl|.*#ssl#' || true)"
    verdict=no
    [[ "$reach_name" == "$nmap_name" ]] && { verdict=yes; same=$((same + 1)); }
    printf '%-6s %-14s %-14s %s\n' "$port" "${nmap_name:--}" "$reach_name" "$verdict"
  done
  printf '%d of %d ports named alike\n' "$same" "${#ports[@]}"
} >"$names"

# --- How fast? -----------------------------------------------------------------------------------------------------
csv="$results/service-$stamp.csv"
log "hyperfine: $runs runs of each service scan (inside $ns)"
ip netns exec "$ns" hyperfine -N --warmup 1 --runs "$runs" --export-csv "$csv" \
  -n "reach scan --service" "$reach scan 127.0.0.1 -p $port_list --service --format json" \
  -n "reach scan --service --tls" "$reach scan 127.0.0.1 -p $port_list --service --tls --format json" \
  -n "nmap -sV" "nmap -Pn -n -sV -p $port_list 127.0.0.1 -oX /dev/null" >&2 &
bench_pid=$!
wait "$bench_pid"
bench_pid=""

tls_csv="$results/service-$stamp-tls.csv"
log "hyperfine: $warmup warmup + $tls_runs runs of each TLS command against nginx :443 (inside $ns)"
ip netns exec "$ns" hyperfine -N --warmup "$warmup" --runs "$tls_runs" --export-csv "$tls_csv" \
  -n "reach check --tls" "$reach check 127.0.0.1 443 --tls --insecure --no-ping" \
  -n "reach check --tls --no-banner" "$reach check 127.0.0.1 443 --tls --insecure --no-ping --no-banner" \
  -n "openssl s_client" "openssl s_client -connect 127.0.0.1:443 -servername bench.reach.test" \
  -n "curl" "curl -sk -o /dev/null -w %{http_code} https://127.0.0.1/" >&2 &
bench_pid=$!
wait "$bench_pid"
bench_pid=""

# --- Report -------------------------------------------------------------------------------------------------------
# hyperfine's CSV: command,mean,stddev,median,user,system,min,max (seconds).
report="$results/service-$stamp.txt"
{
  printf 'reach scan --service vs nmap -sV on 127.0.0.1 ports %s inside a private namespace, %d runs each\n\n' "$port_list" "$runs"
  cat "$names"
  printf '\n'
  awk -F, '
    NR == 1 { next }
    { median[$1] = $4 * 1000; order[++n] = $1 }
    END {
      printf "%-30s %10s %14s\n", "command", "median ms", "nmap / this"
      for (i = 1; i <= n; i++) printf "%-30s %10.1f %13.1fx\n", order[i], median[order[i]], median["nmap -sV"] / median[order[i]]
      fast = median["nmap -sV"] / median["reach scan --service"]
      printf "\n%s  at least 10x faster than nmap -sV: nmap is %.1fx reach scan --service (median)\n", (fast >= 10 ? "PASS" : "MISS"), fast
    }' "$csv"
  printf '\ncold TLS handshake with nginx on 127.0.0.1:443, %d runs each\n\n' "$tls_runs"
  awk -F, '
    NR == 1 { next }
    { median[$1] = $4 * 1000; order[++n] = $1 }
    END {
      printf "%-30s %10s %16s\n", "command", "median ms", "this / openssl"
      for (i = 1; i <= n; i++) printf "%-30s %10.2f %15.2fx\n", order[i], median[order[i]], median[order[i]] / median["openssl s_client"]
    }' "$tls_csv"
} | tee "$report"
same_line="$(grep ' named alike' "$names")"
[[ "${same_line%% of*}" == "${#ports[@]}" ]] || printf 'MISS  not every port named as nmap names it (%s)\n' "$same_line" | tee -a "$report"

log "results: $report, $csv, $tls_csv"
if [[ "${BENCH_STRICT:-0}" == 1 ]] && grep -q '^MISS' "$report"; then
  exit 3
fi
