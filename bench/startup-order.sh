#!/usr/bin/env bash
# bench/startup-order.sh: regenerate src/Reach.Cli/startup.order, the methods a cold `reach check` runs.
#
# The quick image places these methods first and together (src/Reach.Cli/StartupOrder.targets), so a cold check
# faults in fewer pages. The list is every managed method callgrind sees execute in a few checks of a listener inside
# a private network namespace this script creates and deletes. Rerun it after large changes to the check path: a
# stale list only costs speed (unknown names are ignored by the compiler).
#
# Usage:  sudo bench/startup-order.sh
# Environment:
#   REACH_BIN=path  a published reach (with reach.dbg beside it) instead of publishing src/Reach.Cli
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ns="reach-order-$$"
work="$(mktemp -d)"
listener_pid=""

die() { printf 'startup-order.sh: %s\n' "$*" >&2; exit 1; }
((EUID == 0)) || die "needs root: it creates a network namespace (ip netns add)"
for tool in valgrind callgrind_annotate addr2line nc ip; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is missing (apt-get install -y valgrind binutils netcat-openbsd iproute2)"
done

cleanup() {
  [[ -n "$listener_pid" ]] && kill "$listener_pid" 2>/dev/null
  ip netns del "$ns" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

if [[ -n "${REACH_BIN:-}" ]]; then
  published="$(dirname "$(realpath "$REACH_BIN")")"
else
  published="$work/publish"
  dotnet publish "$repo/src/Reach.Cli/Reach.Cli.csproj" -c Release -r linux-x64 -o "$published" >&2
fi
[[ -f "$published/reach.dbg" ]] || die "no reach.dbg beside $published/reach (publish with the default StripSymbols)"

# valgrind cannot read NativeAOT's separate debug file: run a copy without it, and name addresses from it afterwards.
mkdir "$work/bin"
cp "$published/reach" "$work/bin/reach"

ip netns add "$ns"
ip netns exec "$ns" ip link set lo up
ip netns exec "$ns" nc -dlk 127.0.0.1 8080 >/dev/null 2>&1 </dev/null &
listener_pid=$!
sleep 0.5

runs=(
  "check 127.0.0.1 8080 --quiet --no-ping"
  "check 127.0.0.1 8080"
  "check 127.0.0.1:8080 --json"
  "check 127.0.0.1 8081 --no-ping"
)
for i in "${!runs[@]}"; do
  # shellcheck disable=SC2086 # word lists
  ip netns exec "$ns" valgrind --tool=callgrind --callgrind-out-file="$work/run$i.out" "$work/bin/reach" ${runs[$i]} >/dev/null 2>&1 || true
done

# Every function with a cost of its own; addresses named from reach.dbg; managed methods only (runtime and libc
# functions are not laid out by the compiler); sorted by name, so a regenerated list diffs by what changed.
for out in "$work"/run*.out; do
  callgrind_annotate --inclusive=no --threshold=100 "$out" | sed -n 's/^ *\([0-9,]*\) .*???:0x\([0-9a-f]*\) .*/\1 0x\2/p'
done | tr -d ',' | awk '{ cost[$2] += $1 } END { for (a in cost) print cost[a], a }' | sort -rn | awk '{ print $2 }' > "$work/addresses"
addr2line -f -e "$published/reach.dbg" < "$work/addresses" | awk 'NR % 2 == 1' \
  | grep -E '^[A-Za-z]' | grep -vE '^(_Z|Rh|Pal|GC|Thread|Hnd|Ref_|InterfaceDispatch|InitializeGC|main$|_start$)' \
  | LC_ALL=C sort -u > "$repo/src/Reach.Cli/startup.order"
printf 'startup-order.sh: %s methods in src/Reach.Cli/startup.order\n' "$(wc -l < "$repo/src/Reach.Cli/startup.order")" >&2
