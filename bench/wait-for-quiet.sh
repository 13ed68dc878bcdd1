#!/usr/bin/env bash
# wait-for-quiet.sh MAX_LOAD [MAX_WAIT_SECONDS]: waits until the one-minute load average is at most
# MAX_LOAD, or MAX_WAIT_SECONDS (default 1800) have passed; on a shared machine the benchmarks call
# it (when QUIET_LOAD is set) so that they start in the quietest moment they can get.
set -euo pipefail
max=$1
deadline=$((SECONDS + ${2:-1800}))
while :; do
  load=$(cut -d' ' -f1 /proc/loadavg)
  if awk -v l="$load" -v m="$max" 'BEGIN {exit !(l <= m)}'; then
    echo "[wait-for-quiet] load $load <= $max" >&2
    exit 0
  fi
  if [ $SECONDS -ge $deadline ]; then
    echo "[wait-for-quiet] load still $load after waiting; going on anyway" >&2
    exit 0
  fi
  sleep 10
done
