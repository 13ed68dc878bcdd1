#!/usr/bin/env bash
# Market data (issue 4): import throughput and getCandles latency.
#
#   1. import of the real 4-hour file (20,695 candles) through the gateway, POST
#      /api/market/candles/import (timed by curl, IMPORT_RUNS runs, each into an emptied table);
#   2. import of the real file and of a generated 1,000,000-row file with the command-line importer
#      (ImportCandlesCommand, which prints rows per second itself). The big file repeats the real
#      file's prices on a one-minute grid from 2020-01-01 (a million 4-hour candles would span 456
#      years);
#   3. GET /api/market/candles with limit=1000 through the gateway with wrk: p50/p99 of answers of
#      1,000 candles each (a warm-up run, then the measured run). As in gateway-me.sh, a copy of
#      template.yaml with the default route limits raised keeps the throttle out of the figure.
#
# Settings (environment): DATABASE_URL, REDIS_URL, RABBITMQ_URL (defaults: database tradebot_bench,
# Redis db 0, vhost /), BENCH_PORT (18090), THREADS (2), CONNECTIONS (8), WARMUP (10s), DURATION (20s),
# IMPORT_RUNS (3), BIG_ROWS (1000000), QUIET_LOAD/QUIET_WAIT (see wait-for-quiet.sh), OUT.
#
# Build first (mvn -B -DskipTests package). Never run from CI: the figures depend on the machine.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=$ROOT/gateway/target/tradebot.jar
FUNCTIONS_JAR=$ROOT/functions/target/tradebot-functions-aws.jar
REAL=${REAL:-$ROOT/functions/src/test/resources/candles/coinbase-btcusd-4h-20160518-20251028.csv}
OUT=${OUT:-$ROOT/bench/target/market-$(date -u +%Y%m%dT%H%M%SZ)}
BENCH_PORT=${BENCH_PORT:-18090}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-8}
WARMUP=${WARMUP:-10s}
DURATION=${DURATION:-20s}
IMPORT_RUNS=${IMPORT_RUNS:-3}
BIG_ROWS=${BIG_ROWS:-1000000}
RAISED_LIMIT=${RAISED_LIMIT:-1000000}
export DATABASE_URL=${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/tradebot_bench}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/0}
export RABBITMQ_URL=${RABBITMQ_URL:-amqp://guest:guest@127.0.0.1:5672/%2F}

BASE=http://127.0.0.1:$BENCH_PORT
GATEWAY_PID=

log() { echo "[market] $*" >&2; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

stop_gateway() {
  if [ -n "$GATEWAY_PID" ] && kill -0 "$GATEWAY_PID" 2>/dev/null; then
    kill "$GATEWAY_PID"
    wait "$GATEWAY_PID" 2>/dev/null || true
  fi
  GATEWAY_PID=
}
trap stop_gateway EXIT

for tool in curl java psql redis-cli wrk; do
  command -v $tool >/dev/null || { log "$tool is needed (wrk: see gateway-me.sh)"; exit 1; }
done
[ -f "$JAR" ] && [ -f "$FUNCTIONS_JAR" ] || { log "build first (mvn -B -DskipTests package)"; exit 1; }
psql "$DATABASE_URL" -qAtc 'select 1' >/dev/null || { log "cannot reach $DATABASE_URL (create the database first)"; exit 1; }
mkdir -p "$OUT"
: >"$OUT/summary.txt"
"$ROOT/bench/machine.sh" >"$OUT/machine.txt"
SECRET_KEY=$(head -c 96 /dev/urandom | base64 -w0 | tr -d '/+=' | head -c 96)

# The big file: the real prices over and over, one row a minute from 2020-01-01T00:00:00Z.
log "generating $BIG_ROWS rows"
awk -F, -v rows="$BIG_ROWS" 'NR > 1 { p[n++] = substr($0, index($0, ",")) }
  END { print "open_time,open,high,low,close,volume"; t = 1577836800000
        for (i = 0; i < rows; i++) { printf "%d%s\n", t, p[i % n]; t += 60000 } }' "$REAL" >"$OUT/big.csv"

# The gateway, with the default route limits raised (the token bucket still runs).
sed '/DefaultRouteSettings:/,/RouteSettings:/{
  s/ThrottlingBurstLimit: .*/ThrottlingBurstLimit: '"$RAISED_LIMIT"'/
  s/ThrottlingRateLimit: .*/ThrottlingRateLimit: '"$RAISED_LIMIT"'/
}' "$ROOT/template.yaml" >"$OUT/template-raised-limits.yaml"
log "starting the gateway"
TRADEBOT_ROLES=gateway PORT=$BENCH_PORT MANAGEMENT_SERVER_PORT=$((BENCH_PORT + 1)) ENVIRONMENT=production \
  SECRET_KEY=$SECRET_KEY TRADEBOT_TEMPLATE_LOCATION=$OUT/template-raised-limits.yaml \
  java ${GATEWAY_JAVA_OPTS:-} -jar "$JAR" >"$OUT/gateway.log" 2>&1 &
GATEWAY_PID=$!
for _ in $(seq 1 240); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/health")" = 200 ] && break
  kill -0 "$GATEWAY_PID" 2>/dev/null || { log "the gateway died: see $OUT/gateway.log"; exit 1; }
  sleep 1
done
redis-cli -u "$REDIS_URL" --scan --pattern 'tradebot:gateway:throttle:*' | while read -r key; do
  redis-cli -u "$REDIS_URL" del "$key" >/dev/null
done
email="bench-$(date +%s)-$RANDOM@example.com"
body="{\"email\":\"$email\",\"password\":\"bench password $RANDOM$RANDOM\"}"
curl -sf -XPOST "$BASE/api/auth/register" -H 'content-type: application/json' -d "$body" >/dev/null
TOKEN=$(curl -sf -XPOST "$BASE/api/auth/login" -H 'content-type: application/json' -d "$body" \
  | sed 's/.*"accessToken":"\([^"]*\)".*/\1/')
[ -z "${QUIET_LOAD:-}" ] || "$ROOT/bench/wait-for-quiet.sh" "$QUIET_LOAD" "${QUIET_WAIT:-1800}"

# 1. The real file through HTTP.
for run in $(seq 1 "$IMPORT_RUNS"); do
  psql "$DATABASE_URL" -qc "delete from imported_candles where symbol = 'BENCHBTC'"
  echo "httpImport.$run.loadavg.before=$(loadavg)" >>"$OUT/summary.txt"
  seconds=$(curl -s -o "$OUT/http-import-$run.json" -w '%{time_total}' -XPOST \
    "$BASE/api/market/candles/import?symbol=BENCHBTC&interval=4h" \
    -H "authorization: Bearer $TOKEN" -H 'content-type: text/csv' --data-binary "@$REAL")
  grep -q '"imported":20695' "$OUT/http-import-$run.json" || { log "the import failed: $(cat "$OUT/http-import-$run.json")"; exit 1; }
  echo "httpImport.$run.seconds=$seconds" >>"$OUT/summary.txt"
  echo "httpImport.$run.rowsPerSecond=$(awk -v s="$seconds" 'BEGIN {printf "%.0f", 20695 / s}')" >>"$OUT/summary.txt"
done

# 2. The command-line importer: the real file, then the big one.
cli() {
  java -cp "$FUNCTIONS_JAR" app.tradebot.market.ImportCandlesCommand --user "$email" "$@"
}
for run in $(seq 1 "$IMPORT_RUNS"); do
  psql "$DATABASE_URL" -qc "delete from imported_candles where symbol = 'BENCHCLI'"
  echo "cliImportReal.$run=$(cli --symbol BENCHCLI --interval 4h "$REAL") loadavg=$(loadavg)" >>"$OUT/summary.txt"
done
psql "$DATABASE_URL" -qc "delete from imported_candles where symbol = 'BENCHBIG'"
echo "cliImportBig.loadavg.before=$(loadavg)" >>"$OUT/summary.txt"
echo "cliImportBig=$(cli --symbol BENCHBIG --interval 1m "$OUT/big.csv") loadavg=$(loadavg)" >>"$OUT/summary.txt"
psql "$DATABASE_URL" -qc "delete from imported_candles where symbol = 'BENCHBIG'"

# 3. getCandles, 1,000 candles an answer.
URL="$BASE/api/market/candles?symbol=BENCHBTC&interval=4h&from=2016-05-18T04:00:00Z&limit=1000"
[ "$(curl -s "$URL" -H "authorization: Bearer $TOKEN" | grep -o '"openTime"' | wc -l)" = 1000 ] \
  || { log "getCandles did not answer 1000 candles"; exit 1; }
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" --timeout 10s --latency -H "Authorization: Bearer $TOKEN" "$URL" >"$OUT/wrk-warmup.txt"
echo "getCandles.loadavg.before=$(loadavg)" >>"$OUT/summary.txt"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency -H "Authorization: Bearer $TOKEN" "$URL" \
  | tee "$OUT/wrk-getCandles.txt" >&2
{
  echo "getCandles.loadavg.after=$(loadavg)"
  echo "getCandles.requests=$(awk '/requests in/ {print $1}' "$OUT/wrk-getCandles.txt")"
  echo "getCandles.requestsPerSecond=$(awk '/^Requests\/sec/ {print $2}' "$OUT/wrk-getCandles.txt")"
  echo "getCandles.p50=$(awk '$1 == "50%" {print $2}' "$OUT/wrk-getCandles.txt")"
  echo "getCandles.p99=$(awk '$1 == "99%" {print $2}' "$OUT/wrk-getCandles.txt")"
  echo "getCandles.non2xx=$(awk -F': *' '/Non-2xx or 3xx responses/ {n = $2} END {print n + 0}' "$OUT/wrk-getCandles.txt")"
} >>"$OUT/summary.txt"
psql "$DATABASE_URL" -qc "delete from imported_candles where symbol in ('BENCHBTC', 'BENCHCLI')"
stop_gateway
rm -f "$OUT/big.csv"

log "done: $OUT/summary.txt"
cat "$OUT/machine.txt" "$OUT/summary.txt"
