#!/usr/bin/env bash
# Bot benchmark (issue 9, item 10): 1,000 running paper bots on 1-minute candles in one worker (tick →
# last bot's candle processed, each run's p50/p99, the worker's RSS), then the all-in-one process with
# 10 paper bots for a few minutes (its RSS). Candles and prices come from the project's fake Binance in
# the same JVM; PostgreSQL, Redis and RabbitMQ are the real ones of DATABASE_URL, REDIS_URL and
# RABBITMQ_URL (a database, Redis db and vhost of the benchmark's own: the run empties its bot tables).
#
# Settings (environment): MODES ("worker allinone"), BOTS (1000), RUNS (3: worker runs, each in a fresh JVM; the
# summary gives each figure's median), ALLINONE_BOTS (10), ALLINONE_MINUTES (4), HEAP (-Xmx, unset: the JVM's
# default), CONCURRENCY (consumers of the bot-runs queue in the worker; unset: the worker's default, 8),
# POOL (the worker's PostgreSQL connections; unset: a production worker's 24), JVM_OPTS (more JVM options,
# e.g. a flight recording), QUIET_LOAD / QUIET_WAIT (as gateway-me.sh), OUT (the results directory).
#
# Never run from CI: the figures depend on the machine.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${OUT:-$ROOT/bench/target/bots-$(date -u +%Y%m%dT%H%M%SZ)}
BOTS=${BOTS:-1000}
ALLINONE_BOTS=${ALLINONE_BOTS:-10}
ALLINONE_MINUTES=${ALLINONE_MINUTES:-4}

log() { echo "[bots] $*" >&2; }

: "${DATABASE_URL:?set DATABASE_URL (an existing database of the benchmark own)}"
: "${REDIS_URL:?set REDIS_URL}"
: "${RABBITMQ_URL:?set RABBITMQ_URL}"

rm -rf "$OUT"
mkdir -p "$OUT"
"$ROOT/bench/machine.sh" >"$OUT/machine.txt"

log "compiling (gateway and what it needs, with the test classes)"
(cd "$ROOT" && mvn -B -q -pl gateway -am test-compile dependency:build-classpath -Dtradebot.webapp.skip=true -Dmdep.includeScope=test \
  -Dmdep.outputFile="$OUT/classpath.txt")
CP=$ROOT/gateway/target/test-classes:$ROOT/gateway/target/classes:$ROOT/functions/target/test-classes:$ROOT/functions/target/classes:$ROOT/scheduler/target/classes:$ROOT/functions/runtime/target/classes:$(cat "$OUT/classpath.txt")

JAVA_OPTS=()
[ -n "${HEAP:-}" ] && JAVA_OPTS+=("-Xmx$HEAP")
[ -n "${CONCURRENCY:-}" ] && JAVA_OPTS+=("-Dspring.cloud.stream.bindings[runBot-in-0].consumer.concurrency=$CONCURRENCY")
[ -n "${POOL:-}" ] && JAVA_OPTS+=("-Dpool=$POOL")
[ -n "${JVM_OPTS:-}" ] && read -r -a extra <<<"$JVM_OPTS" && JAVA_OPTS+=("${extra[@]}")

if [ -n "${QUIET_LOAD:-}" ]; then
  "$ROOT/bench/wait-for-quiet.sh" "$QUIET_LOAD" "${QUIET_WAIT:-600}" || true
fi

run() {
  local name=$1 mode=$2; shift 2
  log "$name: $mode $* (load $(cut -d' ' -f1-3 /proc/loadavg))"
  (cd "$ROOT/gateway" && java "${JAVA_OPTS[@]}" -cp "$CP" app.tradebot.gateway.BotsBenchmark "$mode" "$@") \
    >"$OUT/$name.txt" 2>&1 || log "$name failed: see $OUT/$name.txt"
  { grep -E '^[A-Za-z0-9.]+=' "$OUT/$name.txt" || true; } | sed "s/^/$name./" >>"$OUT/summary.txt"
}

for mode in ${MODES:-worker allinone}; do
  case $mode in
    worker)
      for r in $(seq "${RUNS:-3}"); do run "worker$r" worker "$BOTS"; done
      # the median of each numeric figure over the runs
      for key in tickPublishMs tickToLastCandleProcessedMs perBotP50Ms perBotP99Ms perBotMaxMs workerRssMiB workerPeakRssMiB; do
        { grep -E "^worker[0-9]+\.$key=" "$OUT/summary.txt" || true; } | cut -d= -f2 | sort -n \
          | awk -v k="$key" '{ v[NR] = $1 } END { if (NR) print "worker.median." k "=" v[int((NR + 1) / 2)] }' >>"$OUT/summary.txt"
      done
      ;;
    allinone) run allinone allinone "$ALLINONE_BOTS" "$ALLINONE_MINUTES" ;;
  esac
done
cat "$OUT/summary.txt"
log "results in $OUT"
