#!/usr/bin/env bash
# Scheduler precision (issue 13 item 5): fire delay, scheduled time -> message published, of
# template.yaml's rate(1 minute) schedules with two scheduler replicas, and the double-fire count.
#
# Starts gateway/target/tradebot.jar twice as TRADEBOT_ROLES=scheduler (replicas bench-a and
# bench-b) against one PostgreSQL and one RabbitMQ vhost (DATABASE_URL, RABBITMQ_URL), plus an
# independent consumer (bench/SchedulerTickConsumer.java) on every schedule.<function> queue of the
# template, for DURATION seconds. Per fire it records:
#   - publish side (the figure the issue names): each replica's log line "fired tick T ...,
#     published (confirmed) N ms after the tick" -- from the tick's scheduled time until the
#     broker's publisher confirm arrived (the scheduler commits the fire only after it);
#   - the database: scheduler.schedule_fires (which replica fired, fired_at = when it claimed the tick);
#   - consumer side: the time each message reached the consumer, its message id and scheduledTime.
#     A (queue, scheduledTime) delivered twice is a double fire; a minute of the run missing from a
#     rate(1 minute) queue is a gap.
# KILL_AT=S kill -9s, S seconds into the run, the replica that fired the latest tick; the other
# must carry on alone: no double, no gap (the summary checks both).
# Only ticks scheduled inside the run window count, so a queue's leftovers from earlier runs are not
# counted (the consumer drains them first).
#
# Results: bench/target/scheduler-precision-<UTC time>/ (summary.txt, fires-publish.tsv,
# fires-db.tsv, consumer.tsv, loadavg.tsv, the replicas' logs, machine.txt).
#
# Settings (environment): DATABASE_URL, RABBITMQ_URL, REDIS_URL (defaults: database tradebot_bench,
# vhost /, Redis db 0, all on 127.0.0.1), DURATION (3600 s), KILL_AT (empty: no kill),
# PORT_BASE (18150: replicas' HTTP/management ports PORT_BASE..+3), SCHEDULER_JAVA_OPTS, OUT, JAR (the
# all-in-one jar; a copy lets you rebuild during a long run),
# TEMPLATE (template.yaml; the schedules fired and consumed).
#
# Needs java/javac 17, psql, unzip. Build first (mvn -B -DskipTests package). Never run from CI.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${JAR:-$ROOT/gateway/target/tradebot.jar}
OUT=${OUT:-$ROOT/bench/target/scheduler-precision-$(date -u +%Y%m%dT%H%M%SZ)}
DURATION=${DURATION:-3600}
KILL_AT=${KILL_AT:-}
PORT_BASE=${PORT_BASE:-18150}
TEMPLATE=${TEMPLATE:-$ROOT/template.yaml}
export DATABASE_URL=${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/tradebot_bench}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/0}
export RABBITMQ_URL=${RABBITMQ_URL:-amqp://guest:guest@127.0.0.1:5672/%2F}

log() { echo "[scheduler-precision] $*" >&2; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

for tool in java javac psql unzip awk sort; do
  command -v $tool >/dev/null || { log "$tool is needed"; exit 1; }
done
[ -f "$JAR" ] || { log "$JAR is missing: build first (mvn -B -DskipTests package)"; exit 1; }
psql "$DATABASE_URL" -qAtc 'select 1' >/dev/null || { log "cannot reach $DATABASE_URL (create the database first)"; exit 1; }

rm -rf "$OUT"
mkdir -p "$OUT/classes" "$OUT/lib"
"$ROOT/bench/machine.sh" >"$OUT/machine.txt"
git -C "$ROOT" rev-parse HEAD >"$OUT/commit.txt" 2>/dev/null || true
export SECRET_KEY=$(head -c 96 /dev/urandom | base64 -w0 | tr -d '/+=' | head -c 96)
export FERNET_KEY=$(head -c 32 /dev/urandom | base64 -w0 | tr '+/' '-_')

# The consumer uses the AMQP client the jar itself ships.
unzip -q -j -o "$JAR" 'BOOT-INF/lib/amqp-client-*.jar' 'BOOT-INF/lib/slf4j-api-*.jar' 'BOOT-INF/lib/netty-*.jar' -d "$OUT/lib"
CONSUMER_CP=$(ls "$OUT"/lib/*.jar | paste -sd:)
javac -d "$OUT/classes" -cp "$CONSUMER_CP" "$ROOT/bench/SchedulerTickConsumer.java"

# Every scheduled function of the template: "function<TAB>expression".
awk '/SPRING_CLOUD_FUNCTION_DEFINITION:/ {fn = $2} /ScheduleExpression:/ {sub(/^ *ScheduleExpression: */, ""); print fn "\t" $0}' \
  "$TEMPLATE" >"$OUT/schedules.tsv"
QUEUES=$(cut -f1 "$OUT/schedules.tsv" | sed 's/^/schedule./' | paste -sd' ')
EVERY_MINUTE=$(awk -F'\t' '$2 == "rate(1 minute)" {print "schedule." $1}' "$OUT/schedules.tsv" | paste -sd' ')
log "schedules: $(wc -l <"$OUT/schedules.tsv"), of them rate(1 minute): $(echo $EVERY_MINUTE | wc -w)"

declare -A PIDS=()
CONSUMER_PID=
SAMPLER_PID=
cleanup() {
  for name in "${!PIDS[@]}"; do
    kill "${PIDS[$name]}" 2>/dev/null || true
  done
  [ -n "$CONSUMER_PID" ] && kill "$CONSUMER_PID" 2>/dev/null || true
  [ -n "$SAMPLER_PID" ] && kill "$SAMPLER_PID" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT

# start_replica NAME PORT
start_replica() {
  local name=$1 port=$2
  TRADEBOT_ROLES=scheduler TRADEBOT_INSTANCE_ID=$name PORT=$port MANAGEMENT_SERVER_PORT=$((port + 1)) \
    ENVIRONMENT=production TRADEBOT_TEMPLATE_LOCATION=$TEMPLATE \
    java ${SCHEDULER_JAVA_OPTS:-} -jar "$JAR" >"$OUT/replica-$name.log" 2>&1 &
  PIDS[$name]=$!
}
start_replica bench-a "$PORT_BASE"
start_replica bench-b $((PORT_BASE + 2))
for name in bench-a bench-b; do
  for _ in $(seq 1 300); do
    grep -q "Scheduler $name started" "$OUT/replica-$name.log" && break
    kill -0 "${PIDS[$name]}" 2>/dev/null || { log "replica $name died: see $OUT/replica-$name.log"; exit 1; }
    sleep 1
  done
  grep -q "Scheduler $name started" "$OUT/replica-$name.log" || { log "replica $name did not start"; exit 1; }
done
log "both replicas started"

# The queues exist once a replica has connected (QueueTopology). Drain what earlier runs left.
java -cp "$OUT/classes:$CONSUMER_CP" SchedulerTickConsumer "$RABBITMQ_URL" "$OUT/consumer.tsv" $QUEUES \
  2>"$OUT/consumer.log" &
CONSUMER_PID=$!
sleep 3
kill -0 "$CONSUMER_PID" 2>/dev/null || { log "the consumer died: see $OUT/consumer.log"; exit 1; }

( while :; do echo "$(date -u +%s) $(loadavg)"; sleep 10; done ) >"$OUT/loadavg.tsv" &
SAMPLER_PID=$!

START=$(date -u +%s)
END=$((START + DURATION))
echo "start=$START end=$END duration=$DURATION kill_at=${KILL_AT:-none}" >"$OUT/window.txt"
log "run from $(date -u -d @$START +%H:%M:%S) to $(date -u -d @$END +%H:%M:%S) UTC, load $(loadavg)"
KILLED=
if [ -n "$KILL_AT" ]; then
  sleep "$KILL_AT"
  victim=$(psql "$DATABASE_URL" -qAtc "select instance from scheduler.schedule_fires order by scheduled_time desc, fired_at desc limit 1")
  [ -n "$victim" ] && [ -n "${PIDS[$victim]:-}" ] || victim=bench-a
  kill -9 "${PIDS[$victim]}"
  KILLED="$victim at $(date -u +%H:%M:%S.%N | cut -c1-12)"
  unset "PIDS[$victim]"
  log "killed -9 $KILLED"
fi
now=$(date -u +%s)
[ "$now" -lt "$END" ] && sleep $((END - now))
sleep 5 # the last tick's messages reach the consumer
kill "$CONSUMER_PID" 2>/dev/null || true
wait "$CONSUMER_PID" 2>/dev/null || true
CONSUMER_PID=
kill "$SAMPLER_PID" 2>/dev/null || true
SAMPLER_PID=

"$ROOT/bench/scheduler-precision-summary.sh" "$OUT" "$START" "$END" "${KILLED:-none}" "$EVERY_MINUTE"
log "results in $OUT"
