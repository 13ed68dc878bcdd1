#!/usr/bin/env bash
# Runs the browser tests (e2e/run.mjs) against the all-in-one jar as a user runs it
# (java -jar gateway/target/tradebot.jar), on the real PostgreSQL, Redis and RabbitMQ:
#   bash frontend/e2e/with-jar.sh          (after mvn package; .ci/run calls it after mvn verify)
# The database E2E_DB (default tradebot_e2e) is created afresh; Redis database 3 and the RabbitMQ
# vhost tradebot_e2e by default (REDIS_URL / RABBITMQ_URL override them). Binance is pointed at a
# closed port: nothing leaves the machine; webhooks may target loopback, where run.mjs listens for the
# test delivery; Telegram is pointed at run.mjs's fake Bot API on loopback (never the real one).
# E2E_PORT / E2E_MANAGEMENT_PORT / E2E_TELEGRAM_PORT pin the ports (default: free ones). Needs Chromium at
# /usr/bin/chromium (or CHROMIUM).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
jar="$root/gateway/target/tradebot.jar"
[ -f "$jar" ] || { echo "e2e: $jar is missing: run mvn -B package first" >&2; exit 1; }
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || { echo "e2e: no Chromium at ${CHROMIUM:-/usr/bin/chromium} (apt-get install chromium)" >&2; exit 1; }
[ -d "$here/../node_modules/playwright-core" ] || (cd "$here/.." && npm ci --no-audit --no-fund)

db=${E2E_DB:-tradebot_e2e}
psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qtA -c "drop database if exists $db with (force)" -c "create database $db" >/dev/null
if [ -z "${RABBITMQ_URL:-}" ] && command -v rabbitmqctl >/dev/null 2>&1; then
  rabbitmqctl -q add_vhost tradebot_e2e >/dev/null 2>&1 || true
  rabbitmqctl -q set_permissions -p tradebot_e2e guest '.*' '.*' '.*' >/dev/null
fi
free_port() { node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
port=${E2E_PORT:-$(free_port)}
mgmt=${E2E_MANAGEMENT_PORT:-$(free_port)}
telegram=${E2E_TELEGRAM_PORT:-$(free_port)}
work=$(mktemp -d)
log="$work/tradebot.log"

DATABASE_URL="postgresql://postgres@127.0.0.1:5432/$db" \
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/3}" \
RABBITMQ_URL="${RABBITMQ_URL:-amqp://guest:guest@127.0.0.1:5672/tradebot_e2e}" \
PORT="$port" MANAGEMENT_SERVER_PORT="$mgmt" \
TRADEBOT_EXCHANGE_BINANCE_BASE_URL=http://127.0.0.1:9 TRADEBOT_EXCHANGE_BINANCE_TESTNET_BASE_URL=http://127.0.0.1:9 \
TRADEBOT_NOTIFY_ALLOWPRIVATETARGETS=true TRADEBOT_NOTIFY_TELEGRAMBASEURL="http://127.0.0.1:$telegram/telegram" \
  java -jar "$jar" >"$log" 2>&1 &
pid=$!
# The jar ends by our signal (143): that is the plan, not the run's result.
stop() { kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap stop EXIT

for _ in $(seq 1 180); do
  if curl -sf -o /dev/null "http://127.0.0.1:$port/health"; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then echo "e2e: the jar stopped while starting:" >&2; tail -40 "$log" >&2; exit 1; fi
  sleep 1
done
curl -sf "http://127.0.0.1:$port/" | grep -q '<div id="root">' \
  || { echo "e2e: the jar does not serve the web app at / (built with -Dtradebot.webapp.skip?)" >&2; exit 1; }
echo "e2e: TradeBot on :$port (log $log)"
if ! BASE_URL="http://127.0.0.1:$port" TELEGRAM_PORT="$telegram" node "$here/run.mjs"; then
  echo "e2e: last lines of the jar's log:" >&2
  tail -30 "$log" >&2
  exit 1
fi
