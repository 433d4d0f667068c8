#!/usr/bin/env bash
# Runs every test of the solution and ends with one line: "N passed, N failed[, N skipped]".
# Exits non-zero when a test failed, when `dotnet test` failed (build error, crashed test host) or when no test ran.
#
# The network lab tests (tests/Reach.Lab.Tests) need root and ip/iptables/ip6tables/ping (and GNU time): as root, this script
# installs what is missing with apt-get. Not as root, those tests are reported as skipped. The same goes for the
# postgresql package, whose binaries the --store postgres:// tests use to run a private server, for Debian's
# chromium, which the status page browser tests (tests/Reach.Monitoring.Tests/Browser) drive, for nginx, the
# pre-fork server the reach sockets lab tests start in a namespace of their own, and for openssh-server and nmap, the
# real SSH server (started by the banner lab test in its namespace) and the service detection it is compared with,
# and for the reach check --tls / --starttls lab tests: the openssl CLI (their private CA, s_server, and s_client and
# x509 as the reference), exim4-daemon-light (a real SMTP server with STARTTLS; only where no other MTA is installed,
# which apt would remove) and dovecot-imapd + dovecot-pop3d (IMAP, POP3, imaps, pop3s), and for the STARTTLS upgrades
# reach picks by port: slapd (OpenLDAP, 389), prosody (XMPP, 5222 and 5269) and mariadb-server (MySQL protocol, 3306;
# only where no other MySQL server is installed, which apt would remove), each started by the tests in a namespace of
# their own from a temp config. No package's service is started on this machine (policy-rc.d).
#
# Extra arguments go to `dotnet test`, e.g. ./test.sh --filter-class 'Reach.Lab.Tests.*'
set -uo pipefail
cd "$(dirname "$0")"

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

install_lab_prerequisites() {
  local missing=()
  command -v ip >/dev/null 2>&1 || missing+=(iproute2)
  { command -v iptables && command -v ip6tables; } >/dev/null 2>&1 || missing+=(iptables)
  command -v ping >/dev/null 2>&1 || missing+=(iputils-ping)
  [ -x /usr/bin/time ] || missing+=(time) # GNU time: peak memory of reach scan --list
  # PostgreSQL binaries: the shared-store tests start their own private server (initdb in a temp folder).
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
  [ -x /usr/bin/chromium ] || missing+=(chromium) # headless browser for the reach watch status page tests (Playwright)
  [ -x /usr/sbin/nginx ] || missing+=(nginx) # a pre-fork server: its master and workers share listeners (reach sockets)
  # libsqlite3.a: the NativeAOT reach links SQLite in (one file runs watch and report); a test publishes it.
  compgen -G '/usr/lib/*/libsqlite3.a' >/dev/null || missing+=(libsqlite3-dev)
  command -v strace >/dev/null 2>&1 || missing+=(strace) # what a cold native reach opens (start-up test)
  [ -x /usr/sbin/sshd ] || missing+=(openssh-server) # a real server-speaks-first service for reach check --banner (started in a namespace)
  command -v nmap >/dev/null 2>&1 || missing+=(nmap) # the peer whose service detection reach's banner is compared with
  [ -x /usr/bin/redis-server ] || missing+=(redis-server) # a client-speaks-first service reach names by its PING answer (in a namespace)
  command -v openssl >/dev/null 2>&1 || missing+=(openssl) # the TLS lab tests' CA, s_server, and the s_client/x509 reference
  command -v curl >/dev/null 2>&1 || missing+=(curl) # the reference client whose status codes reach watch's http checks are compared with
  # A real MTA for reach check --starttls smtp (exim4 -bdf in a namespace). exim4 is a mail-transport-agent: apt would
  # remove another one (postfix) to install it, so only where none is (/usr/sbin/sendmail is every MTA's).
  if [ ! -x /usr/sbin/exim4 ]; then
    if [ -e /usr/sbin/sendmail ]; then
      echo "test.sh: another MTA is installed: not installing exim4-daemon-light; the SMTP STARTTLS lab test will be skipped" >&2
    else
      missing+=(exim4-daemon-light)
    fi
  fi
  # dovecot -F in a namespace: IMAP and POP3 with STARTTLS, imaps and pop3s, for reach check --tls/--starttls.
  [ -x /usr/lib/dovecot/imap-login ] || missing+=(dovecot-imapd)
  [ -x /usr/lib/dovecot/pop3-login ] || missing+=(dovecot-pop3d)
  # Real servers for the STARTTLS upgrades reach chooses by port, each run by the tests in a namespace as an instance
  # of their own (temp config and data): slapd -d on ldap://127.0.0.1:389, prosody -F on 5222/5269, mariadbd on 3306.
  [ -x /usr/sbin/slapd ] || missing+=(slapd)
  [ -x /usr/bin/prosody ] || missing+=(prosody)
  # mariadb-server conflicts with MySQL's server packages: apt would remove one (its /usr/sbin/mysqld) to install it.
  if [ ! -x /usr/sbin/mariadbd ]; then
    if [ -e /usr/sbin/mysqld ]; then
      echo "test.sh: another MySQL server is installed: not installing mariadb-server; the MySQL STARTTLS lab tests will be skipped" >&2
    else
      missing+=(mariadb-server)
    fi
  fi
  [ ${#missing[@]} -eq 0 ] && return 0

  if [ "$(id -u)" -ne 0 ]; then
    echo "test.sh: not root, cannot install ${missing[*]}: the lab, postgres store and status page browser tests will be skipped" >&2
    return 0
  fi
  echo "test.sh: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if [[ " ${missing[*]} " == *" postgresql "* ]] && [ ! -e /etc/postgresql-common/createcluster.conf ]; then
    # Only the binaries are wanted: no system cluster listening on 5432 (keep this file over the package's).
    mkdir -p /etc/postgresql-common && echo 'create_main_cluster = false' > /etc/postgresql-common/createcluster.conf
  fi
  # Packages with a service (nginx, openssh-server, exim4, dovecot, slapd, prosody, mariadb-server) must not start it on
  # this machine: the tests start their own, in a namespace.
  local no_services=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && no_services=1
  fi
  if ! apt-get update -qq </dev/null || ! apt-get install -y -qq --no-install-recommends -o Dpkg::Options::=--force-confold "${missing[@]}" </dev/null; then
    echo "test.sh: could not install ${missing[*]}: the lab tests that need them will be skipped" >&2
  fi
  if [ -n "$no_services" ]; then rm -f /usr/sbin/policy-rc.d; fi
}

install_lab_prerequisites
if [ "$(id -u)" -ne 0 ]; then
  echo "test.sh: not root: the network lab tests will be skipped" >&2
fi

# Restore exactly the package graph the lock files (packages.lock.json) pin; child builds the tests start (the native
# publish) inherit it. After changing Directory.Packages.props, update them with: dotnet restore Reach.sln
export RestoreLockedMode=true

log="$(mktemp -t reach-test.XXXXXX)"
trap 'rm -f "$log"' EXIT

# Exit code 8 means "a test module ran zero tests" (a test project with no tests yet): not a failure by itself;
# the count below still fails a run where no test ran at all.
dotnet test --solution Reach.sln --no-ansi --no-progress --ignore-exit-code 8 "$@" </dev/null 2>&1 | tee "$log"
dotnet_rc=${PIPESTATUS[0]}

# The runner closes with "Test run summary" followed by "total: N", "failed: N", "succeeded: N", "skipped: N"
# (all modules together). Without that block (older output), sum every module's own counts.
read -r total failed succeeded skipped < <(
  sed -e 's/\x1b\[[0-9;]*[A-Za-z]//g' "$log" | awk '
    /^Test run summary/ { final = 1; t = f = s = k = 0; next }
    { line = $0; sub(/^[ \t]+/, "", line) }
    line ~ /^total: *[0-9]+/     { split(line, a, /: */); if (final) t += a[2]; else T += a[2] }
    line ~ /^failed: *[0-9]+/    { split(line, a, /: */); if (final) f += a[2]; else F += a[2] }
    line ~ /^succeeded: *[0-9]+/ { split(line, a, /: */); if (final) s += a[2]; else S += a[2] }
    line ~ /^skipped: *[0-9]+/   { split(line, a, /: */); if (final) k += a[2]; else K += a[2] }
    END {
      if (final) print t + 0, f + 0, s + 0, k + 0
      else print T + 0, F + 0, S + 0, K + 0
    }')

status=0
if [ "$dotnet_rc" -ne 0 ]; then
  echo "test.sh: dotnet test exited with $dotnet_rc"
  status=1
fi
if [ "$failed" -gt 0 ]; then
  status=1
fi
if [ $((succeeded + failed)) -eq 0 ]; then
  echo "test.sh: no test ran (total: $total)"
  status=1
fi

echo "$succeeded passed, $failed failed, $skipped skipped"
exit $status
