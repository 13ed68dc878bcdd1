#!/usr/bin/env bash
# Memory benchmark (issue 13, item 4): the all-in-one jar with its embedded PostgreSQL, Redis and AMQP
# broker (no DATABASE_URL, REDIS_URL or RABBITMQ_URL), idle and then with 10 running paper bots.
#
# For each variant of JVM options (VARIANTS, below) it starts `java <options> -jar tradebot.jar` on a fresh
# data directory, waits until the gateway answers /health and IDLE seconds more, and records:
#   - the JVM's VmRSS and its child processes' (the embedded postgres processes, redis-server), also as PSS
#     (proportional set size: PostgreSQL's shared memory is counted once over its processes, not once per
#     process as a sum of RSS does);
#   - the same total every SAMPLE seconds (5) through the IDLE seconds, and its median and highest: a single
#     reading lands anywhere in glibc's cycle of freeing and trimming native memory;
#   - the NMT summary (-XX:NativeMemoryTracking=summary, `jcmd VM.native_memory summary`) and the heap
#     (`jcmd GC.heap_info`);
# then signs up two users (the running-bots quota is 5 per user), imports one-minute candles of a symbol
# the exchange does not list (MEMUSDT, a sine wave, so sma-cross trades) as each user's own, creates a
# paper account and 5 sma-cross bots each, starts the 10 bots, imports each newly closed candle every
# minute for MINUTES minutes (the bots' ticks run on them), and records the same again. No internet:
# Binance's base URLs point at a closed local port.
#
# With MODES containing `roles`, it also starts the jar three times as Compose does (TRADEBOT_ROLES=gateway,
# worker, scheduler, the same options) against the real services of DATABASE_URL, REDIS_URL and RABBITMQ_URL
# and records each process's idle RSS.
#
# Settings (environment): JAR (gateway/target/tradebot.jar, built when missing), VARIANTS (names, below;
# default "default tuned"), MODES ("allinone", add "roles"), IDLE (seconds idle before the first reading,
# 60), SAMPLE (5), MINUTES (3), BOTS (10), PORT_BASE (18140: server, +1 management, +2 PostgreSQL, +3 Redis, +4 AMQP,
# DEAD_PORT (9: where Binance is "reached", a closed port), OUT (the results directory), QUIET_LOAD / QUIET_WAIT (as gateway-me.sh).
# One command: `bench/memory.sh`; results in bench/target/memory-<time>/summary.txt.
#
# Never run from CI: the figures depend on the machine.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${OUT:-$ROOT/bench/target/memory-$(date -u +%Y%m%dT%H%M%SZ)}
JAR=${JAR:-$ROOT/gateway/target/tradebot.jar}
IDLE=${IDLE:-60}
MINUTES=${MINUTES:-3}
BOTS=${BOTS:-10}
PORT_BASE=${PORT_BASE:-18140}
HTTP_PORT=$PORT_BASE
MGMT_PORT=$((PORT_BASE + 1))
DEAD_PORT=${DEAD_PORT:-9}
API=http://127.0.0.1:$HTTP_PORT/api

# The variants: JVM options, and the environment of the java process (MALLOC_ARENA_MAX). `tuned` is what
# README's run command uses (keep them in step); OPTS_<name> / ENV_<name> define more.
HEAP_OPTS="-XX:+UseSerialGC -Xms64m -Xmx384m"
TUNED_OPTS="$HEAP_OPTS -XX:TrimNativeHeapInterval=5000"
variant_opts() {
  local own="OPTS_$1"
  if [ -n "${!own+x}" ]; then echo "${!own}"; return 0; fi
  case $1 in
    default) echo "" ;;
    heap) echo "$HEAP_OPTS" ;;
    arena) echo "$HEAP_OPTS" ;;
    tuned) echo "$TUNED_OPTS" ;;
    *) echo "unknown variant $1 (default, heap, arena, tuned; or set OPTS_<name>)" >&2; return 1 ;;
  esac
}
variant_env() {
  local own="ENV_$1"
  if [ -n "${!own+x}" ]; then echo "${!own}"; return 0; fi
  case $1 in
    tuned|arena) echo "MALLOC_ARENA_MAX=2" ;;
    *) echo "" ;;
  esac
}

log() { echo "[memory] $*" >&2; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

rm -rf "$OUT"
mkdir -p "$OUT"
"$ROOT/bench/machine.sh" >"$OUT/machine.txt"

if [ ! -f "$JAR" ]; then
  log "building $JAR"
  (cd "$ROOT" && mvn -B -q package -DskipTests -Dtradebot.webapp.skip=true -pl gateway -am)
fi
echo "jar.bytes=$(stat -c %s "$JAR")" >>"$OUT/summary.txt"
echo "jar.MiB=$(( $(stat -c %s "$JAR") / 1048576 ))" >>"$OUT/summary.txt"

if [ -n "${QUIET_LOAD:-}" ]; then
  "$ROOT/bench/wait-for-quiet.sh" "$QUIET_LOAD" "${QUIET_WAIT:-600}" || true
fi

# every descendant of a pid (children first found through /proc/<pid>/task/*/children)
descendants() {
  local pid=$1 child
  for child in $(cat /proc/"$pid"/task/*/children 2>/dev/null); do
    echo "$child"
    descendants "$child"
  done
}

kib() { awk -v k="$2" '$1 == k":" {print $2; exit}' "$1" 2>/dev/null || true; }

# name.rssMiB, name.pssMiB for the JVM, its children, and the total; one line per child process in $2
# (the embedded PostgreSQL is started through pg_ctl, which detaches it: $4 names its postmaster.pid)
memory_of() {
  local pid=$1 prefix=$2 detail=$3 pidfile=${4:-} jrss jpss crss=0 cpss=0 c r p postmaster=
  jrss=$(kib /proc/"$pid"/status VmRSS)
  jpss=$(kib /proc/"$pid"/smaps_rollup Pss)
  [ -n "$pidfile" ] && [ -f "$pidfile" ] && postmaster=$(head -n 1 "$pidfile")
  : >"$detail"
  for c in $(descendants "$pid") ${postmaster:+$postmaster $(descendants "$postmaster")}; do
    r=$(kib /proc/"$c"/status VmRSS); p=$(kib /proc/"$c"/smaps_rollup Pss)
    [ -n "$r" ] || continue
    echo "$c $(tr '\0' ' ' </proc/"$c"/cmdline | cut -c1-80) rss=${r}kB pss=${p:-0}kB" >>"$detail"
    crss=$((crss + r)); cpss=$((cpss + ${p:-0}))
  done
  {
    echo "$prefix.jvm.rssMiB=$((jrss / 1024))"
    echo "$prefix.jvm.pssMiB=$((jpss / 1024))"
    echo "$prefix.children.count=$(wc -l <"$detail")"
    echo "$prefix.children.rssSumMiB=$((crss / 1024))"
    echo "$prefix.children.pssMiB=$((cpss / 1024))"
    echo "$prefix.total.rssSumMiB=$(((jrss + crss) / 1024))"
    echo "$prefix.total.pssMiB=$(((jpss + cpss) / 1024))"
    echo "$prefix.load=$(load)"
  } >>"$OUT/summary.txt"
}

# pss_kib PID PIDFILE: PSS of the JVM, its descendants and the embedded PostgreSQL's processes, in KiB
pss_kib() {
  local pid=$1 pidfile=$2 total c p postmaster=
  [ -f "$pidfile" ] && postmaster=$(head -n 1 "$pidfile")
  total=$(kib /proc/"$pid"/smaps_rollup Pss)
  for c in $(descendants "$pid") ${postmaster:+$postmaster $(descendants "$postmaster")}; do
    p=$(kib /proc/"$c"/smaps_rollup Pss)
    total=$((total + ${p:-0}))
  done
  echo "$total"
}

# idle_series PID PIDFILE: the total PSS every SAMPLE seconds for IDLE seconds, one KiB figure a line.
# One reading alone lands anywhere in glibc's cycle of freeing and trimming (tens of MiB apart here).
idle_series() {
  local end=$((SECONDS + IDLE))
  while [ $SECONDS -lt $end ]; do
    sleep "${SAMPLE:-5}"
    pss_kib "$1" "$2"
  done
}

# series_summary PREFIX FILE: median and highest of the series, less NMT's bookkeeping, in MiB
series_summary() {
  local nmt
  nmt=$(sed -n "s/^$1\.nmt\.NativeMemoryTrackingMiB=//p" "$OUT/summary.txt" | tail -n 1)
  sort -n "$2" | awk -v p="$1" -v nmt="${nmt:-0}" '{ v[NR] = $1 } END {
      if (NR == 0) exit
      m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      printf "%s.series.samples=%d\n%s.series.medianPssLessNmtMiB=%d\n%s.series.maxPssLessNmtMiB=%d\n", p, NR, p, m / 1024 - nmt, p, v[NR] / 1024 - nmt
    }' >>"$OUT/summary.txt"
}

jvm_report() {
  local pid=$1 prefix=$2 dir=$3
  jcmd "$pid" VM.native_memory summary >"$dir/$prefix-nmt.txt" 2>&1 || true
  jcmd "$pid" GC.heap_info >"$dir/$prefix-heap.txt" 2>&1 || true
  # NMT's committed total and its biggest categories, in MiB
  awk -v p="$prefix" '
    /^Total:/ { match($0, /committed=[0-9]+KB/); print p ".nmt.committedMiB=" int(substr($0, RSTART + 10, RLENGTH - 12) / 1024) }
    /^-  *[A-Z][A-Za-z ]+ \(reserved=/ { name = $0; sub(/^- */, "", name); sub(/ *\(.*/, "", name); gsub(/ /, "", name)
      match($0, /committed=[0-9]+KB/); print p ".nmt." name "MiB=" int(substr($0, RSTART + 10, RLENGTH - 12) / 1024) }
  ' "$dir/$prefix-nmt.txt" >>"$OUT/summary.txt"
  # NMT's own bookkeeping is memory the JVM would not have without it: the figures less it
  local nmt total
  nmt=$(awk '/^-  *Native Memory Tracking \(reserved=/ { match($0, /committed=[0-9]+KB/); print int(substr($0, RSTART + 10, RLENGTH - 12) / 1024) }' "$dir/$prefix-nmt.txt")
  total=$(sed -n "s/^$prefix\.total\.pssMiB=//p" "$OUT/summary.txt" | tail -n 1)
  [ -n "$nmt" ] && [ -n "$total" ] && echo "$prefix.total.pssLessNmtMiB=$((total - nmt))" >>"$OUT/summary.txt"
  # heap: used and committed (Serial/Parallel print "total NK, used NK"; G1 prints "total NK, used NK" on its first line too)
  awk -v p="$prefix" 'NR == 1 || /total [0-9]+K, used [0-9]+K/ {
      if (match($0, /total [0-9]+K, used [0-9]+K/)) { split(substr($0, RSTART, RLENGTH), a, /[ K,]+/); t += a[2]; u += a[4] }
    } /Metaspace/ && /used/ { match($0, /used [0-9]+K/); m = substr($0, RSTART + 5, RLENGTH - 6) }
    END { print p ".heap.committedMiB=" int(t / 1024); print p ".heap.usedMiB=" int(u / 1024); if (m) print p ".metaspace.usedMiB=" int(m / 1024) }' \
    "$dir/$prefix-heap.txt" >>"$OUT/summary.txt"
}

wait_http() {
  local url=$1 pid=$2 seconds=$3
  for _ in $(seq "$seconds"); do
    kill -0 "$pid" 2>/dev/null || return 1
    curl -fsS -o /dev/null "$url" 2>/dev/null && return 0
    sleep 1
  done
  return 1
}

stop_jvm() {
  local pid=$1
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || return 0; sleep 1; done
  log "pid $pid did not stop in 60 s; killing it"
  kill -KILL "$pid" 2>/dev/null || true
}

# A CSV of one-minute MEMUSDT candles from $1 (epoch seconds, a minute) for $2 minutes: a sine wave with a
# period of 16 minutes around 100, so a short sma-cross crosses every few candles.
candles_csv() {
  awk -v from="$1" -v n="$2" 'BEGIN {
    print "open_time,open,high,low,close,volume"
    for (i = 0; i < n; i++) {
      t = from + 60 * i; k = t / 60
      o = 100 + 5 * sin(2 * 3.14159265 * (k - 1) / 16); c = 100 + 5 * sin(2 * 3.14159265 * k / 16)
      h = (o > c ? o : c) + 0.5; l = (o < c ? o : c) - 0.5
      printf "%d,%.2f,%.2f,%.2f,%.2f,%.3f\n", t * 1000, o, h, l, c, 10 + (k % 7)
    }
  }'
}

import_candles() {
  local token=$1 from=$2 n=$3
  candles_csv "$from" "$n" | curl -fsS -XPOST "$API/market/candles/import?symbol=MEMUSDT&interval=1m" \
    -H "authorization: Bearer $token" -H 'content-type: text/csv' --data-binary @- >/dev/null
}

sign_in() {
  local email=$1 password="memory bench password"
  curl -fsS -XPOST "$API/auth/register" -H 'content-type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"$password\"}" >/dev/null
  curl -fsS -XPOST "$API/auth/login" -H 'content-type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"$password\"}" | jq -r .accessToken
}

# Signs up users of up to 5 bots each, imports 3 hours of candles, starts BOTS bots; prints the tokens.
start_bots() {
  local left=$BOTS user=0 token account bot now from tokens=()
  now=$(( $(date +%s) / 60 * 60 ))
  from=$((now - 180 * 60))
  while [ "$left" -gt 0 ]; do
    user=$((user + 1))
    token=$(sign_in "memory$user-$RANDOM@example.com")
    import_candles "$token" "$from" 180
    account=$(curl -fsS -XPOST "$API/accounts" -H "authorization: Bearer $token" -H 'content-type: application/json' \
      -d '{"name":"paper","kind":"paper","balances":{"USDT":"10000"}}' | jq -r .id)
    for i in $(seq "$(( left < 5 ? left : 5 ))"); do
      bot=$(curl -fsS -XPOST "$API/bots" -H "authorization: Bearer $token" -H 'content-type: application/json' \
        -d "{\"name\":\"bot$i\",\"accountId\":\"$account\",\"symbol\":\"MEMUSDT\",\"interval\":\"1m\",\"strategy\":\"sma-cross\",
             \"params\":{\"fast\":3,\"slow\":8},\"sizing\":{\"type\":\"percent\",\"value\":15}}" | jq -r .id)
      curl -fsS -XPOST "$API/bots/$bot/start" -H "authorization: Bearer $token" >/dev/null
      left=$((left - 1))
    done
    tokens+=("$token")
  done
  echo "${tokens[@]}"
}

bots_state() {
  local token
  for token in "$@"; do
    curl -fsS "$API/bots?limit=50" -H "authorization: Bearer $token" \
      | jq -r '.bots[] | "\(.id) \(.status) lastCandle=\(.lastCandle) realizedPnl=\(.realizedPnl) lastError=\(.lastError)"'
  done
}

run_allinone() {
  local variant=$1 opts venv dir pid tokens
  opts=$(variant_opts "$variant")
  venv=$(variant_env "$variant")
  dir=$OUT/$variant
  mkdir -p "$dir"
  echo "$variant.options=$venv $opts" >>"$OUT/summary.txt"
  log "$variant: starting the all-in-one jar ($venv $opts; load $(load))"
  # shellcheck disable=SC2086
  (cd "$dir" && exec env -u DATABASE_URL -u REDIS_URL -u RABBITMQ_URL -u TRADEBOT_ROLES -u JAVA_TOOL_OPTIONS ENVIRONMENT=development $venv \
    java $opts -XX:NativeMemoryTracking=summary -jar "$JAR" \
      --server.port="$HTTP_PORT" --management.server.port="$MGMT_PORT" --tradebot.data-dir="$dir/data" \
      --tradebot.embedded.postgres-port=$((PORT_BASE + 2)) --tradebot.embedded.redis-port=$((PORT_BASE + 3)) \
      --tradebot.embedded.amqp-port=$((PORT_BASE + 4)) \
      --tradebot.exchange.binance.base-url="http://127.0.0.1:$DEAD_PORT" \
      --tradebot.exchange.binance.testnet-base-url="http://127.0.0.1:$DEAD_PORT" \
      >"$dir/app.log" 2>&1) &
  pid=$!
  local started=$SECONDS
  if ! wait_http "http://127.0.0.1:$HTTP_PORT/health" "$pid" "${START_WAIT:-900}"; then
    log "$variant: did not answer /health; see $dir/app.log"
    echo "$variant.failed=no /health" >>"$OUT/summary.txt"
    stop_jvm "$pid"; return 0
  fi
  echo "$variant.startSeconds=$((SECONDS - started))" >>"$OUT/summary.txt"
  log "$variant: up after $((SECONDS - started)) s; idle for $IDLE s"
  idle_series "$pid" "$dir/data/postgres/postmaster.pid" >"$dir/idle-series.txt"
  memory_of "$pid" "$variant.idle" "$dir/idle-processes.txt" "$dir/data/postgres/postmaster.pid"
  jvm_report "$pid" "$variant.idle" "$dir"
  series_summary "$variant.idle" "$dir/idle-series.txt"
  echo "$variant.idle.jvmThreads=$(ls /proc/"$pid"/task | wc -l)" >>"$OUT/summary.txt"

  log "$variant: $BOTS paper bots for $MINUTES minutes"
  read -r -a tokens <<<"$(start_bots)"
  local end=$((SECONDS + 60 * MINUTES)) peak=0 r
  while [ $SECONDS -lt $end ]; do
    # the minute that has just closed, for every user
    sleep $((60 - $(date +%s) % 60 + 2))
    for token in "${tokens[@]}"; do import_candles "$token" $(( $(date +%s) / 60 * 60 - 60 )) 1 || true; done
    r=$(kib /proc/"$pid"/status VmRSS); [ "${r:-0}" -gt "$peak" ] && peak=$r
  done
  sleep 20
  bots_state "${tokens[@]}" >"$dir/bots.txt" || true
  echo "$variant.bots.running=$(grep -ci ' running ' "$dir/bots.txt" || true)" >>"$OUT/summary.txt"
  echo "$variant.bots.withCandles=$(grep -vc 'lastCandle=null' "$dir/bots.txt" || true)" >>"$OUT/summary.txt"
  memory_of "$pid" "$variant.bots" "$dir/bots-processes.txt" "$dir/data/postgres/postmaster.pid"
  jvm_report "$pid" "$variant.bots" "$dir"
  echo "$variant.bots.jvmThreads=$(ls /proc/"$pid"/task | wc -l)" >>"$OUT/summary.txt"
  echo "$variant.bots.jvm.peakSampledRssMiB=$((peak / 1024))" >>"$OUT/summary.txt"
  echo "$variant.bots.jvm.hwmMiB=$(( $(kib /proc/"$pid"/status VmHWM) / 1024 ))" >>"$OUT/summary.txt"
  stop_jvm "$pid"
  wait "$pid" 2>/dev/null || true
  rm -rf "$dir/data"
}

run_roles() {
  local variant=$1 opts venv dir role pid
  : "${DATABASE_URL:?MODES=roles needs DATABASE_URL, REDIS_URL and RABBITMQ_URL (of the benchmark alone)}"
  opts=$(variant_opts "$variant")
  venv=$(variant_env "$variant")
  dir=$OUT/$variant-roles
  mkdir -p "$dir"
  for role in gateway worker scheduler; do
    log "$variant: role $role"
    # shellcheck disable=SC2086
    (cd "$dir" && exec env -u JAVA_TOOL_OPTIONS TRADEBOT_ROLES=$role ENVIRONMENT=development $venv \
      java $opts -XX:NativeMemoryTracking=summary -jar "$JAR" \
        --server.port="$HTTP_PORT" --management.server.port="$MGMT_PORT" \
        --tradebot.exchange.binance.base-url="http://127.0.0.1:$DEAD_PORT" >"$dir/$role.log" 2>&1) &
    pid=$!
    if wait_http "http://127.0.0.1:$MGMT_PORT/actuator/health/readiness" "$pid" "${START_WAIT:-900}"; then
      sleep "$IDLE"
      memory_of "$pid" "$variant.role.$role" "$dir/$role-processes.txt"
      jvm_report "$pid" "$variant.role.$role" "$dir"
    else
      echo "$variant.role.$role.failed=not ready" >>"$OUT/summary.txt"
    fi
    stop_jvm "$pid"
    wait "$pid" 2>/dev/null || true
  done
}

for variant in ${VARIANTS:-default tuned}; do
  for mode in ${MODES:-allinone}; do
    case $mode in
      allinone) run_allinone "$variant" ;;
      roles) run_roles "$variant" ;;
    esac
  done
done
grep -E '\.(total|jvm|children|series)\.|jar\.|heap|nmt\.(committed|JavaHeap|Class|Thread|Code|GC|Other|Internal)|bots\.|failed|start' "$OUT/summary.txt" || true
log "results in $OUT (summary.txt, per variant: NMT, heap, processes, app.log)"
