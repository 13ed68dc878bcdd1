#!/usr/bin/env bash
# GET /api/auth/me with a valid token through the local gateway on loopback, measured with wrk.
#
# Starts gateway/target/tradebot.jar (TRADEBOT_ROLES=gateway,worker) against the real PostgreSQL,
# Redis and RabbitMQ named by DATABASE_URL, REDIS_URL and RABBITMQ_URL, registers and signs in a
# fresh user, then runs wrk twice:
#   1. throttled: the packaged template.yaml (HttpApi DefaultRouteSettings burst 200, rate 100/s),
#      a warm-up, then a short run that shows what route throttling does to a saturating client;
#   2. measured: a copy of template.yaml with the default route limits raised so that no request is
#      throttled (the token bucket still runs in Redis for every request), a warm-up run, then the
#      measured run;
#   3. the FastAPI peer (PEER_SCRIPT, ../shared/peers/bench_p2_peer.sh when it exists) right after,
#      with the same wrk settings, so that both lines come from one run on one machine.
# Besides wrk's figures it records the CPU time the gateway process (and the peer's processes) used
# per request during the measured run: on a shared machine that figure moves much less with the
# neighbours' load than requests per second do. Inside that time, it also records what the JVM's own
# counters say its JIT spent compiling and its collector spent collecting during the measured run
# (measured.jitCompileMs, measured.gcMs): a JIT still at work means the warm-up was too short for the
# machine, and its CPU is counted as the requests'.
# Results go to bench/target/gateway-me-<UTC time>/ (summary.txt, the wrk outputs, the gateway logs).
#
# Settings (environment): DATABASE_URL, REDIS_URL, RABBITMQ_URL (defaults: database tradebot_bench,
# Redis db 0, vhost /, all on 127.0.0.1), BENCH_PORT (18080; the actuator gets BENCH_PORT+1),
# THREADS (2), CONNECTIONS (64), WARMUP (60s; see BENCHMARKS §1), DURATION (30s), THROTTLED_DURATION (10s),
# WRK_TIMEOUT (10s), GATEWAY_JAVA_OPTS, QUIET_LOAD (wait until the 1-minute load average is at most
# this before each warm-up; QUIET_WAIT caps the wait, 1800 s), OUT (the results directory),
# THROTTLED (1; 0 skips run 1), PEER_SCRIPT (empty: no peer run), JAR (the all-in-one jar to run),
# PROFILE (1: a JFR recording, settings=profile, of the measured run into $OUT/measured.jfr, started
# with jcmd as the run starts), PEER_WAIT (at most this many seconds, 600, to wait for the Celery peer
# of ../shared/peers to finish: the two peers share Redis db 9 and must not run at once).
#
# Needs wrk (installed with apt-get when missing), curl, psql, redis-cli and a JDK 17; the peer needs
# what ../shared/peers/README.md lists (python3-fastapi, python3-uvicorn, python3-httptools,
# python3-uvloop, python3-asyncpg, python3-jwt, python3-redis).
#
# Build first (mvn -B -DskipTests package). Never run from CI: the figures depend on the machine.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${JAR:-$ROOT/gateway/target/tradebot.jar}
OUT=${OUT:-$ROOT/bench/target/gateway-me-$(date -u +%Y%m%dT%H%M%SZ)}
BENCH_PORT=${BENCH_PORT:-18080}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
WARMUP=${WARMUP:-60s}
DURATION=${DURATION:-30s}
THROTTLED_DURATION=${THROTTLED_DURATION:-10s}
WRK_TIMEOUT=${WRK_TIMEOUT:-10s}
RAISED_LIMIT=${RAISED_LIMIT:-1000000}
THROTTLED=${THROTTLED:-1}
PROFILE=${PROFILE:-0}
PEER_WAIT=${PEER_WAIT:-600}
DEFAULT_PEER=$ROOT/../shared/peers/bench_p2_peer.sh
# A git worktree sits one level deeper than the checkout beside ../shared.
[ -f "$DEFAULT_PEER" ] || DEFAULT_PEER=$ROOT/../../shared/peers/bench_p2_peer.sh
[ -f "$DEFAULT_PEER" ] || DEFAULT_PEER=
PEER_SCRIPT=${PEER_SCRIPT-$DEFAULT_PEER}
export DATABASE_URL=${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/tradebot_bench}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/0}
export RABBITMQ_URL=${RABBITMQ_URL:-amqp://guest:guest@127.0.0.1:5672/%2F}

BASE=http://127.0.0.1:$BENCH_PORT
GATEWAY_PID=

log() { echo "[gateway-me] $*" >&2; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

ensure_tools() {
  if ! command -v wrk >/dev/null; then
    log "installing wrk"
    local sudo=
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk
  fi
  for tool in curl java psql redis-cli; do
    command -v $tool >/dev/null || { log "$tool is needed"; exit 1; }
  done
}

stop_gateway() {
  if [ -n "$GATEWAY_PID" ] && kill -0 "$GATEWAY_PID" 2>/dev/null; then
    kill "$GATEWAY_PID"
    wait "$GATEWAY_PID" 2>/dev/null || true
  fi
  GATEWAY_PID=
}
trap stop_gateway EXIT

# start_gateway NAME [TEMPLATE_FILE]: the all-in-one jar as gateway + worker on BENCH_PORT.
start_gateway() {
  local name=$1 template=${2:-}
  log "starting the gateway ($name)"
  TRADEBOT_ROLES=gateway,worker PORT=$BENCH_PORT MANAGEMENT_SERVER_PORT=$((BENCH_PORT + 1)) \
    ENVIRONMENT=production SECRET_KEY=$SECRET_KEY FERNET_KEY=$FERNET_KEY TRADEBOT_TEMPLATE_LOCATION=$template \
    java ${GATEWAY_JAVA_OPTS:-} -jar "$JAR" >"$OUT/gateway-$name.log" 2>&1 &
  GATEWAY_PID=$!
  for _ in $(seq 1 240); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/health")" = 200 ]; then
      return
    fi
    kill -0 "$GATEWAY_PID" 2>/dev/null || { log "the gateway died: see $OUT/gateway-$name.log"; exit 1; }
    sleep 1
  done
  log "the gateway did not become healthy in 240 s: see $OUT/gateway-$name.log"
  exit 1
}

# Throttle buckets live in Redis and outlive a gateway; each run starts from a full bucket.
reset_throttle() {
  redis-cli -u "$REDIS_URL" --scan --pattern 'tradebot:gateway:throttle:*' | while read -r key; do
    redis-cli -u "$REDIS_URL" del "$key" >/dev/null
  done
}

sign_in() {
  local email="bench-$(date +%s)-$RANDOM@example.com" password="bench password $RANDOM$RANDOM"
  local body="{\"email\":\"$email\",\"password\":\"$password\"}"
  curl -sf -XPOST "$BASE/api/auth/register" -H 'content-type: application/json' -d "$body" >/dev/null
  curl -sf -XPOST "$BASE/api/auth/login" -H 'content-type: application/json' -d "$body" \
    | sed 's/.*"accessToken":"\([^"]*\)".*/\1/'
}

check_me() {
  local status
  status=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/api/auth/me" -H "authorization: Bearer $TOKEN")
  [ "$status" = 200 ] || { log "GET /api/auth/me answered $status, not 200"; exit 1; }
}

# run_wrk NAME DURATION [wrk args...]: one wrk run, its output kept, the load average around it noted.
run_wrk() {
  local name=$1 duration=$2
  shift 2
  echo "$name.loadavg.before=$(loadavg)" >>"$OUT/summary.txt"
  # wrk leaves a request slower than --timeout out of the latency figures: keep the bound high.
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --timeout "$WRK_TIMEOUT" --latency -H "Authorization: Bearer $TOKEN" "$@" \
    "$BASE/api/auth/me" | tee "$OUT/wrk-$name.txt" >&2
  echo "$name.loadavg.after=$(loadavg)" >>"$OUT/summary.txt"
}

# pg_statements: transactions committed and rolled back in the benchmark's database so far.
pg_statements() {
  psql "$DATABASE_URL" -qAtc 'select xact_commit + xact_rollback from pg_stat_database where datname = current_database()'
}

# cpu_ticks PID...: user + system CPU time of the processes, in clock ticks.
cpu_ticks() {
  local total=0 pid
  for pid in "$@"; do
    [ -r "/proc/$pid/stat" ] && total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  echo $total
}

# cpu_per_request NAME TICKS_BEFORE TICKS_AFTER REQUESTS: milliseconds of CPU per request.
cpu_per_request() {
  echo "$1.cpuMsPerRequest=$(awk -v a="$2" -v b="$3" -v r="$4" -v hz="$(getconf CLK_TCK)" \
    'BEGIN {printf "%.2f", (r > 0 ? (b - a) * 1000 / hz / r : 0)}')" >>"$OUT/summary.txt"
}

# jvm_counters PID: "compileMs gcMs" so far, from the JVM's own counters (jcmd PerfCounter.print): the
# time its JIT compilers spent compiling (elapsed, summed over the compiler threads) and its collectors
# spent collecting.
jvm_counters() {
  jcmd "$1" PerfCounter.print 2>/dev/null | awk -F= '
    $1 == "sun.os.hrt.frequency" {hz = $2}
    $1 == "java.ci.totalTime" {ci = $2}
    $1 ~ /^sun\.gc\.collector\.[0-9]+\.time$/ {gc += $2}
    END {if (hz > 0) printf "%.0f %.0f\n", ci * 1000 / hz, gc * 1000 / hz; else print "0 0"}'
}

# cpu_ticks_each PID...: "pid ticks" lines, user + system CPU time in clock ticks, of the processes alive.
cpu_ticks_each() {
  local pid
  for pid in "$@"; do
    [ -r "/proc/$pid/stat" ] && echo "$pid $(awk '{print $14 + $15}' "/proc/$pid/stat")"
  done
  true
}

# run_peer: the FastAPI peer with the same wrk settings, its CPU per request sampled from outside
# while its measured wrk runs (its script starts uvicorn, warms up for 2 s with one wrk, then
# measures for DURATION seconds with another). The uvicorn parent is the script's own child and its
# workers are the parent's children: a process found by name anywhere on the machine (a shell
# whose command line names the peer, say) could be anything, and one of its children ending
# between the two samples took its ticks out of the sum, which is how the figure once came out
# negative. A process seen in only one of the two samples is left out of both.
run_peer() {
  local seconds=${DURATION%s} parent= pids before after script wrk_pid= waited=0
  while pgrep -f celery >/dev/null && [ $waited -lt "$PEER_WAIT" ]; do
    [ $waited -eq 0 ] && log "waiting for the Celery peer to finish"
    sleep 5
    waited=$((waited + 5))
  done
  log "running the peer: $PEER_SCRIPT"
  echo "peer.loadavg.before=$(loadavg)" >>"$OUT/summary.txt"
  DURATION=$seconds "$PEER_SCRIPT" >"$OUT/peer.txt" 2>&1 &
  script=$!
  # The measured wrk is the one that runs for DURATION seconds against the peer's port.
  for _ in $(seq 1 1800); do
    wrk_pid=$(pgrep -f "^wrk .*-d${seconds}s .*127\.0\.0\.1:18100/" | head -1 || true)
    [ -n "$wrk_pid" ] && break
    kill -0 "$script" 2>/dev/null || break
    sleep 0.1
  done
  if [ -n "$wrk_pid" ]; then
    parent=$(pgrep -P "$script" -f "uvicorn fastapi_me:app" | head -1 || true)
  fi
  if [ -n "$parent" ]; then
    pids="$parent $(pgrep -P "$parent" | tr '\n' ' ')"
    before=$(cpu_ticks_each $pids)
    while kill -0 "$wrk_pid" 2>/dev/null; do sleep 0.1; done
    after=$(cpu_ticks_each $pids)
  else
    log "could not find the peer's measured wrk or its uvicorn: no CPU figure for the peer"
  fi
  wait "$script" || true
  echo "peer.loadavg.after=$(loadavg)" >>"$OUT/summary.txt"
  cat "$OUT/peer.txt" >&2
  local line rps
  line=$(grep '^fastapi ' "$OUT/peer.txt" || true)
  echo "peer.line=$line" >>"$OUT/summary.txt"
  rps=$(echo "$line" | sed -n 's/.*rps=\([0-9.]*\).*/\1/p')
  if [ -n "$parent" ] && [ -n "$rps" ]; then
    echo "peer.pids=$pids" >>"$OUT/summary.txt"
    local ticks
    ticks=$(join <(echo "$before" | sort) <(echo "$after" | sort) | awk '{d += $3 - $2} END {print d + 0}')
    # The window is the measured wrk's whole life: its DURATION seconds of requests.
    cpu_per_request peer 0 "$ticks" "$(awk -v r="$rps" -v s="$seconds" 'BEGIN {print r * s}')"
  fi
}

# summarise NAME: the figures of one wrk output as key=value lines.
summarise() {
  local name=$1 file=$OUT/wrk-$1.txt
  {
    echo "$name.requests=$(awk '/requests in/ {print $1}' "$file")"
    echo "$name.requestsPerSecond=$(awk '/^Requests\/sec/ {print $2}' "$file")"
    echo "$name.p50=$(awk '$1 == "50%" {print $2}' "$file")"
    echo "$name.p99=$(awk '$1 == "99%" {print $2}' "$file")"
    # wrk counts every status >= 400 here; GET /api/auth/me answers no 1xx or 3xx.
    echo "$name.statusAtLeast400=$(awk -F': *' '/Non-2xx or 3xx responses/ {n = $2} END {print n + 0}' "$file")"
    echo "$name.socketErrors=$(awk -F': *' '/Socket errors/ {print $2}' "$file")"
    grep '^status ' "$file" | sed "s/^status \([0-9]*\): /$name.status\1=/" || true
  } >>"$OUT/summary.txt"
}

ensure_tools
[ -f "$JAR" ] || { log "$JAR is missing: build first (mvn -B -DskipTests package)"; exit 1; }
psql "$DATABASE_URL" -qAtc 'select 1' >/dev/null || { log "cannot reach $DATABASE_URL (create the database first)"; exit 1; }
mkdir -p "$OUT"
: >"$OUT/summary.txt"
"$ROOT/bench/machine.sh" >"$OUT/machine.txt"
SECRET_KEY=$(head -c 96 /dev/urandom | base64 -w0 | tr -d '/+=' | head -c 96)
FERNET_KEY=$(head -c 32 /dev/urandom | base64 -w0 | tr '+/' '-_')
{
  echo "threads=$THREADS"
  echo "connections=$CONNECTIONS"
  echo "warmup=$WARMUP"
  echo "duration=$DURATION"
  echo "throttledDuration=$THROTTLED_DURATION"
  echo "wrkTimeout=$WRK_TIMEOUT"
  echo "gatewayJavaOpts=${GATEWAY_JAVA_OPTS:-}"
  echo "jar=$JAR"
} >>"$OUT/summary.txt"

# 1. As packaged: the template's own route throttling.
if [ "$THROTTLED" != 0 ]; then
  reset_throttle
  start_gateway throttled
  TOKEN=$(sign_in)
  check_me
  [ -z "${QUIET_LOAD:-}" ] || "$ROOT/bench/wait-for-quiet.sh" "$QUIET_LOAD" "${QUIET_WAIT:-1800}"
  # Warmed up like the measured run, or a JVM still interpreting would not reach the limit at all.
  run_wrk throttled-warmup "$WARMUP"
  reset_throttle
  run_wrk throttled "$THROTTLED_DURATION" -s "$ROOT/bench/status-count.lua"
  summarise throttled
  stop_gateway
fi

# 2. Limits raised, so that the figure is the gateway's and not the throttle's.
sed '/DefaultRouteSettings:/,/RouteSettings:/{
  s/ThrottlingBurstLimit: .*/ThrottlingBurstLimit: '"$RAISED_LIMIT"'/
  s/ThrottlingRateLimit: .*/ThrottlingRateLimit: '"$RAISED_LIMIT"'/
}' "$ROOT/template.yaml" >"$OUT/template-raised-limits.yaml"
grep -q "ThrottlingBurstLimit: $RAISED_LIMIT" "$OUT/template-raised-limits.yaml" \
  || { log "could not raise the limits in the template copy"; exit 1; }
reset_throttle
start_gateway raised "$OUT/template-raised-limits.yaml"
TOKEN=$(sign_in)
check_me
[ -z "${QUIET_LOAD:-}" ] || "$ROOT/bench/wait-for-quiet.sh" "$QUIET_LOAD" "${QUIET_WAIT:-1800}"
run_wrk warmup "$WARMUP"
if [ "$PROFILE" = 1 ]; then
  jcmd "$GATEWAY_PID" JFR.start name=measured settings=profile duration="$DURATION" filename="$OUT/measured.jfr" >&2
fi
ticks_before=$(cpu_ticks "$GATEWAY_PID")
counters_before=$(jvm_counters "$GATEWAY_PID")
statements_before=$(pg_statements)
run_wrk measured "$DURATION"
statements_after=$(pg_statements)
counters_after=$(jvm_counters "$GATEWAY_PID")
ticks_after=$(cpu_ticks "$GATEWAY_PID")
check_me
summarise measured
cpu_per_request measured "$ticks_before" "$ticks_after" "$(awk '/requests in/ {print $1}' "$OUT/wrk-measured.txt")"
# Work inside that CPU figure that is not the requests': the JIT still compiling (a warm-up too short
# for the machine leaves it in the measured run) and the collector's time (its pauses included).
read -r compile_before gc_before <<<"$counters_before"
read -r compile_after gc_after <<<"$counters_after"
echo "measured.jitCompileMs=$((compile_after - compile_before))" >>"$OUT/summary.txt"
echo "measured.gcMs=$((gc_after - gc_before))" >>"$OUT/summary.txt"
# Work that does not move with the machine's load: the benchmark database's transactions (each
# autocommitted query is one; the worker role's own polling adds a few) per request.
echo "measured.pgTransactionsPerRequest=$(awk -v a="$statements_before" -v b="$statements_after" \
  -v r="$(awk '/requests in/ {print $1}' "$OUT/wrk-measured.txt")" 'BEGIN {printf "%.2f", (r > 0 ? (b - a) / r : 0)}')" >>"$OUT/summary.txt"
if [ "$PROFILE" = 1 ]; then
  for _ in $(seq 1 30); do [ -s "$OUT/measured.jfr" ] && break; sleep 1; done
fi
stop_gateway

# 3. The peer, right after, with the same load generator settings.
if [ -n "$PEER_SCRIPT" ]; then
  [ -x "$PEER_SCRIPT" ] || { log "$PEER_SCRIPT is not an executable script"; exit 1; }
  run_peer
fi

log "done: $OUT/summary.txt"
cat "$OUT/machine.txt" "$OUT/summary.txt"
