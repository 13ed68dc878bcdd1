#!/usr/bin/env bash
# Task pipeline: N audit events published through the application's AuditTrail (the outbox, its
# immediate send with publisher confirms: what an API request does), carried by RabbitMQ (quorum
# queue audit-events) to the worker's recordAuditEvent (Spring Cloud Stream) and stored in
# PostgreSQL; timed from the first publish until the last row exists. Then the Celery peer
# (PEER_SCRIPT, ../shared/peers/bench_p4_peer.sh) with the same N, so both lines come from one run.
#
#   1. starts the worker: gateway/target/tradebot.jar with TRADEBOT_ROLES=worker (it applies the
#      migrations), and waits until it is ready;
#   2. runs the publisher (TaskPipeline.java on the class path of the all-in-one jar's libraries, as the gateway's
#      process has them: an API process playing PUBLISHER_ROLES, by default the gateway's role: its caller returns
#      at its row's commit, the process's sender and relay loop send the rows; PUBLISHER_ROLES= plays none, whose caller waits for its
#      message's confirm, as in a Lambda) with THREADS publishing threads: WARMUP events through the whole
#      pipeline untimed, then the N measured ones; it polls PostgreSQL every 20 ms for the N rows;
#   3. KILL=1 instead checks the guarantee: once a third of the N rows exist it kill -9s the worker,
#      restarts it, and when the publisher has seen N rows counts them: exactly N distinct event ids of
#      the run's type, nothing left in the outbox, audit-events or audit-events.dlq. (A message the worker
#      stored but had not acknowledged when it died is delivered again: the insert ignores an event id it
#      already holds, so redeliveries never make a second row.)
#   4. the peer, unless PEER_SCRIPT is empty or KILL=1.
# Besides the rates it records the CPU per task of the publisher, the worker, PostgreSQL, RabbitMQ and the whole
# machine in the measured run (read by the publisher from /proc at its clock's start and stop) and how busy the
# cores were, the machine's CPU over the peer's script, and the load average before and after each side. JFR=1
# records a flight recording (profile settings) of both JVMs into the results directory and prints their hottest
# frames.
# Results go to bench/target/task-pipeline-<UTC time>/ (summary.txt, logs, recordings, the jars it ran).
#
# Settings (environment): DATABASE_URL, REDIS_URL, RABBITMQ_URL (defaults: database tradebot_bench,
# Redis db 0, vhost /, all on 127.0.0.1), N (20000), THREADS (16), WARMUP (5000), KILL (0), JFR (0),
# AUDIT_CONSUMERS (empty: the worker's own setting, four consumers of audit-events, each handing recordAuditEvent
# batches of up to 100 messages; a number sets the binding's consumer.concurrency), PUBLISHER_ROLES (gateway),
# BENCH_PORT (18130; the worker's actuator gets BENCH_PORT+1), WORKER_JAVA_OPTS, PUBLISHER_JAVA_OPTS,
# QUIET_LOAD / QUIET_WAIT (as in gateway-me.sh), PEER_SCRIPT, OUT (the results directory).
# The peer needs /usr/bin/python3 with python3-celery, python3-redis and python3-psycopg2, Redis db 9 and
# the database peer_celery (its script recreates it); it is not run while another peer runs.
#
# Build first (mvn -B -DskipTests install). Never run from CI: the figures depend on the machine.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORKER_JAR=$ROOT/gateway/target/tradebot.jar
OUT=${OUT:-$ROOT/bench/target/task-pipeline-$(date -u +%Y%m%dT%H%M%SZ)}
N=${N:-20000}
THREADS=${THREADS:-16}
WARMUP=${WARMUP:-5000}
KILL=${KILL:-0}
PUBLISHER_ROLES=${PUBLISHER_ROLES-gateway}
AUDIT_CONSUMERS=${AUDIT_CONSUMERS:-}
JFR=${JFR:-0}
BENCH_PORT=${BENCH_PORT:-18130}
# The peers sit beside the main checkout; a worktree one level deeper finds them one level up.
DEFAULT_PEER=$ROOT/../shared/peers/bench_p4_peer.sh
[ -f "$DEFAULT_PEER" ] || DEFAULT_PEER=$ROOT/../../shared/peers/bench_p4_peer.sh
[ -f "$DEFAULT_PEER" ] || DEFAULT_PEER=
PEER_SCRIPT=${PEER_SCRIPT-$DEFAULT_PEER}
export DATABASE_URL=${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/tradebot_bench}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/0}
export RABBITMQ_URL=${RABBITMQ_URL:-amqp://guest:guest@127.0.0.1:5672/%2F}
export ENVIRONMENT=production
unset MAIN_CLASS TRADEBOT_ROLES

TYPE=bench-$(date -u +%H%M%S)-$$
WORKER_PID=
PUBLISHER_PID=

log() { echo "[task-pipeline] $*" >&2; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
sql() { psql "$DATABASE_URL" -qAtc "$1"; }

for tool in java javac jar unzip psql curl; do
  command -v $tool >/dev/null || { log "$tool is needed"; exit 1; }
done
[ -f "$WORKER_JAR" ] || { log "$WORKER_JAR is missing: build first (mvn -B -DskipTests install)"; exit 1; }
sql 'select 1' >/dev/null || { log "cannot reach $DATABASE_URL (create the database first)"; exit 1; }

rm -rf "$OUT"
mkdir -p "$OUT/classes"
"$ROOT/bench/machine.sh" >"$OUT/machine.txt"
export SECRET_KEY=$(head -c 96 /dev/urandom | base64 -w0 | tr -d '/+=' | head -c 96)
export FERNET_KEY=$(head -c 32 /dev/urandom | base64 -w0 | tr '+/' '-_')
# Copies of the jars: a build during the run does not pull them from under the JVMs.
cp "$WORKER_JAR" "$OUT/tradebot.jar"
WORKER_JAR=$OUT/tradebot.jar
# The publisher boots every function's beans with no function named, as the gateway's process does: on the
# libraries of the same all-in-one jar (the functions' classes among them; Bouncy Castle's Argon2 is among its
# own classes), not on one Lambda's package. The gateway's own classes stay out: TradeBotFunctions' scan would
# start them.
unzip -q -j "$WORKER_JAR" 'BOOT-INF/lib/*.jar' -d "$OUT/lib"
unzip -q "$WORKER_JAR" 'BOOT-INF/classes/org/*' -d "$OUT/boot"
PUBLISHER_CP="$OUT/boot/BOOT-INF/classes:$OUT/lib/*"
javac -proc:none -d "$OUT/classes" -cp "$PUBLISHER_CP" "$ROOT/bench/TaskPipeline.java"
jar cf "$OUT/task-pipeline.jar" -C "$OUT/classes" .

stop() {
  local pid
  for pid in $PUBLISHER_PID $WORKER_PID; do
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      wait "$pid" 2>/dev/null || true
    fi
  done
}
trap stop EXIT

jfr_opts() {
  [ "$JFR" = 1 ] && echo "-XX:StartFlightRecording=filename=$OUT/$1.jfr,settings=profile,dumponexit=true"
  return 0
}

audit_consumers() {
  [ -n "$AUDIT_CONSUMERS" ] && echo "-Dspring.cloud.stream.bindings[recordAuditEvent-in-0].consumer.concurrency=$AUDIT_CONSUMERS"
  return 0
}

# start_worker NAME: the all-in-one jar as worker only, until its readiness answers UP.
start_worker() {
  log "starting the worker ($1)"
  TRADEBOT_ROLES=worker PORT=$BENCH_PORT MANAGEMENT_SERVER_PORT=$((BENCH_PORT + 1)) \
    java ${WORKER_JAVA_OPTS:-} $(jfr_opts "$1") $(audit_consumers) -jar "$WORKER_JAR" >"$OUT/$1.log" 2>&1 &
  WORKER_PID=$!
  for _ in $(seq 1 240); do
    if curl -sf "http://127.0.0.1:$((BENCH_PORT + 1))/actuator/health/readiness" >/dev/null; then
      return
    fi
    kill -0 "$WORKER_PID" 2>/dev/null || { log "the worker died: see $OUT/$1.log"; exit 1; }
    sleep 1
  done
  log "the worker was not ready in 240 s: see $OUT/$1.log"
  exit 1
}

# machine_cpu: the machine's busy CPU seconds so far (every core, /proc/stat) and PostgreSQL's (its processes, with
# the backends the postmaster reaped), as "machine postgres": two processes, so that a reading is quick.
machine_cpu() {
  # (cat fails for a process that exits while it reads: what it read is enough)
  { cat /proc/stat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v hz="$(getconf CLK_TCK)" '
    $1 == "cpu" { machine = $2 + $3 + $4 + $7 + $8 + $9 }
    $2 == "(postgres)" { postgres += $14 + $15 + $16 + $17 }
    END { printf "%.2f %.2f", machine / hz, postgres / hz }'
}

start_worker worker
sql "delete from audit_events where type like 'bench-%'"
if [ -n "${QUIET_LOAD:-}" ]; then
  "$ROOT/bench/wait-for-quiet.sh" "$QUIET_LOAD" "${QUIET_WAIT:-1800}"
fi

{
  echo "n=$N threads=$THREADS warmup=$WARMUP kill=$KILL auditConsumers=${AUDIT_CONSUMERS:-default} publisherRoles=${PUBLISHER_ROLES:-none} type=$TYPE"
  echo "ours.loadavg.before=$(loadavg)"
} >"$OUT/summary.txt"
log "publishing $WARMUP + $N events from $THREADS threads"
WORKER_PID=$WORKER_PID CLK_TCK=$(getconf CLK_TCK) TRADEBOT_ROLES=$PUBLISHER_ROLES java ${PUBLISHER_JAVA_OPTS:-} $(jfr_opts publisher) -cp "$PUBLISHER_CP:$OUT/task-pipeline.jar" \
  TaskPipeline "$N" "$THREADS" "$TYPE" "$WARMUP" "$OUT/ours.txt" >"$OUT/publisher.log" 2>&1 &
PUBLISHER_PID=$!

# The measured run starts once the publisher's warm-up is through.
measuring=
while kill -0 "$PUBLISHER_PID" 2>/dev/null; do
  if [ -z "$measuring" ] && { [ "$WARMUP" = 0 ] || grep -qs 'warm-up of' "$OUT/publisher.log"; }; then
    measuring=1
  fi
  if [ "$KILL" = 1 ] && [ -n "$measuring" ] \
      && [ "$(sql "select count(*) from audit_events where type = '$TYPE'")" -ge $((N / 3)) ]; then
    log "kill -9 of the worker at $(sql "select count(*) from audit_events where type = '$TYPE'") of $N rows"
    kill -9 "$WORKER_PID"
    wait "$WORKER_PID" 2>/dev/null || true
    echo "killed.at.rows=$(sql "select count(*) from audit_events where type = '$TYPE'")" >>"$OUT/summary.txt"
    start_worker worker-restarted
    KILL=done
  fi
  sleep 0.2
done
wait "$PUBLISHER_PID" || { log "the publisher failed: see $OUT/publisher.log"; exit 1; }
PUBLISHER_PID=
{
  echo "ours.loadavg.after=$(loadavg)"
  echo "ours.line=$(cat "$OUT/ours.txt")"
  # CPU per task of each process and of the machine, from the publisher's readings at its clock's start and stop
  # (the worker's is the restarted one's after a kill, so not given then)
  [ "$KILL" = done ] || tr ' ' '\n' <"$OUT/ours.txt" | awk -F= -v n="$N" -v cores="$(nproc)" '
    { v[$1] = $2 }
    END {
      if (!("machineCpuSeconds" in v)) exit
      printf "ours.workerCpuSeconds=%.2f\n", v["workerCpuSeconds"]
      printf "ours.cpuMsPerTask publisher=%.3f worker=%.3f postgres=%.3f rabbitmq=%.3f machine=%.3f\n",
        1000 * v["publisherCpuSeconds"] / n, 1000 * v["workerCpuSeconds"] / n, 1000 * v["postgresCpuSeconds"] / n,
        1000 * v["rabbitmqCpuSeconds"] / n, 1000 * v["machineCpuSeconds"] / n
      printf "ours.machineBusy=%.0f%% of %d cores\n", 100 * v["machineCpuSeconds"] / (v["seconds"] * cores), cores
    }'
} >>"$OUT/summary.txt"

if [ "$KILL" = done ]; then
  sleep 3  # the relay interval (2 s): a row the publisher left in the outbox is sent by then
  rows=$(sql "select count(*) from audit_events where type = '$TYPE'")
  distinct=$(sql "select count(distinct id) from audit_events where type = '$TYPE'")
  outbox=$(sql "select count(*) from outbox where function = 'recordAuditEvent'")
  queues=$(rabbitmqctl -q list_queues -p "$(sed 's|.*/||; s|%2F|/|' <<<"$RABBITMQ_URL")" name messages 2>/dev/null \
    | awk '$1 == "audit-events" || $1 == "audit-events.dlq" {printf "%s=%s ", $1, $2}' || true)
  echo "kill.check rows=$rows distinct=$distinct expected=$N outbox=$outbox $queues" >>"$OUT/summary.txt"
  if [ "$rows" != "$N" ] || [ "$distinct" != "$N" ] || [ "$outbox" != 0 ]; then
    log "LOST OR DUPLICATED: rows=$rows distinct=$distinct expected=$N outbox=$outbox"
    cat "$OUT/summary.txt" >&2
    exit 1
  fi
fi
stop
WORKER_PID=

if [ "$JFR" = 1 ] && command -v jfr >/dev/null; then
  for rec in "$OUT"/*.jfr; do
    # Hottest top frames of the execution samples.
    jfr print --events jdk.ExecutionSample --stack-depth 1 "$rec" \
      | awk '/stackTrace = \[/ {getline; sub(/^ +/, ""); sub(/line:.*/, ""); c[$0]++; t++}
             END {for (f in c) printf "%6.2f%% %s\n", 100 * c[f] / t, f}' \
      | sort -rn | head -40 >"${rec%.jfr}-top-frames.txt" || true
  done
fi

if [ -n "$PEER_SCRIPT" ] && [ "$KILL" = 0 ]; then
  while pgrep -f 'uvicorn|celery' >/dev/null; do
    log "another peer is running; waiting"
    sleep 20
  done
  log "running the peer: $PEER_SCRIPT"
  echo "peer.loadavg.before=$(loadavg)" >>"$OUT/summary.txt"
  peer_before=$(machine_cpu)
  N=$N "$PEER_SCRIPT" >"$OUT/peer.txt" 2>&1 || true
  peer_after=$(machine_cpu)
  echo "peer.loadavg.after=$(loadavg)" >>"$OUT/summary.txt"
  echo "peer.line=$(grep '^celery ' "$OUT/peer.txt" || cat "$OUT/peer.txt")" >>"$OUT/summary.txt"
  # the whole machine's CPU over the peer's script, its set-up and the Celery workers' start and stop included: an
  # upper bound of the peer's CPU per task (its PostgreSQL is the machine's)
  awk -v n="$N" -v before="$peer_before" -v after="$peer_after" 'BEGIN {
    split(before, b, " "); split(after, a, " ")
    printf "peer.cpuMsPerTask postgres=%.3f machine=%.3f (the whole script)\n", 1000 * (a[2] - b[2]) / n, 1000 * (a[1] - b[1]) / n
  }' >>"$OUT/summary.txt"
  ours=$(sed -n 's/.*rate=\([0-9.]*\)\/s.*/\1/p' "$OUT/ours.txt")
  peer=$(sed -n 's/^celery .*rate=\([0-9.]*\)\/s.*/\1/p' "$OUT/peer.txt")
  [ -n "$peer" ] && echo "ratio=$(awk -v a="$ours" -v b="$peer" 'BEGIN {printf "%.2f", a / b}')" >>"$OUT/summary.txt"
fi
cat "$OUT/summary.txt"
