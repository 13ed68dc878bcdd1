#!/usr/bin/env bash
# The Compose topology, proven without Docker (issue 3, item 6).
#
# Runs gateway, worker, two schedulers and nginx as separate processes of this machine, each with
# the environment that `docker-compose config` resolves for its service from a fresh .env, and
# drives them through nginx the way a browser would:
#   register, sign in, /api/auth/me; the audit row the worker writes (with the client's address as
#   nginx saw it); a paper exchange account created and tested with Binance refusing every call
#   (issue 4); the real 4h candle file (1.2 MB) imported as text/csv, again (nothing new), and a
#   file with a bad line (400 naming it, nothing imported); a page of those candles read back and
#   its next; the 7 built-in strategies; a backtest queued, run by the worker, hidden from another
#   user (issue 5); refreshCandles and refreshTickers fired every minute and handled by the worker
#   for a watched pair while Binance refuses; the daily purge job fired once per tick by one of the
#   two schedulers and consumed by the worker; the worker killed with SIGKILL while three sign-ins
#   go on (their audit events, and the purge ticks fired meanwhile, wait in the durable queues) and
#   restarted (all three rows arrive, the waiting ticks are consumed); no dead letters anywhere.
#   29 checks, each an "ok" line.
# Everything it starts is stopped on exit, failure included; the database, RabbitMQ vhost and user
# it creates are removed. Run from anywhere after `mvn -B package` (gateway/target/tradebot.jar).
# Needs root for rabbitmqctl; installs docker-compose, nginx and openssl with apt-get when missing.
#
# Environment (all optional): TOPOLOGY_STARTUP_SECONDS (default 480: four JVMs starting side by
# side on two cores), TOPOLOGY_KEEP=1 keeps the temporary directory (logs, configuration).
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR="$ROOT/gateway/target/tradebot.jar"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/tradebot-topology.XXXXXX")
LOGS="$WORK/logs"
mkdir -p "$LOGS"
STARTUP_SECONDS=${TOPOLOGY_STARTUP_SECONDS:-480}

# This machine's servers: the Compose service names map onto them (see "each backend service's environment").
PG_HOST=127.0.0.1 PG_PORT=5432 PG_ADMIN=postgres
RABBIT_HOST=127.0.0.1 RABBIT_PORT=5672

# Names private to this run, so concurrent runs and other tests on the same servers never meet.
RUN_ID="$(date +%H%M%S)_$$"
TEST_DB="tradebot_topology_$RUN_ID"
TEST_VHOST="tradebot_topology_$RUN_ID"
TEST_RABBIT_USER="tradebot_topology_$RUN_ID"

passed=0; failed=0
declare -A PIDS=()        # name -> pid of every process this script started and has not stopped
declare -A LOG_OF=()      # name -> its log file
created_db=0; created_vhost=0; created_rabbit_user=0

say() { printf '%s\n' "$*"; }
pass() { passed=$((passed + 1)); printf 'ok    %s\n' "$*"; }

show_logs() {
    local name
    for name in "${!LOG_OF[@]}"; do
        [ -s "${LOG_OF[$name]}" ] || continue
        printf -- '--- %s (last 40 lines of its log; TOPOLOGY_KEEP=1 keeps them all)\n' "$name"
        tail -n 40 "${LOG_OF[$name]}" | sed 's/^/    | /'
    done
}

# fail <message>: the remaining steps depend on this one, so the run stops here.
fail() {
    failed=$((failed + 1))
    printf 'FAIL  %s\n' "$*"
    show_logs
    exit 1
}

# stop <name...>: TERM to all of them, side by side; KILL whatever still runs 30 s later (a JVM
# still starting may sit on its shutdown hook).
stop() {
    local name pid alive
    for name in "$@"; do [ -n "${PIDS[$name]:-}" ] && kill -TERM "${PIDS[$name]}" 2>/dev/null; done
    for _ in $(seq 1 60); do
        alive=0
        for name in "$@"; do
            [ -n "${PIDS[$name]:-}" ] && kill -0 "${PIDS[$name]}" 2>/dev/null && alive=1
        done
        [ "$alive" = 0 ] && break
        sleep 0.5
    done
    for name in "$@"; do
        pid=${PIDS[$name]:-}
        [ -n "$pid" ] || continue
        kill -KILL "$pid" 2>/dev/null
        { wait "$pid"; } 2>/dev/null
        unset "PIDS[$name]"
    done
}

psql_admin() { psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_ADMIN" -X -v ON_ERROR_STOP=1 -qtA "$@"; }

cleanup() {
    [ "${#PIDS[@]}" = 0 ] || stop "${!PIDS[@]}"
    if [ "$created_db" = 1 ]; then
        psql_admin -d postgres -c "drop database if exists \"$TEST_DB\" with (force)" >/dev/null 2>&1 \
            || say "warning: could not drop database $TEST_DB"
    fi
    [ "$created_vhost" = 1 ] && { rabbitmqctl -q delete_vhost "$TEST_VHOST" >/dev/null 2>&1 || say "warning: could not delete vhost $TEST_VHOST"; }
    [ "$created_rabbit_user" = 1 ] && { rabbitmqctl -q delete_user "$TEST_RABBIT_USER" >/dev/null 2>&1 || say "warning: could not delete RabbitMQ user $TEST_RABBIT_USER"; }
    if [ "${TOPOLOGY_KEEP:-0}" = 1 ]; then say "kept $WORK"; else rm -rf "$WORK"; fi
    say "topology: $passed passed, $failed failed"
}
trap cleanup EXIT
trap 'say "interrupted"; failed=$((failed + 1)); exit 130' INT TERM

# --- tools ---------------------------------------------------------------------------------
. "$ROOT/compose/tools.sh"
need curl curl
for tool in java psql rabbitmqctl redis-server docker-compose nginx openssl curl; do
    command -v "$tool" >/dev/null 2>&1 || fail "$tool is not installed"
done
[ -f "$JAR" ] || fail "$JAR is missing: run mvn -B package first"
pg_isready -h "$PG_HOST" -p "$PG_PORT" -q || fail "PostgreSQL is not answering on $PG_HOST:$PG_PORT"
(exec 3<>"/dev/tcp/$RABBIT_HOST/$RABBIT_PORT") 2>/dev/null || fail "RabbitMQ is not answering on $RABBIT_HOST:$RABBIT_PORT"

# --- free ports ------------------------------------------------------------------------------
# Nothing listens on a fixed port: 8080, 8081, 80 and 443 may belong to other runs on this machine.
read -r GATEWAY_PORT GATEWAY_MGMT WORKER_PORT WORKER_MGMT SCHEDULER_PORT SCHEDULER_MGMT \
        SCHEDULER2_PORT SCHEDULER2_MGMT FRONTEND_PORT NGINX_HTTP NGINX_HTTPS REDIS_PORT < <("$PYTHON" - <<'PY'
import socket
socks = []
for _ in range(12):
    s = socket.socket(); s.bind(('127.0.0.1', 0)); socks.append(s)
print(' '.join(str(s.getsockname()[1]) for s in socks))
PY
)
[ -n "${REDIS_PORT:-}" ] || fail "could not pick free ports"

# --- a throwaway .env and the resolved compose configuration -------------------------------
PROJECT="$WORK/project"
mkdir -p "$PROJECT"
tar -C "$ROOT" --exclude=.env --exclude='nginx/certs/*.pem' --exclude=node_modules --exclude=dist \
    -cf - install.sh .env.example Dockerfile .dockerignore compose nginx frontend | tar -C "$PROJECT" -xf - \
    || fail "could not copy the deployment files"
(cd "$PROJECT" && sh ./install.sh) > "$LOGS/install.log" 2>&1 || { LOG_OF[install]="$LOGS/install.log"; fail "install.sh failed"; }
# RABBITMQ_USER is a setting of .env: a name of this run's own, so a concurrent run never changes
# the password of a broker user this one is connected as.
sed -i "s/^RABBITMQ_USER=.*/RABBITMQ_USER=$TEST_RABBIT_USER/" "$PROJECT/.env"
env_value() { sed -n "s/^$1=//p" "$PROJECT/.env"; }
POSTGRES_APP_PASSWORD=$(env_value POSTGRES_APP_PASSWORD)
REDIS_PASSWORD=$(env_value REDIS_PASSWORD)
RABBITMQ_PASSWORD=$(env_value RABBITMQ_PASSWORD)
[ -n "$POSTGRES_APP_PASSWORD" ] && [ -n "$REDIS_PASSWORD" ] && [ -n "$RABBITMQ_PASSWORD" ] \
    || fail "install.sh wrote no POSTGRES_APP_PASSWORD, REDIS_PASSWORD or RABBITMQ_PASSWORD"

# Nothing from the caller's environment (CI exports DATABASE_URL and friends): only .env speaks.
env -i PATH="$PATH" HOME="$HOME" docker-compose -f "$PROJECT/compose/docker-compose.yml" config \
    > "$WORK/compose-config.yml" 2> "$LOGS/compose-config.log" \
    || { LOG_OF[docker-compose]="$LOGS/compose-config.log"; fail "docker-compose config failed"; }
pass "install.sh wrote a fresh .env; docker-compose config resolved compose/docker-compose.yml"

# --- template.yaml with a fast purge schedule ------------------------------------------------
# purgeAuditEvents runs daily (cron(15 3 * * ? *)): to see it fire once per tick within minutes,
# every process reads a copy in which it runs every minute (tradebot.template-location, env
# TRADEBOT_TEMPLATE_LOCATION). All of them get the same copy, as all containers share one image.
TEMPLATE="$WORK/template.yaml"
"$PYTHON" - "$ROOT/template.yaml" "$TEMPLATE" <<'PY' || fail "could not rewrite purgeAuditEvents' schedule in a copy of template.yaml"
import re, sys
text = open(sys.argv[1]).read()
block = re.search(r'^  PurgeAuditEventsFunction:\n(?:(?:    .*)?\n)+', text, re.M)
if not block:
    sys.exit('PurgeAuditEventsFunction not found')
body, n = re.subn(r'(ScheduleExpression: ).*', r'\1rate(1 minute)', block.group(0))
if n != 1:
    sys.exit(f'{n} ScheduleExpressions in PurgeAuditEventsFunction, expected 1')
open(sys.argv[2], 'w').write(text[:block.start()] + body + text[block.end():])
PY

# --- each backend service's environment, mapped onto this machine ---------------------------
# From the resolved configuration, per service, every variable as Compose would pass it, except:
#   host names   postgres:5432 -> 127.0.0.1:5432 (this machine's PostgreSQL), rabbitmq:5672 ->
#                127.0.0.1:5672 (this machine's RabbitMQ), redis:6379 -> 127.0.0.1:REDIS_PORT (a
#                redis-server of this run, with REDIS_PASSWORD as requirepass: the machine's
#                Redis has no password), gateway:8080 / frontend:3000 -> 127.0.0.1:<free port>;
#   database     tradebot_db -> tradebot_topology_<run>, created for tradebot_user and dropped
#                afterwards (tradebot_db may exist here for other purposes);
#   vhost        tradebot -> tradebot_topology_<run> (the default vhost carries CI's own test queues
#                of the same names: a worker there would consume them);
#   ports        PORT and MANAGEMENT_SERVER_PORT -> free ports of each process;
#   added        TRADEBOT_TEMPLATE_LOCATION (the copy above); TRADEBOT_EXCHANGE_BINANCE_BASE_URL and
#                TRADEBOT_EXCHANGE_BINANCE_TESTNET_BASE_URL -> http://127.0.0.1:9, a closed port that
#                refuses at once, as in the gateway's test configuration: this machine may have no
#                internet, and no run should ever call the real exchange.
# Credentials stay as Compose resolved them: tradebot_user/POSTGRES_APP_PASSWORD (this machine's
# PostgreSQL trusts 127.0.0.1, so the password is set on the role but not checked),
# RABBITMQ_USER/RABBITMQ_PASSWORD (a broker user of this run) and REDIS_PASSWORD.
mkdir -p "$WORK/env"
"$PYTHON" - "$WORK/compose-config.yml" "$WORK/env" "$TEMPLATE" "$TEST_DB" "$TEST_VHOST" \
    "postgres=$PG_HOST:$PG_PORT:5432" "rabbitmq=$RABBIT_HOST:$RABBIT_PORT:5672" "redis=127.0.0.1:$REDIS_PORT:6379" \
    "gateway=127.0.0.1:$GATEWAY_PORT:8080" "frontend=127.0.0.1:$FRONTEND_PORT:3000" \
    "ports:gateway=$GATEWAY_PORT:$GATEWAY_MGMT" "ports:worker=$WORKER_PORT:$WORKER_MGMT" \
    "ports:scheduler=$SCHEDULER_PORT:$SCHEDULER_MGMT" "ports:scheduler-2=$SCHEDULER2_PORT:$SCHEDULER2_MGMT" \
    > "$WORK/env/mapping.txt" 2>&1 <<'PY' || { LOG_OF[mapping]="$WORK/env/mapping.txt"; fail "could not map the compose environment"; }
import sys, urllib.parse, yaml
config_path, out, template, database, vhost, *specs = sys.argv[1:]
hosts, ports = {}, {}
for spec in specs:
    key, value = spec.split('=', 1)
    if key.startswith('ports:'):
        ports[key[6:]] = value.split(':')
    else:
        host, port, container_port = value.split(':')
        hosts[key] = (host, port, container_port)
services = yaml.safe_load(open(config_path))['services']
secret = ('PASSWORD', 'SECRET', 'KEY', '_URL')
UNREACHABLE_BINANCE = 'http://127.0.0.1:9'

def mapped_url(name, value):
    parts = urllib.parse.urlsplit(value)
    if parts.hostname not in hosts:
        return value
    host, port, container_port = hosts[parts.hostname]
    if str(parts.port or '') != container_port:
        sys.exit(f'{name}: {parts.hostname}:{parts.port} is not the port {container_port} this script maps')
    userinfo = parts.netloc.rsplit('@', 1)[0] + '@' if '@' in parts.netloc else ''
    path = parts.path
    if name == 'DATABASE_URL':
        if path != '/tradebot_db':
            sys.exit(f'DATABASE_URL names database {path[1:]!r}, expected tradebot_db')
        path = '/' + database
    if name == 'RABBITMQ_URL':
        if path != '/tradebot':
            sys.exit(f'RABBITMQ_URL names vhost {path[1:]!r}, expected tradebot')
        path = '/' + urllib.parse.quote(vhost, safe='')
    return urllib.parse.urlunsplit((parts.scheme, f'{userinfo}{host}:{port}', path, parts.query, parts.fragment))

for service, (port, management_port) in ports.items():
    environment = {k: str(v) for k, v in (services[service].get('environment') or {}).items()}
    for required in ('DATABASE_URL', 'REDIS_URL', 'RABBITMQ_URL', 'PORT', 'MANAGEMENT_SERVER_PORT', 'TRADEBOT_ROLES'):
        if required not in environment:
            sys.exit(f'{service}: compose gives no {required}')
    changed = []
    for name, value in environment.items():
        new = mapped_url(name, value) if '://' in value else value
        if new != value:
            environment[name] = new; changed.append(name)
    environment['PORT'], environment['MANAGEMENT_SERVER_PORT'] = port, management_port
    environment['TRADEBOT_TEMPLATE_LOCATION'] = template
    environment['TRADEBOT_EXCHANGE_BINANCE_BASE_URL'] = UNREACHABLE_BINANCE
    environment['TRADEBOT_EXCHANGE_BINANCE_TESTNET_BASE_URL'] = UNREACHABLE_BINANCE
    changed += ['PORT', 'MANAGEMENT_SERVER_PORT', '+TRADEBOT_TEMPLATE_LOCATION',
                '+TRADEBOT_EXCHANGE_BINANCE_BASE_URL', '+TRADEBOT_EXCHANGE_BINANCE_TESTNET_BASE_URL']
    with open(f'{out}/{service}.env', 'w') as f:
        for name, value in environment.items():
            if '\0' in value or '\n' in value:
                sys.exit(f'{service}: {name} holds a newline')
            f.write(f'{name}={value}\0')
    shown = lambda n: n + ('=' + environment[n] if not any(s in n for s in secret) else '')
    kept = sorted(set(environment) - {c.lstrip('+') for c in changed})
    print(f'{service}: rewritten {", ".join(changed)}; as resolved: {", ".join(map(shown, kept))}')
for name in ('DATABASE_URL', 'REDIS_URL', 'RABBITMQ_URL'):
    parts = urllib.parse.urlsplit(open(f'{out}/gateway.env').read().split(name + '=', 1)[1].split('\0', 1)[0])
    print(f'{name}: {parts.scheme}://{parts.username or ""}:***@{parts.hostname}:{parts.port}{parts.path}')
PY
sed 's/^/      /' "$WORK/env/mapping.txt"
pass "the environment of gateway, worker, scheduler and scheduler-2 taken from the resolved configuration"

# --- this machine's servers with the compose credentials -----------------------------------
psql_admin -d postgres >/dev/null <<SQL || fail "could not create role tradebot_user and database $TEST_DB"
do \$\$
begin
    create role tradebot_user login nosuperuser nocreatedb nocreaterole password '$POSTGRES_APP_PASSWORD';
exception when duplicate_object or unique_violation then
    -- Left by an earlier run (roles are cluster-wide; another run may be using it right now).
    alter role tradebot_user login nosuperuser nocreatedb nocreaterole password '$POSTGRES_APP_PASSWORD';
end
\$\$;
SQL
psql_admin -d postgres -c "create database \"$TEST_DB\" owner tradebot_user" >/dev/null \
    || fail "could not create database $TEST_DB"
created_db=1

rabbitmqctl -q add_vhost "$TEST_VHOST" >/dev/null || fail "rabbitmqctl add_vhost $TEST_VHOST failed"
created_vhost=1
# The password on standard input, not in the process list.
printf '%s\n' "$RABBITMQ_PASSWORD" | rabbitmqctl -q add_user "$TEST_RABBIT_USER" >/dev/null \
    || fail "rabbitmqctl add_user $TEST_RABBIT_USER failed"
created_rabbit_user=1
rabbitmqctl -q set_permissions -p "$TEST_VHOST" "$TEST_RABBIT_USER" '.*' '.*' '.*' >/dev/null \
    || fail "rabbitmqctl set_permissions failed"

mkdir -p "$WORK/redis"
( umask 077; printf 'port %s\nbind 127.0.0.1\nrequirepass %s\nsave ""\nappendonly no\ndir %s\n' \
    "$REDIS_PORT" "$REDIS_PASSWORD" "$WORK/redis" > "$WORK/redis/redis.conf" )
pass "PostgreSQL role tradebot_user and database $TEST_DB, RabbitMQ user and vhost $TEST_VHOST, Redis with requirepass"

# --- processes -------------------------------------------------------------------------------
start() { # start <name> <command...>: in the background, output to $LOGS/<name>.log
    local name=$1; shift
    LOG_OF[$name]="$LOGS/$name.log"
    "$@" > "$LOGS/$name.log" 2>&1 < /dev/null &
    PIDS[$name]=$!
}

start_backend() { # start_backend <service> [log name]: java -jar with exactly the service's mapped environment
    local service=$1 name=${2:-$1} vars=()
    mapfile -d '' vars < "$WORK/env/$service.env"
    mkdir -p "$WORK/run/$name"
    # Its own working directory, as each container has; the JIT capped at C1 and a small heap:
    # four JVMs start side by side on two cores.
    start "$name" env -C "$WORK/run/$name" -i PATH="$PATH" HOME="$HOME" "${vars[@]}" \
        java -XX:TieredStopAtLevel=1 -Xmx384m -XX:+ExitOnOutOfMemoryError -jar "$JAR"
}

start redis redis-server "$WORK/redis/redis.conf"
for service in gateway worker scheduler scheduler-2; do start_backend "$service"; done

# The frontend container, stubbed: a static page on the frontend port.
mkdir -p "$WORK/frontend"
printf '<!doctype html><title>TradeBot</title><p>frontend stub of the topology test</p>\n' > "$WORK/frontend/index.html"
printf 'ok\n' > "$WORK/frontend/healthz"
start frontend "$PYTHON" -m http.server --bind 127.0.0.1 --directory "$WORK/frontend" "$FRONTEND_PORT"

# nginx: a copy of nginx/nginx.conf next to throwaway certificates (its certs/ paths are relative
# to its own directory, so they need no change). Rewritten: the listen ports (80, 443), the
# upstream addresses (gateway:8080, frontend:3000: the service names on 127.0.0.1, at the free
# ports above) and the pid file (another nginx on this machine may use /tmp/nginx.pid).
NGINX_DIR="$WORK/nginx"
mkdir -p "$NGINX_DIR/certs"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=localhost" \
    -keyout "$NGINX_DIR/certs/privkey.pem" -out "$NGINX_DIR/certs/fullchain.pem" >/dev/null 2>&1 \
    || fail "openssl could not make a certificate"
"$PYTHON" - "$ROOT/nginx/nginx.conf" "$NGINX_DIR/nginx.conf" "$NGINX_HTTP" "$NGINX_HTTPS" "$GATEWAY_PORT" \
    "$FRONTEND_PORT" "$NGINX_DIR/nginx.pid" <<'PY' || fail "could not adapt a copy of nginx/nginx.conf"
import re, sys
source, target, http, https, gateway, frontend, pid = sys.argv[1:]
text = open(source).read()
for pattern, replacement in (
        (r'(\n\s*listen\s+)80( default_server;)', rf'\g<1>{http}\2'),
        (r'(\n\s*listen\s+)443( ssl default_server;)', rf'\g<1>{https}\2'),
        # Addresses, not names: nginx then asks no resolver (there is no Docker DNS here).
        (r'(\n\s*set \$gateway_upstream http://)gateway:8080;', rf'\g<1>127.0.0.1:{gateway};'),
        (r'(\n\s*set \$frontend_upstream http://)frontend:3000;', rf'\g<1>127.0.0.1:{frontend};'),
        (r'\npid /tmp/nginx\.pid;', f'\npid {pid};')):
    text, n = re.subn(pattern, replacement, text)
    if n != 1:
        sys.exit(f'nginx.conf: {n} matches of {pattern!r}, expected 1')
open(target, 'w').write(text)
PY
nginx -t -q -c "$NGINX_DIR/nginx.conf" -p "$NGINX_DIR/" > "$LOGS/nginx-t.log" 2>&1 \
    || { LOG_OF[nginx -t]="$LOGS/nginx-t.log"; fail "nginx -t rejects the adapted nginx.conf"; }
start nginx nginx -c "$NGINX_DIR/nginx.conf" -p "$NGINX_DIR/" -g 'daemon off;'
say "      started gateway :$GATEWAY_PORT, worker, scheduler, scheduler-2, frontend stub :$FRONTEND_PORT," \
    "nginx :$NGINX_HTTP/:$NGINX_HTTPS, redis :$REDIS_PORT (logs in $LOGS)"

# --- health ------------------------------------------------------------------------------------
DEADLINE=$((SECONDS + STARTUP_SECONDS))
wait_healthy() { # wait_healthy <name> <url>: until 200, the process dies, or the start-up deadline
    local name=$1 url=$2 code
    while :; do
        code=$(curl -s -o "$WORK/health.$name" -w '%{http_code}' --max-time 5 "$url")
        [ "$code" = 200 ] && return 0
        kill -0 "${PIDS[$name]}" 2>/dev/null || fail "$name exited before it was healthy ($url)"
        [ "$SECONDS" -lt "$DEADLINE" ] || fail "$name not healthy within ${STARTUP_SECONDS}s: $url answered $code $(head -c 300 "$WORK/health.$name" 2>/dev/null)"
        sleep 2
    done
}
started=$SECONDS
wait_healthy gateway "http://127.0.0.1:$GATEWAY_PORT/health"
wait_healthy gateway "http://127.0.0.1:$GATEWAY_MGMT/actuator/health/readiness"
wait_healthy worker "http://127.0.0.1:$WORKER_MGMT/actuator/health/readiness"
wait_healthy scheduler "http://127.0.0.1:$SCHEDULER_MGMT/actuator/health/readiness"
wait_healthy scheduler-2 "http://127.0.0.1:$SCHEDULER2_MGMT/actuator/health/readiness"
wait_healthy frontend "http://127.0.0.1:$FRONTEND_PORT/healthz"
wait_healthy nginx "http://127.0.0.1:$NGINX_HTTP/nginx-health"
pass "gateway /health, worker and both schedulers' readiness, frontend and nginx up after $((SECONDS - started))s"

for name in worker scheduler scheduler-2; do
    # No gateway role, so no main port (the Compose healthcheck probes the management port only).
    if curl -s -o /dev/null --max-time 3 "http://127.0.0.1:$(sed -n 's/^PORT=//p' <(tr '\0' '\n' < "$WORK/env/$name.env"))/health"; then
        fail "$name answers on its main PORT: only the gateway should"
    fi
done
pass "worker and schedulers open no main HTTP port"

# --- through nginx -----------------------------------------------------------------------------
# The client talks from 127.0.0.2, so the address nginx forwards differs from nginx's own
# (127.0.0.1): the audit row must carry the client's.
CLIENT_IP=127.0.0.2
BASE="https://127.0.0.1:$NGINX_HTTPS"
UA="tradebot-topology-test/$RUN_ID"
api() { # api <method> <path> [body] [token]: prints the status; body in $WORK/body, headers in $WORK/headers
    local args=(-sk --interface "$CLIENT_IP" --max-time 30 -A "$UA" -X "$1" -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}')
    [ -n "${3:-}" ] && args+=(-H 'content-type: application/json' --data-binary "$3")
    [ -n "${4:-}" ] && args+=(-H "authorization: Bearer $4")
    curl "${args[@]}" "$BASE$2"
}
json() { "$PYTHON" -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$WORK/body" "$1" 2>/dev/null; }
body() { head -c 400 "$WORK/body"; }

location=$(curl -s --interface "$CLIENT_IP" --max-time 10 -o /dev/null -w '%{http_code} %{redirect_url}' \
    "http://127.0.0.1:$NGINX_HTTP/api/auth/me?x=1")
[ "$location" = "301 https://127.0.0.1/api/auth/me?x=1" ] || fail "HTTP is not redirected to HTTPS: $location"
pass "http://.../api/auth/me redirects to https (301)"

status=$(curl -sk --max-time 10 -o "$WORK/body" -w '%{http_code}' "$BASE/")
{ [ "$status" = 200 ] && grep -q 'frontend stub' "$WORK/body"; } || fail "GET / through nginx: $status $(body)"
status=$(curl -sk --max-time 10 -o "$WORK/body" -w '%{http_code}' "$BASE/health")
{ [ "$status" = 200 ] && [ "$(json status)" = up ]; } || fail "GET /health through nginx: $status $(body)"
pass "through nginx: / reaches the frontend, /health the gateway (UP)"

EMAIL="topology-$RUN_ID@example.com"
PASSWORD="correct horse battery staple $RUN_ID"
creds="{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}"
status=$(api POST /api/auth/register "$creds")
[ "$status" = 201 ] || fail "register: $status $(body)"
USER_ID=$(json id)
[ -n "$USER_ID" ] && [ "$(json email)" = "$EMAIL" ] || fail "register answered $(body)"
grep -qi '^strict-transport-security: max-age=' "$WORK/headers" || fail "no HSTS header on the API's HTTPS response"
pass "register through nginx: 201, user $USER_ID"

login() {
    local status
    status=$(api POST /api/auth/login "$creds")
    [ "$status" = 200 ] || fail "sign-in $1: $status $(body)"
    TOKEN=$(json accessToken)
    [ -n "$TOKEN" ] && [ "$(json tokenType)" = bearer ] || fail "sign-in $1 answered $(body)"
}
login 1
pass "sign in through nginx: 200 with a bearer token"

status=$(api GET /api/auth/me "" "$TOKEN")
{ [ "$status" = 200 ] && [ "$(json id)" = "$USER_ID" ] && [ "$(json email)" = "$EMAIL" ]; } || fail "/api/auth/me: $status $(body)"
status=$(api GET /api/auth/me "" "not-a-token")
[ "$status" = 401 ] || fail "/api/auth/me with a bad token: $status $(body)"
pass "/api/auth/me: the signed-in user with the token, 401 without a valid one"

sql() { psql_admin -d "$TEST_DB" -c "$1"; }
wait_until() { # wait_until <seconds> <what> <command...>: polls every 2 s
    local secs=$1 what=$2; shift 2
    local until=$((SECONDS + secs))
    while ! "$@" > "$WORK/wait.out" 2>&1; do
        [ "$SECONDS" -lt "$until" ] || fail "$what: not within ${secs}s ($(tail -n 3 "$WORK/wait.out" | tr '\n' ' '))"
        sleep 2
    done
}
queue_depth() { # queue_depth <queue>: ready + unacknowledged messages
    rabbitmqctl -q list_queues -p "$TEST_VHOST" name messages --no-table-headers 2>/dev/null \
        | awk -v q="$1" '$1 == q { print $2; found = 1 } END { if (!found) print "missing" }'
}
# Quorum queues report their message counts a few seconds late: a count is waited for, never read once.
depth_is() { # depth_is <queue> <n>
    local n; n=$(queue_depth "$1"); echo "$1 holds $n, expected $2"; [ "$n" = "$2" ]
}
depth_at_least() { # depth_at_least <queue> <n>
    local n; n=$(queue_depth "$1"); echo "$1 holds $n, expected at least $2"; [ "$n" != missing ] && [ "$n" -ge "$2" ]
}
audit_rows() { sql "select type || ' ' || coalesce(ip, '-') || ' ' || coalesce(user_agent, '-') from audit_events where user_id = '$USER_ID' order by at, type"; }
audit_count() { # audit_count <type> <expected>
    local n; n=$(sql "select count(*) from audit_events where user_id = '$USER_ID' and type = '$1'")
    echo "$1: $n of $2"; [ "$n" = "$2" ]
}
first_rows() { audit_count user.registered 1 && audit_count user.login 1; }
wait_until 60 "the worker records user.registered and user.login" first_rows
rows=$(audit_rows)
expected="user.login $CLIENT_IP $UA
user.registered $CLIENT_IP $UA"
[ "$(sort <<<"$rows")" = "$expected" ] || fail "audit rows are not the client's (ip $CLIENT_IP, agent $UA): $rows"
pass "audit rows written by the worker: user.registered and user.login, client ip $CLIENT_IP and user agent"

# --- issue 4: a paper account and candles, with Binance unreachable ----------------------------
# Every backend process has Binance at http://127.0.0.1:9 (see the mapping above): whatever asks it
# is refused at once, as it would be on a machine without internet, only sooner.
UNREACHABLE_BINANCE='http://127.0.0.1:9'
jq_py() { # jq_py <python expression over b, the body>: prints its value (decimals are strings on the wire: wrap them in Decimal; ms(t) = epoch ms of an ISO time)
    "$PYTHON" - "$WORK/body" "$1" <<'PY' 2>/dev/null
import datetime, json, sys
from decimal import Decimal
def ms(t):
    return int(datetime.datetime.fromisoformat(t.replace('Z', '+00:00')).timestamp() * 1000)
b = json.load(open(sys.argv[1]), parse_float=Decimal)
print(eval(sys.argv[2]))
PY
}
iso() { date -u -d "@$(($1 / 1000))" +%Y-%m-%dT%H:%M:%SZ; }
upload() { # upload <path> <file> <token>: the file as text/csv; prints the status, body in $WORK/body
    curl -sk --interface "$CLIENT_IP" --max-time 180 -A "$UA" -X POST -o "$WORK/body" -D "$WORK/headers" \
        -w '%{http_code}' -H 'content-type: text/csv' -H "authorization: Bearer $3" --data-binary "@$2" "$BASE$1"
}
worker_invocations() { # worker_invocations <function> <outcome>: calls the worker's prometheus endpoint counts
    curl -s --max-time 10 "http://127.0.0.1:$WORKER_MGMT/actuator/prometheus" | "$PYTHON" -c '
import re, sys
function, outcome = sys.argv[1:]
total = 0.0
for line in sys.stdin:
    if line.startswith("tradebot_function_invocations_seconds_count{") and f"function=\"{function}\"" in line \
            and f"outcome=\"{outcome}\"" in line and "trigger=\"queue\"" in line:
        total += float(line.rsplit(" ", 1)[1])
print(int(total))' "$1" "$2"
}

started=$SECONDS
status=$(api POST /api/accounts '{"name":"Topology paper","kind":"paper","balances":{"USDT":"10000"}}' "$TOKEN")
[ "$status" = 201 ] || fail "create a paper account: $status $(body)"
ACCOUNT_ID=$(json id)
{ [ -n "$ACCOUNT_ID" ] && [ "$(json kind)" = paper ] && [ "$(json name)" = "Topology paper" ]; } \
    || fail "create a paper account answered $(body)"
took=$((SECONDS - started))
# The symbol list paper balances are checked against comes from Binance; refused, the assets are
# checked by their form only.
grep -q "Exchange symbols unavailable (.*$UNREACHABLE_BINANCE" "$LOGS/gateway.log" \
    || fail "the gateway did not log asking Binance at $UNREACHABLE_BINANCE for its symbols"
status=$(api POST /api/accounts '{"name":"Topology bad","kind":"paper","balances":{"usdt":"10"}}' "$TOKEN")
{ [ "$status" = 400 ] && [ "$(jq_py "[e['field'] for e in b['errors']] == ['balances.usdt']")" = True ]; } \
    || fail "a paper account with an asset code of the wrong form: $status $(body)"
status=$(api POST "/api/accounts/$ACCOUNT_ID/test" "" "$TOKEN")
[ "$status" = 200 ] || fail "test the paper account: $status $(body)"
[ "$(jq_py 'b["ok"] and b["canTrade"] and not b["canWithdraw"] and b["error"] is None and [(x["asset"], Decimal(x["free"]), Decimal(x["locked"])) for x in b["balances"]] == [("USDT", Decimal(10000), Decimal(0))]')" = True ] \
    || fail "the paper account's test answered $(body)"
pass "paper account $ACCOUNT_ID created (201 in ${took}s; Binance refused: assets checked by form, 'usdt' 400); its test: ok, 10000 USDT"

CANDLES="$ROOT/functions/src/test/resources/candles/coinbase-btcusd-4h-20160518-20251028.csv"
[ -f "$CANDLES" ] || fail "$CANDLES is missing"
CANDLE_ROWS=$(($(grep -c . "$CANDLES") - 1))
FIRST_MS=$(sed -n 2p "$CANDLES" | cut -d, -f1)
LAST_MS=$(tail -n 1 "$CANDLES" | cut -d, -f1)
size=$(stat -c %s "$CANDLES")
# More than nginx's default body limit (1 MiB), less than the gateway's (6 MiB).
[ "$size" -gt 1048576 ] && [ "$size" -lt 6291456 ] || fail "$CANDLES is $size bytes: not the file this check needs"
# imported candles are the importer's own (imported_candles); the shared candles table is the exchange's
candle_count() { sql "select count(*) from imported_candles where symbol = 'BTCUSDT' and interval = '4h'"; }
IMPORT="/api/market/candles/import?symbol=BTCUSDT&interval=4h"
started=$SECONDS
status=$(upload "$IMPORT" "$CANDLES" "$TOKEN")
[ "$status" = 200 ] || fail "import $size bytes of candles through nginx: $status $(body)"
took=$((SECONDS - started))
[ "$(jq_py "(b['symbol'], b['interval'], b['rows'], b['imported'], b['alreadyStored'], ms(b['first']), ms(b['last'])) == ('BTCUSDT', '4h', $CANDLE_ROWS, $CANDLE_ROWS, 0, $FIRST_MS, $LAST_MS)")" = True ] \
    || fail "the import answered $(body), expected $CANDLE_ROWS rows imported from $(iso "$FIRST_MS") to $(iso "$LAST_MS")"
[ "$(candle_count)" = "$CANDLE_ROWS" ] || fail "$(candle_count) BTCUSDT 4h candles stored, expected $CANDLE_ROWS"
pass "import of $size bytes as text/csv through nginx: 200 in ${took}s, $CANDLE_ROWS of $CANDLE_ROWS rows imported and stored"

status=$(upload "$IMPORT" "$CANDLES" "$TOKEN")
[ "$status" = 200 ] || fail "the same import again: $status $(body)"
[ "$(jq_py "(b['rows'], b['imported'], b['alreadyStored']) == ($CANDLE_ROWS, 0, $CANDLE_ROWS)")" = True ] \
    || fail "the same import again answered $(body), expected nothing new"
[ "$(candle_count)" = "$CANDLE_ROWS" ] || fail "$(candle_count) BTCUSDT 4h candles stored after the second import"
pass "the same file again: 200, nothing new ($CANDLE_ROWS already stored)"

# New candles after the file's last, around a bad line 3: all or nothing.
{
    printf 'open_time,open,high,low,close,volume\n'
    printf '%s,113912.05,114100,113800,113950,100\n' $((LAST_MS + 14400000))
    printf '%s,113950,114200,113900,oops,100\n' $((LAST_MS + 28800000))
    printf '%s,113960,114300,113900,114000,100\n' $((LAST_MS + 43200000))
} > "$WORK/bad.csv"
status=$(upload "$IMPORT" "$WORK/bad.csv" "$TOKEN")
[ "$status" = 400 ] || fail "a CSV with a bad line 3: $status $(body)"
grep -qi '^content-type: application/problem+json' "$WORK/headers" || fail "the bad CSV's 400 is not problem+json: $(body)"
[ "$(jq_py "'(line 3)' in b['detail'] and [e['field'] for e in b['errors']] == ['line 3']")" = True ] \
    || fail "the bad CSV's 400 does not name line 3 (only): $(body)"
[ "$(candle_count)" = "$CANDLE_ROWS" ] || fail "$(candle_count) BTCUSDT 4h candles stored after a rejected file, expected $CANDLE_ROWS"
pass "a CSV with a bad line: 400 problem+json naming line 3, its two good rows not imported"

READ="/api/market/candles?symbol=BTCUSDT&interval=4h&limit=1000&from"
status=$(api GET "$READ=$(iso "$FIRST_MS")" "" "$TOKEN")
[ "$status" = 200 ] || fail "read the candles back: $status $(body)"
first_row=$(sed -n 2p "$CANDLES" | cut -d, -f2- | sed "s/,/'), Decimal('/g")
[ "$(jq_py "len(b['candles']) == 1000 and ms(b['candles'][0]['openTime']) == $FIRST_MS and [Decimal(b['candles'][0][k]) for k in ('open', 'high', 'low', 'close', 'volume')] == [Decimal('$first_row')] and all(ms(x['openTime']) < ms(y['openTime']) for x, y in zip(b['candles'], b['candles'][1:])) and ms(b['next']) > ms(b['candles'][-1]['openTime'])")" = True ] \
    || fail "the first page is not 1000 candles from the file's first row, oldest first, with a next cursor: $(head -c 600 "$WORK/body")"
NEXT=$(json next)
page1_last=$(jq_py "ms(b['candles'][-1]['openTime'])")
status=$(api GET "$READ=$NEXT" "" "$TOKEN")
[ "$status" = 200 ] || fail "read the page after $NEXT: $status $(body)"
[ "$(jq_py "len(b['candles']) == 1000 and b['candles'][0]['openTime'] == '$NEXT' and ms(b['candles'][0]['openTime']) > $page1_last")" = True ] \
    || fail "the page at next=$NEXT does not start there: $(head -c 600 "$WORK/body")"
pass "read back: 1000 candles from $(iso "$FIRST_MS") (the file's first row, values included); next=$NEXT reads the following 1000"

status=$(api GET /api/strategies "" "$TOKEN")
[ "$status" = 200 ] || fail "GET /api/strategies: $status $(body)"
strategies=$(jq_py "' '.join(sorted(s['name'] for s in b['strategies']))")
[ "$strategies" = "bollinger dca ema-cross grid macd-cross rsi-reversion sma-cross" ] \
    || fail "GET /api/strategies lists '$strategies', expected the 7 built-in strategies"
pass "GET /api/strategies: the 7 built-in strategies ($strategies)"

# --- issue 5: a backtest, run by the worker ---------------------------------------------------
BACKTEST="{\"symbol\":\"BTCUSDT\",\"interval\":\"4h\",\"strategy\":\"sma-cross\",\"params\":{\"fast\":10,\"slow\":30},\"from\":\"$(iso "$FIRST_MS")\",\"to\":\"$(iso $((LAST_MS + 14400000)))\",\"startingBalance\":10000,\"feeBps\":10,\"slippageBps\":5,\"sizing\":{\"type\":\"percent\",\"value\":100}}"
status=$(api POST /api/backtests "$BACKTEST" "$TOKEN")
[ "$status" = 202 ] || fail "submit a backtest: $status $(body)"
BACKTEST_ID=$(json id)
{ [ -n "$BACKTEST_ID" ] && [ "$(json status)" = queued ]; } || fail "submit a backtest answered $(body)"
started=$SECONDS
backtest_finished() { # (fail inside wait_until would print into its capture: the verdict comes after)
    local status
    status=$(api GET "/api/backtests/$BACKTEST_ID" "" "$TOKEN")
    [ "$status" = 200 ] || { echo "GET answered $status"; return 1; }
    case "$(json status)" in
        succeeded|failed|cancelled) return 0 ;;
        *) echo "$(json status) at $(json progress) %"; return 1 ;;
    esac
}
wait_until 180 "backtest $BACKTEST_ID finished" backtest_finished
took=$((SECONDS - started))
[ "$(json status)" = succeeded ] || fail "backtest $BACKTEST_ID $(json status): $(json error)"
[ "$(jq_py "b['result']['candles'] == $CANDLE_ROWS and b['result']['metrics']['tradeCount'] > 0 and len(b['result']['trades']) + b['result']['tradesOmitted'] == b['result']['metrics']['tradeCount'] and b['result']['metrics']['totalReturn'] is not None and b['result']['metrics']['maxDrawdown'] is not None and Decimal(b['result']['finalEquity']) > 0 and b['request']['strategy'] == 'sma-cross' and b['startedAt'] is not None")" = True ] \
    || fail "backtest $BACKTEST_ID succeeded without trades and metrics over $CANDLE_ROWS candles: $(head -c 600 "$WORK/body")"
summary=$(jq_py "f\"{b['result']['metrics']['tradeCount']} trades, total return {b['result']['metrics']['totalReturn']}, final equity {b['result']['finalEquity']}\"")
# The worker's own count, recorded just after the handler has stored the result.
backtest_counted() { local n; n=$(worker_invocations runBacktest SUCCESS); echo "$n successful runBacktest calls"; [ "$n" = 1 ]; }
wait_until 20 "the worker's metrics count one successful runBacktest" backtest_counted
pass "backtest sma-cross 10/30 over $CANDLE_ROWS candles: 202 queued, succeeded in the worker within ${took}s ($summary)"

EMAIL2="topology-2-$RUN_ID@example.com"
status=$(api POST /api/auth/register "{\"email\":\"$EMAIL2\",\"password\":\"$PASSWORD\"}")
[ "$status" = 201 ] || fail "register a second user: $status $(body)"
status=$(api POST /api/auth/login "{\"email\":\"$EMAIL2\",\"password\":\"$PASSWORD\"}")
[ "$status" = 200 ] || fail "sign in as the second user: $status $(body)"
TOKEN2=$(json accessToken)
status=$(api GET "/api/backtests/$BACKTEST_ID" "" "$TOKEN2")
[ "$status" = 404 ] || fail "another user's GET of backtest $BACKTEST_ID: $status $(body)"
status=$(api POST "/api/accounts/$ACCOUNT_ID/test" "" "$TOKEN2")
[ "$status" = 404 ] || fail "another user's test of account $ACCOUNT_ID: $status $(body)"
status=$(api GET "/api/market/candles?symbol=BTCUSDT&interval=4h" "" "$TOKEN2")
[ "$status" = 400 ] || fail "another user's read of the first user's imported BTCUSDT candles: $status $(body)"
pass "another user gets 404 for the backtest and the paper account, and 400 (unknown symbol) for the imported candles"

# --- the market jobs, with Binance unreachable -------------------------------------------------
# refreshCandles and refreshTickers (every minute) only call Binance for watched pairs. A watch of a
# symbol the exchange has not listed yet asks Binance first: refused, 503.
status=$(api POST /api/market/watches '{"symbol":"BTCUSDT","interval":"4h"}' "$TOKEN")
[ "$status" = 503 ] || fail "watch BTCUSDT 4h (imported only, Binance refused): $status $(body)"
# As refreshSymbols would have stored it the last time Binance answered.
sql "insert into symbols (symbol, base_asset, quote_asset, status, source) values ('BTCUSDT', 'BTC', 'USDT', 'TRADING', 'exchange')" >/dev/null \
    || fail "could not mark BTCUSDT as listed by the exchange"
status=$(api POST /api/market/watches '{"symbol":"BTCUSDT","interval":"4h"}' "$TOKEN")
[ "$status" = 201 ] || fail "watch BTCUSDT 4h once listed: $status $(body)"
pass "watch BTCUSDT 4h: 503 while only imported (Binance refused), 201 once listed"

market_jobs_done() {
    local job n fired ok errors
    grep -q "Candles of BTCUSDT 4h not refreshed: Binance at $UNREACHABLE_BINANCE" "$LOGS/worker.log" \
        || { echo "refreshCandles has not tried BTCUSDT 4h yet"; return 1; }
    grep -q "Ticker of BTCUSDT not refreshed: Binance at $UNREACHABLE_BINANCE" "$LOGS/worker.log" \
        || { echo "refreshTickers has not tried BTCUSDT yet"; return 1; }
    for job in refreshCandles refreshTickers; do
        # Every tick fired so far consumed once, without error, and nothing left in the queue.
        fired=$(sql "select count(*) from scheduler.schedule_fires where job = '$job.EveryMinute'")
        ok=$(worker_invocations "$job" SUCCESS); errors=$(worker_invocations "$job" ERROR)
        [ "$errors" = 0 ] || { echo "$job failed $errors times in the worker"; return 0; }
        [ "$fired" -ge 1 ] && [ "$ok" = "$fired" ] || { echo "$job: $fired ticks fired, $ok handled"; return 1; }
        n=$(queue_depth "schedule.$job"); [ "$n" = 0 ] || { echo "schedule.$job holds $n"; return 1; }
        echo "$job: $fired fired, $ok handled"
    done
}
say "      waiting for refreshCandles and refreshTickers to try the watched pair"
wait_until 150 "refreshCandles and refreshTickers consume their ticks, Binance refused" market_jobs_done
jobs_seen=$(paste -sd';' "$WORK/wait.out")
grep -q 'failed .* times in the worker' "$WORK/wait.out" && fail "$jobs_seen"
for queue in schedule.refreshCandles.dlq schedule.refreshTickers.dlq; do
    [ "$(queue_depth "$queue")" = 0 ] || fail "$queue holds $(queue_depth "$queue") messages"
done
pass "refreshCandles and refreshTickers fired by the schedulers, handled by the worker without error (Binance refused, logged): $jobs_seen; DLQs empty"

# --- the scheduled job: once per tick ------------------------------------------------------
JOB=purgeAuditEvents.Daily
ticks() { sql "select to_char(scheduled_time at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') || ' ' || instance from scheduler.schedule_fires where job = '$JOB' order by scheduled_time"; }
tick_count() { local n; n=$(sql "select count(*) from scheduler.schedule_fires where job = '$JOB'"); echo "$n ticks"; [ "$n" -ge 2 ]; }
say "      waiting for two purge ticks (rate(1 minute), on the minute)"
wait_until 200 "two ticks of $JOB in scheduler.schedule_fires" tick_count
consumed() { # every fired tick logged once by the worker, and nothing left in the queue
    local t instance n
    while read -r t instance; do
        n=$(cat "$LOGS"/worker*.log | grep -c "before the tick of $t)")
        [ "$n" = 1 ] || { echo "tick $t consumed $n times"; return 1; }
    done < <(ticks)
    [ "$(queue_depth schedule.purgeAuditEvents)" = 0 ] || { echo "schedule.purgeAuditEvents holds $(queue_depth schedule.purgeAuditEvents) messages"; return 1; }
}
wait_until 60 "the worker consumes each tick" consumed
fired=$(ticks)
"$PYTHON" - "$JOB" "$fired" "$LOGS/scheduler.log" "$LOGS/scheduler-2.log" <<'PY' > "$WORK/ticks.out" 2>&1 || fail "ticks of $JOB: $(cat "$WORK/ticks.out")"
import datetime, re, sys
job = sys.argv[1]
rows = [line.split() for line in sys.argv[2].splitlines() if line.strip()]
logs = ''.join(open(path).read() for path in sys.argv[3:])
errors = []
times = [datetime.datetime.fromisoformat(t.replace('Z', '+00:00')) for t, _ in rows]
for earlier, later in zip(times, times[1:]):
    if later - earlier != datetime.timedelta(minutes=1):
        errors.append(f'ticks {earlier} and {later} are not one minute apart: a tick was missed')
for t, instance in rows:
    if instance not in ('scheduler-1', 'scheduler-2'):
        errors.append(f'tick {t} fired by {instance!r}, not scheduler-1 or scheduler-2')
    # Other jobs (expireBacktests, refreshCandles, ...) fire the same minutes.
    n = len(re.findall(rf'Schedule {re.escape(job)}: fired tick {re.escape(t)} ', logs))
    if n != 1:
        errors.append(f'tick {t} fired {n} times according to the schedulers\' logs')
print('\n'.join(errors) or ', '.join(f'{t} by {i}' for t, i in rows)); sys.exit(1 if errors else 0)
PY
[ "$(queue_depth schedule.purgeAuditEvents.dlq)" = 0 ] || fail "schedule.purgeAuditEvents.dlq is not empty"
pass "$JOB fired once per tick, each by one scheduler, each consumed once by the worker: $(cat "$WORK/ticks.out")"

# --- the worker killed: audit events wait in the durable queue -----------------------------
worker_pid=${PIDS[worker]}
kill -KILL "$worker_pid"
{ wait "$worker_pid"; } 2>/dev/null
unset "PIDS[worker]"
kill -0 "$worker_pid" 2>/dev/null && fail "the worker survived SIGKILL"
for attempt in 2 3 4; do login "$attempt (worker down)"; done
pass "worker killed with SIGKILL; three sign-ins through nginx still succeed"
audit_count user.login 1 > "$WORK/count.out" || fail "audit rows appeared without a worker: $(cat "$WORK/count.out")"
wait_until 30 "three audit events in audit-events with the worker down" depth_is audit-events 3
pass "the three audit events wait in the durable queue audit-events"

# The schedulers go on firing into the durable queue while no worker consumes it: wait for a
# tick the killed worker never logged.
unconsumed() {
    local t instance
    while read -r t instance; do
        grep -q "before the tick of $t)" "$LOGS/worker.log" || echo "$t"
    done < <(ticks)
}
tick_while_down() { [ -n "$(unconsumed)" ] || { echo "no tick since the kill yet"; return 1; }; }
say "      waiting for a purge tick with the worker down"
wait_until 100 "a tick of $JOB while the worker is down" tick_while_down
new_ticks=$(unconsumed)
# At least: a trigger the killed worker had in hand (logged, not yet acknowledged) is back too.
wait_until 30 "the tick(s) $new_ticks held in schedule.purgeAuditEvents" \
    depth_at_least schedule.purgeAuditEvents "$(wc -l <<<"$new_ticks")"
pass "tick $(paste -sd' ' <<<"$new_ticks") fired with the worker down and waits in schedule.purgeAuditEvents"

start_backend worker worker-2
PIDS[worker]=${PIDS[worker-2]}; unset "PIDS[worker-2]"; LOG_OF[worker]="$LOGS/worker-2.log"; unset "LOG_OF[worker-2]"
DEADLINE=$((SECONDS + STARTUP_SECONDS))
started=$SECONDS
wait_healthy worker "http://127.0.0.1:$WORKER_MGMT/actuator/health/readiness"
wait_until 90 "the restarted worker records the three sign-ins" audit_count user.login 4
drained() { local n; n=$(queue_depth audit-events); echo "audit-events holds $n"; [ "$n" = 0 ]; }
wait_until 30 "audit-events drained" drained
[ "$(queue_depth audit-events.dlq)" = 0 ] || fail "audit-events.dlq is not empty"
rows=$(sql "select count(*) from audit_events where user_id = '$USER_ID' and type = 'user.login' and ip = '$CLIENT_IP'")
[ "$rows" = 4 ] || fail "$rows of 4 user.login rows carry the client ip"
pass "worker restarted (ready after $((SECONDS - started))s): all three audit rows arrived, queue and DLQ empty"

# Ticks fired while the worker was down waited in schedule.purgeAuditEvents like the audit events.
# At least once here, not exactly: a trigger the killed worker had in hand is redelivered.
all_consumed() {
    local t instance n
    while read -r t instance; do
        n=$(cat "$LOGS"/worker*.log | grep -c "before the tick of $t)")
        [ "$n" -ge 1 ] || { echo "tick $t not consumed"; return 1; }
    done < <(ticks)
    n=$(queue_depth schedule.purgeAuditEvents); echo "schedule.purgeAuditEvents holds $n"; [ "$n" = 0 ]
}
wait_until 60 "every tick consumed after the restart" all_consumed
while read -r t; do
    grep -q "before the tick of $t)" "$LOGS/worker-2.log" || fail "tick $t, fired with the worker down, not consumed by the restarted worker"
done <<<"$new_ticks"
pass "every tick so far ($(ticks | wc -l)) consumed, schedule.purgeAuditEvents empty"

dlqs=$(rabbitmqctl -q list_queues -p "$TEST_VHOST" name messages --no-table-headers 2>/dev/null | awk '$1 ~ /\.dlq$/')
[ -n "$dlqs" ] || fail "no dead-letter queue in vhost $TEST_VHOST"
dead=$(awk '$2 != 0' <<<"$dlqs")
[ -z "$dead" ] || fail "dead letters: $(paste -sd' ' <<<"$dead")"
pass "all $(wc -l <<<"$dlqs") dead-letter queues empty"

# --- stop ------------------------------------------------------------------------------------
pids="${PIDS[*]}"
stop nginx frontend gateway worker scheduler scheduler-2 redis
[ "${#PIDS[@]}" = 0 ] || fail "processes not stopped: ${!PIDS[*]}"
for pid in $pids; do kill -0 "$pid" 2>/dev/null && fail "process $pid still runs"; done
pass "everything it started is stopped"
