#!/usr/bin/env bash
# Deployment checks that need no Docker engine:
#   - install.sh: writes a mode-600 .env with well-formed secrets, keeps it on a second run,
#     replaces it only with --force;
#   - docker-compose config (Debian's docker-compose 1.29) of both compose files with every
#     profile, and the resolved configuration against the hardening and wiring rules;
#   - nginx -t of nginx/nginx.conf and frontend/nginx.conf, then nginx/nginx.conf serving real
#     requests against stub upstreams (routing, TLS redirect, headers, body limit, auth rate
#     limit, unbuffered server-sent events) inside private mount/network/pid namespaces;
#   - compose/postgres/10-app-role.sh on a private PostgreSQL cluster: the backend's role owns its
#     database and schema and is no superuser;
#   - the Dockerfiles hold no secret and run as non-root; the frontend and gateway ports agree
#     across files; every variable the compose files and the backend read is in .env.example;
#   - the frontend builds and frontend/nginx.conf serves it (skipped without npm).
# Installs docker-compose, nginx and openssl with apt-get when missing. Runs as root (apt-get,
# namespaces); changes nothing outside a temporary directory. Exit status 1 when a check fails.
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/tradebot-check.XXXXXX")
HOSTS_MARK="# tradebot-check $$"
cleanup() {
    if grep -qF "$HOSTS_MARK" /etc/hosts 2>/dev/null; then
        grep -vF "$HOSTS_MARK" /etc/hosts > "$WORK/hosts.restore" && cat "$WORK/hosts.restore" > /etc/hosts
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

passed=0; failed=0; skipped=0; failures=()

# check <name> <command...>: runs the command, output kept in a log shown only on failure.
check() {
    local name=$1; shift
    local log="$WORK/log.$((passed + failed + skipped))"
    if "$@" >"$log" 2>&1; then
        passed=$((passed + 1)); printf 'ok    %s\n' "$name"
    elif [ "$?" -eq 77 ]; then
        skipped=$((skipped + 1)); printf 'skip  %s (%s)\n' "$name" "$(tail -n 1 "$log")"
    else
        failed=$((failed + 1)); failures+=("$name"); printf 'FAIL  %s\n' "$name"
        sed 's/^/      | /' "$log" | tail -n 40
    fi
}

# --- tools -------------------------------------------------------------------------------
. "$ROOT/compose/tools.sh"
printf '%s; %s; %s\n' "$(docker-compose version --short 2>/dev/null || docker-compose version | head -1)" \
    "$(nginx -v 2>&1)" "$(openssl version)"

# copy_tree <destination> <path...>: the deployment files without any .env, certificate,
# dependency or build output that a working copy may hold.
copy_tree() {
    local destination=$1; shift
    mkdir -p "$destination"
    tar -C "$ROOT" --exclude=.env --exclude='nginx/certs/*.pem' --exclude=node_modules --exclude=dist \
        -cf - "$@" | tar -C "$destination" -xf -
}

# A copy of the deployment files, so install.sh writes its .env there and never in $ROOT.
PROJECT="$WORK/project"
copy_tree "$PROJECT" install.sh .env.example Dockerfile .dockerignore compose nginx frontend

# docker-compose with nothing from the caller's environment but PATH and HOME: the values
# under test come from the project's .env only.
compose() { env -i PATH="$PATH" HOME="$HOME" docker-compose "$@"; }

# --- install.sh ------------------------------------------------------------------------------
SECRETS="POSTGRES_PASSWORD POSTGRES_APP_PASSWORD REDIS_PASSWORD RABBITMQ_PASSWORD PGADMIN_DEFAULT_PASSWORD SECRET_KEY FERNET_KEY"

validate_env() { # validate_env <.env> <.env.example>
    "$PYTHON" - "$1" "$2" "$SECRETS" <<'PY'
import base64, re, sys
env_path, example_path, names = sys.argv[1], sys.argv[2], sys.argv[3].split()

def entries(path):
    out = {}
    for line in open(path):
        m = re.match(r'^([A-Z_][A-Z0-9_]*)=(.*)$', line.rstrip('\n'))
        if m:
            out[m.group(1)] = m.group(2)
    return out

env, example = entries(env_path), entries(example_path)
errors = []
for key, value in example.items():
    if key not in names and env.get(key) != value:
        errors.append(f'{key} differs from .env.example')
for key in names:
    if not env.get(key):
        errors.append(f'{key} is missing or empty')
if errors:
    sys.exit('\n'.join(errors))
for key in ('POSTGRES_PASSWORD', 'POSTGRES_APP_PASSWORD', 'REDIS_PASSWORD', 'RABBITMQ_PASSWORD', 'PGADMIN_DEFAULT_PASSWORD'):
    if not re.fullmatch(r'[0-9a-f]{48}', env[key]):
        errors.append(f'{key} is not 24 random bytes in hex')
secret = env['SECRET_KEY']
if not re.fullmatch(r'[A-Za-z0-9_-]+', secret):
    errors.append('SECRET_KEY is not url-safe base64 without padding')
elif len(base64.urlsafe_b64decode(secret + '=' * (-len(secret) % 4))) < 64:
    errors.append('SECRET_KEY decodes to fewer than 64 bytes')
fernet = env['FERNET_KEY']
if not re.fullmatch(r'[A-Za-z0-9_-]{43}=', fernet):
    errors.append('FERNET_KEY is not 44 characters of padded url-safe base64')
elif len(base64.urlsafe_b64decode(fernet)) != 32:
    errors.append('FERNET_KEY does not decode to 32 bytes')
values = [env[k] for k in names]
if len(set(values)) != len(values):
    errors.append('two generated values are equal')
sys.exit('\n'.join(errors) if errors else 0)
PY
}

mode_of() { stat -c %a "$1" 2>/dev/null || stat -f %Lp "$1"; }

install_first_run() {
    (cd "$PROJECT" && sh ./install.sh) > "$WORK/install.out" || return 1
    cat "$WORK/install.out"
    [ -f "$PROJECT/.env" ] || { echo ".env not written"; return 1; }
    [ "$(mode_of "$PROJECT/.env")" = 600 ] || { echo ".env has mode $(mode_of "$PROJECT/.env"), not 600"; return 1; }
    [ "$(readlink "$PROJECT/compose/.env")" = ../.env ] || { echo "compose/.env does not link to ../.env"; return 1; }
    validate_env "$PROJECT/.env" "$PROJECT/.env.example" || return 1
    # The default TLS_CERTS_DIR gets a self-signed certificate nginx accepts (nginx -t below).
    local certs="$PROJECT/nginx/certs"
    [ -f "$certs/fullchain.pem" ] && [ -f "$certs/privkey.pem" ] || { echo "no self-signed certificate in nginx/certs"; return 1; }
    openssl x509 -in "$certs/fullchain.pem" -noout -checkend 86400 >/dev/null || { echo "the certificate expires within a day"; return 1; }
    openssl x509 -in "$certs/fullchain.pem" -noout -ext subjectAltName | grep -q 'DNS:localhost' || { echo "no subjectAltName localhost"; return 1; }
    [ "$(openssl x509 -in "$certs/fullchain.pem" -noout -pubkey | openssl sha256)" = \
      "$(openssl pkey -in "$certs/privkey.pem" -pubout | openssl sha256)" ] || { echo "key and certificate do not match"; return 1; }
    if [ "$(id -u)" = 0 ]; then
        [ "$(stat -c %u:%g "$certs/privkey.pem")" = 101:101 ] || { echo "privkey.pem is not owned by nginx's uid 101"; return 1; }
        [ "$(mode_of "$certs/privkey.pem")" = 600 ] || { echo "privkey.pem has mode $(mode_of "$certs/privkey.pem")"; return 1; }
    fi
    grep -q 'self-signed certificate' "$WORK/install.out" || { echo "install.sh did not say it made a certificate"; return 1; }
    grep -q 'A real one' "$WORK/install.out" || { echo "install.sh did not say how to install a real certificate"; return 1; }
}

install_keeps_env() {
    cp -p "$PROJECT/.env" "$WORK/env.first"
    cp -p "$PROJECT/nginx/certs/privkey.pem" "$WORK/privkey.first"
    (cd "$PROJECT" && sh ./install.sh) || { echo "second run failed"; return 1; }
    cmp "$WORK/privkey.first" "$PROJECT/nginx/certs/privkey.pem" || { echo "second run replaced the certificate"; return 1; }
    cmp "$WORK/env.first" "$PROJECT/.env" || { echo "second run changed .env"; return 1; }
    [ "$(mode_of "$PROJECT/.env")" = 600 ] || { echo "mode changed"; return 1; }
}

install_force_replaces() {
    (cd "$PROJECT" && sh ./install.sh --force) || return 1
    [ "$(mode_of "$PROJECT/.env")" = 600 ] || { echo ".env has mode $(mode_of "$PROJECT/.env") after --force"; return 1; }
    validate_env "$PROJECT/.env" "$PROJECT/.env.example" || return 1
    for key in $SECRETS; do
        if [ "$(grep "^$key=" "$WORK/env.first")" = "$(grep "^$key=" "$PROJECT/.env")" ]; then
            echo "$key was not regenerated"; return 1
        fi
    done
    # The remaining checks use the .env of the first run.
    cp -p "$WORK/env.first" "$PROJECT/.env"
}

install_rejects_unknown_option() {
    if (cd "$PROJECT" && sh ./install.sh --bogus); then echo "accepted --bogus"; return 1; fi
    cmp "$WORK/env.first" "$PROJECT/.env"
}

check "install.sh writes .env (mode 600, compose/.env link, well-formed secrets)" install_first_run
check "install.sh run twice keeps the first .env" install_keeps_env
check "install.sh --force writes fresh secrets" install_force_replaces
check "install.sh refuses an unknown option and leaves .env alone" install_rejects_unknown_option

# --- docker-compose config -------------------------------------------------------------------
MAIN="$PROJECT/compose/docker-compose.yml"
PGADMIN_ONLY="$PROJECT/compose/docker-compose-pgadmin-only.yml"

config_ok() { # config_ok <output file> <compose arguments...>
    local out=$1; shift
    compose "$@" config > "$out"
}

for profiles in "" "--profile development" "--profile production" "--profile development --profile production"; do
    label=${profiles:-no profile}
    # shellcheck disable=SC2086
    check "docker-compose config: docker-compose.yml, $label" \
        config_ok "$WORK/config.$(printf '%s' "$label" | tr -c 'a-z' '_').yml" -f "$MAIN" $profiles
done
check "docker-compose config: docker-compose-pgadmin-only.yml" config_ok "$WORK/config.pgadmin-only.yml" -f "$PGADMIN_ONLY"

resolved_main_rules() {
    "$PYTHON" - "$WORK/config.__profile_development___profile_production.yml" "$PROJECT/.env" <<'PY'
import re, sys, yaml
config = yaml.safe_load(open(sys.argv[1]))
env = dict(re.match(r'([A-Z_][A-Z0-9_]*)=(.*)', l.rstrip('\n')).groups()
           for l in open(sys.argv[2]) if re.match(r'[A-Z_][A-Z0-9_]*=', l))
services = config['services']
errors = []
def fail(msg): errors.append(msg)
def ports_of(service):
    """(host ip, published, target) of each published port, whichever syntax config printed."""
    for port in service.get('ports') or []:
        if isinstance(port, dict):
            yield port.get('host_ip', ''), str(port.get('published')), str(port.get('target'))
        else:
            parts = port.split('/')[0].split(':')
            yield (parts[0] if len(parts) == 3 else ''), parts[-2], parts[-1]

expected = {'postgres', 'redis', 'rabbitmq', 'gateway', 'worker', 'scheduler', 'scheduler-2',
            'frontend', 'nginx', 'pgadmin'}
if set(services) != expected:
    fail(f'services are {sorted(services)}, expected {sorted(expected)}')
profiles = {name: s.get('profiles') for name, s in services.items()}
for name in expected - {'nginx', 'pgadmin'}:
    if profiles.get(name):
        fail(f'{name} must run without a profile, has {profiles[name]}')
if profiles.get('nginx') != ['production']: fail('nginx must be in profile production only')
if profiles.get('pgadmin') != ['development']: fail('pgadmin must be in profile development only')

for name, s in services.items():
    if s.get('cap_drop') != ['ALL']: fail(f'{name}: cap_drop is not [ALL]')
    if s.get('cap_add'): fail(f'{name}: adds capabilities {s["cap_add"]}')
    if 'no-new-privileges:true' not in (s.get('security_opt') or []): fail(f'{name}: no no-new-privileges')
    if s.get('restart') not in ('unless-stopped', 'always'): fail(f'{name}: restart policy {s.get("restart")}')
    if not s.get('mem_limit'): fail(f'{name}: no memory limit')
    user = str(s.get('user', ''))
    if not user or user.split(':')[0] in ('root', '0'): fail(f'{name}: user {user!r} is not an unprivileged user')
    if s.get('read_only') is not True and name != 'pgadmin': fail(f'{name}: root filesystem is not read-only')
    if s.get('privileged'): fail(f'{name}: privileged')
    test = (s.get('healthcheck') or {}).get('test')
    if not test or test == ['NONE'] or (s.get('healthcheck') or {}).get('disable'):
        fail(f'{name}: no healthcheck')
    if 'tradebot-network' not in (s.get('networks') or {}): fail(f'{name}: not on tradebot-network')
    for host_ip, published, target in ports_of(s):
        if name != 'nginx' and host_ip != '127.0.0.1': fail(f'{name}: port {published} published beyond loopback')
        if target == '8081': fail(f'{name}: publishes the management port')
    if name in ('postgres', 'redis', 'rabbitmq') and s.get('ports'): fail(f'{name}: publishes a port')

backend = {'gateway': 'gateway', 'worker': 'worker', 'scheduler': 'scheduler', 'scheduler-2': 'scheduler'}
images = {services[n].get('image') for n in backend}
if len(images) != 1: fail(f'backend services use several images: {images}')
for name, role in backend.items():
    s = services[name]; e = s.get('environment') or {}
    if e.get('TRADEBOT_ROLES') != role: fail(f'{name}: TRADEBOT_ROLES={e.get("TRADEBOT_ROLES")}, expected {role}')
    if (s.get('build') or {}).get('dockerfile') != 'Dockerfile': fail(f'{name}: not built from the Dockerfile')
    for dep in ('postgres', 'redis', 'rabbitmq'):
        if ((s.get('depends_on') or {}).get(dep) or {}).get('condition') != 'service_healthy':
            fail(f'{name}: does not wait for {dep} to be healthy')
    want = {
        'DATABASE_URL': f"postgresql://tradebot_user:{env['POSTGRES_APP_PASSWORD']}@postgres:5432/tradebot_db",
        'REDIS_URL': f"redis://:{env['REDIS_PASSWORD']}@redis:6379/0",
        'RABBITMQ_URL': f"amqp://{env['RABBITMQ_USER']}:{env['RABBITMQ_PASSWORD']}@rabbitmq:5672/tradebot",
        'SECRET_KEY': env['SECRET_KEY'], 'FERNET_KEY': env['FERNET_KEY'], 'ALGORITHM': 'HS512',
        'ACCESS_TOKEN_EXPIRE_MINUTES': env['ACCESS_TOKEN_EXPIRE_MINUTES'], 'ENVIRONMENT': env['ENVIRONMENT'],
        'LOG_LEVEL': env['LOG_LEVEL'], 'FRONTEND_URL': env['FRONTEND_URL'],
        'AUDIT_RETENTION_DAYS': env['AUDIT_RETENTION_DAYS'], 'PORT': '8080',
    }
    for key, value in want.items():
        if str(e.get(key)) != value: fail(f'{name}: {key} is {e.get(key)!r}, expected {value!r}')
    test = ' '.join(s['healthcheck']['test'])
    probe = 'http://127.0.0.1:8080/health' if name == 'gateway' else 'http://127.0.0.1:8081/actuator/health/readiness'
    if probe not in test: fail(f'{name}: healthcheck {test!r} does not probe {probe}')
    if 'curl' in test: fail(f'{name}: healthcheck uses curl, which the JRE image lacks')
ids = {services[n]['environment'].get('TRADEBOT_INSTANCE_ID') for n in ('scheduler', 'scheduler-2')}
if len(ids) != 2 or None in ids: fail(f'the two schedulers need distinct TRADEBOT_INSTANCE_IDs, have {ids}')
for name in set(services) - set(backend):
    if any(k in (services[name].get('environment') or {}) for k in ('SECRET_KEY', 'FERNET_KEY', 'FERNET_KEYS')):
        fail(f'{name}: receives backend secrets')

nginx = services['nginx']
if {(p, t) for _, p, t in ports_of(nginx)} != {('80', '80'), ('443', '443')}:
    fail(f'nginx publishes {list(ports_of(nginx))}, expected 80 and 443')
for dep in ('frontend', 'gateway'):
    if ((nginx.get('depends_on') or {}).get(dep) or {}).get('condition') != 'service_healthy':
        fail(f'nginx does not wait for {dep} to be healthy')
volumes = ' '.join(str(v) for v in nginx.get('volumes', []))
if 'nginx/nginx.conf:/etc/nginx/nginx.conf' not in volumes and '/etc/nginx/nginx.conf' not in volumes:
    fail('nginx does not mount nginx/nginx.conf')
if '/etc/nginx/certs' not in volumes: fail('nginx does not mount the certificates')

# Least privilege: the backend is not the database superuser nor the broker's administrator.
postgres = services['postgres']; pg_env = postgres.get('environment') or {}
if pg_env.get('POSTGRES_USER') == 'tradebot_user': fail('postgres: the backend role tradebot_user is the superuser')
if pg_env.get('POSTGRES_APP_PASSWORD') != env['POSTGRES_APP_PASSWORD']: fail('postgres: POSTGRES_APP_PASSWORD not passed to the init script')
if not any('/docker-entrypoint-initdb.d/10-app-role.sh' in str(v) for v in postgres.get('volumes', [])):
    fail('postgres: the init script creating tradebot_user is not mounted')
rabbitmq = services['rabbitmq']; mq_env = rabbitmq.get('environment') or {}
if not str(rabbitmq.get('image', '')).startswith('rabbitmq:4'): fail(f'rabbitmq: image {rabbitmq.get("image")} is not RabbitMQ 4')
if mq_env.get('RABBITMQ_DEFAULT_VHOST') != 'tradebot': fail('rabbitmq: the backend user is not limited to vhost tradebot')
if not any('/etc/rabbitmq/conf.d/' in str(v) for v in rabbitmq.get('volumes', [])):
    fail('rabbitmq: the configuration that drops the administrator tag is not mounted')
redis = services['redis']
if (redis.get('environment') or {}).get('REDIS_PASSWORD') != env['REDIS_PASSWORD']: fail('redis: REDIS_PASSWORD not passed')
if '--requirepass' not in ' '.join(map(str, redis.get('command') or [])): fail('redis: runs without requirepass')
image = str(services['pgadmin'].get('image', ''))
version = re.match(r'dpage/pgadmin4:(\d+)\.(\d+)', image)
if not version or (int(version.group(1)), int(version.group(2))) < (9, 16): fail(f'pgadmin: {image} is not pinned to 9.16 or later')

frontend = services['frontend']
if ((frontend.get('depends_on') or {}).get('gateway') or {}).get('condition') != 'service_healthy':
    fail('frontend does not wait for the gateway to be healthy')
if env.get('VITE_API_URL', '') != '': fail('VITE_API_URL does not default to empty (same origin)')
if frontend['build'].get('dockerfile') != 'Dockerfile.prod': fail('frontend not built from Dockerfile.prod')
if frontend['build'].get('args', {}).get('VITE_API_URL') != env['VITE_API_URL']: fail('frontend: VITE_API_URL build argument not passed')

pgadmin = services['pgadmin']; pe = pgadmin.get('environment') or {}
if pe.get('PGADMIN_DEFAULT_EMAIL') != env['PGADMIN_DEFAULT_EMAIL'] or pe.get('PGADMIN_DEFAULT_PASSWORD') != env['PGADMIN_DEFAULT_PASSWORD']:
    fail('pgadmin: credentials are not the ones from .env')
if not any('servers.json' in str(v) for v in pgadmin.get('volumes', [])): fail('pgadmin: servers.json not mounted')
if ('127.0.0.1', env['PGADMIN_PORT'], '5050') not in set(ports_of(pgadmin)): fail('pgadmin: port 5050 not published on loopback')
for volume in ('postgres_data', 'redis_data', 'rabbitmq_data', 'pgadmin_data'):
    if volume not in (config.get('volumes') or {}): fail(f'named volume {volume} missing')
if (config.get('networks') or {}).get('tradebot-network', {}).get('driver') != 'bridge':
    fail('tradebot-network is not a bridge network')
print('\n'.join(errors)); sys.exit(1 if errors else 0)
PY
}

servers_json_rules() {
    "$PYTHON" - "$PROJECT/compose/pgadmin/servers.json" <<'PY'
import json, sys
servers = json.load(open(sys.argv[1]))['Servers'].values()
if not any(s.get('Host') == 'postgres' and s.get('MaintenanceDB') == 'tradebot_db'
           and s.get('Username') == 'tradebot_user' and s.get('Port') == 5432 for s in servers):
    sys.exit('servers.json does not register postgres:5432/tradebot_db as tradebot_user')
PY
}

resolved_pgadmin_only_rules() {
    "$PYTHON" - "$WORK/config.pgadmin-only.yml" "$PROJECT/.env" <<'PY'
import re, sys, yaml
services = yaml.safe_load(open(sys.argv[1]))['services']
env = dict(re.match(r'([A-Z_][A-Z0-9_]*)=(.*)', l.rstrip('\n')).groups()
           for l in open(sys.argv[2]) if re.match(r'[A-Z_][A-Z0-9_]*=', l))
errors = []
if list(services) != ['pgadmin']: errors.append(f'services are {list(services)}, expected only pgadmin')
s = services.get('pgadmin', {}); e = s.get('environment') or {}
if e.get('TRADEBOT_DB_HOST') != env['POSTGRES_HOST']: errors.append('POSTGRES_HOST not passed')
if 'host.docker.internal:host-gateway' not in (s.get('extra_hosts') or []): errors.append('no host-gateway entry')
if s.get('cap_drop') != ['ALL'] or 'no-new-privileges:true' not in (s.get('security_opt') or []):
    errors.append('not hardened')
if e.get('PGADMIN_DEFAULT_PASSWORD') != env['PGADMIN_DEFAULT_PASSWORD']: errors.append('credentials not from .env')
print('\n'.join(errors)); sys.exit(1 if errors else 0)
PY
}

missing_secret_fails() { # a required variable missing from .env stops `config`, naming it
    local variable
    for variable in POSTGRES_PASSWORD POSTGRES_APP_PASSWORD REDIS_PASSWORD RABBITMQ_PASSWORD SECRET_KEY FERNET_KEY; do
        grep -v "^$variable=" "$PROJECT/.env" > "$WORK/env.missing"
        if compose --env-file "$WORK/env.missing" -f "$MAIN" config > /dev/null 2> "$WORK/missing.err"; then
            echo "config succeeded without $variable"; return 1
        fi
        grep -q "$variable" "$WORK/missing.err" || { echo "error does not name $variable:"; cat "$WORK/missing.err"; return 1; }
    done
}

variables_documented() { # every variable the compose files interpolate, and every backend one, in .env.example
    "$PYTHON" - "$ROOT/.env.example" "$ROOT/compose/docker-compose.yml" "$ROOT/compose/docker-compose-pgadmin-only.yml" <<'PY'
import re, sys
documented = set(re.findall(r'^#?([A-Z_][A-Z0-9_]*)=', open(sys.argv[1]).read(), re.M))
used = set()
for path in sys.argv[2:]:
    # $${...} is the container's shell speaking, not Compose.
    used |= set(re.findall(r'(?<!\$)\$\{([A-Z_][A-Z0-9_]*)', open(path).read()))
backend = {'DATABASE_URL', 'REDIS_URL', 'RABBITMQ_URL', 'SECRET_KEY', 'FERNET_KEY', 'FERNET_KEYS', 'ALGORITHM',
           'ACCESS_TOKEN_EXPIRE_MINUTES', 'ENVIRONMENT', 'LOG_LEVEL', 'FRONTEND_URL', 'PORT',
           'TRADEBOT_ROLES', 'AUDIT_RETENTION_DAYS', 'TRADEBOT_INSTANCE_ID'}
missing = sorted((used | backend) - documented)
if missing:
    sys.exit('not in .env.example: ' + ' '.join(missing))
print(f'{len(used)} interpolated variables and {len(backend)} backend variables documented')
PY
}

check "resolved docker-compose.yml: services, profiles, hardening, healthchecks, wiring" resolved_main_rules
check "every variable the compose files and the backend read is in .env.example" variables_documented
ports_agree() { # the frontend's and the gateway's ports, as each file states them
    "$PYTHON" - "$ROOT" "$WORK/config.__profile_development___profile_production.yml" <<'PY'
import re, sys, yaml
root, config = sys.argv[1], yaml.safe_load(open(sys.argv[2]))['services']
read = lambda path: open(f'{root}/{path}').read()
frontend = {
    'frontend/nginx.conf listen': re.search(r'listen\s+(\d+)', read('frontend/nginx.conf')).group(1),
    'frontend/Dockerfile.prod EXPOSE': re.search(r'^EXPOSE\s+(\d+)', read('frontend/Dockerfile.prod'), re.M).group(1),
    'frontend/Dockerfile.prod HEALTHCHECK': re.search(r'127\.0\.0\.1:(\d+)/healthz', read('frontend/Dockerfile.prod')).group(1),
    'nginx/nginx.conf upstream': re.search(r'http://frontend:(\d+);', read('nginx/nginx.conf')).group(1),
    'compose healthcheck': re.search(r'127\.0\.0\.1:(\d+)/', ' '.join(config['frontend']['healthcheck']['test'])).group(1),
    'compose published target': str(config['frontend']['ports'][0]).split('/')[0].split(':')[-1],
}
gateway = {
    'nginx/nginx.conf upstream': re.search(r'http://gateway:(\d+);', read('nginx/nginx.conf')).group(1),
    'compose PORT': str(config['gateway']['environment']['PORT']),
    'compose published target': str(config['gateway']['ports'][0]).split('/')[0].split(':')[-1],
}
errors = [f'{name} ports disagree: {ports}' for name, ports in (('frontend', frontend), ('gateway', gateway))
          if len(set(ports.values())) != 1]
if frontend['frontend/nginx.conf listen'] == gateway['compose PORT']:
    errors.append('frontend and gateway share a port: the native topology test maps both names to 127.0.0.1')
print('\n'.join(errors)); sys.exit(1 if errors else 0)
PY
}
check "frontend and gateway ports agree across nginx.conf, Dockerfile.prod and compose" ports_agree
check "pgadmin/servers.json registers the tradebot server" servers_json_rules
check "resolved docker-compose-pgadmin-only.yml: existing Postgres from .env, hardened" resolved_pgadmin_only_rules
check "a required secret missing from .env fails docker-compose config, naming it" missing_secret_fails

# compose/postgres/10-app-role.sh as the postgres image runs it on a fresh volume (as the superuser,
# over the local socket), on a private cluster of this machine's PostgreSQL: the role it makes owns
# the database and its schema, creates tables, and is no superuser.
postgres_init_script() {
    local bin dir port
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [ -z "$bin" ] || ! id postgres >/dev/null 2>&1; then echo "no PostgreSQL server binaries or postgres user"; return 77; fi
    dir=$(mktemp -d /tmp/tradebot-pg-init.XXXXXX); chown postgres "$dir"
    port=$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_postgres() { runuser -u postgres -- "$@"; }
    local status=0
    {
        as_postgres "$bin/initdb" -D "$dir/data" -U postgres --auth=trust >/dev/null &&
        as_postgres "$bin/pg_ctl" -D "$dir/data" -w -l "$dir/log" -o "-p $port -k $dir -c listen_addresses=''" start >/dev/null &&
        psql -h "$dir" -p "$port" -U postgres -qc "create database tradebot_db" &&
        PGHOST=$dir PGPORT=$port POSTGRES_USER=postgres POSTGRES_DB=tradebot_db POSTGRES_APP_PASSWORD=app-secret \
            sh "$ROOT/compose/postgres/10-app-role.sh"
    } || status=1
    q() { psql -h "$dir" -p "$port" -v ON_ERROR_STOP=1 -qtAc "$@"; }
    if [ "$status" = 0 ]; then
        [ "$(q "select rolsuper, rolcreatedb, rolcreaterole from pg_roles where rolname = 'tradebot_user'" -U postgres -d postgres)" = "f|f|f" ] \
            || { echo "tradebot_user is a superuser or may create databases or roles"; status=1; }
        [ "$(q "select pg_get_userbyid(datdba) from pg_database where datname = 'tradebot_db'" -U postgres -d postgres)" = tradebot_user ] \
            || { echo "tradebot_db is not owned by tradebot_user"; status=1; }
        [ "$(q "select pg_get_userbyid(nspowner) from pg_namespace where nspname = 'public'" -U postgres -d tradebot_db)" = tradebot_user ] \
            || { echo "schema public is not owned by tradebot_user"; status=1; }
        q "create table flyway_probe (id int); alter table flyway_probe add column note text; drop table flyway_probe" -U tradebot_user -d tradebot_db \
            || { echo "tradebot_user cannot create and alter tables"; status=1; }
        if q "create database another_db" -U tradebot_user -d tradebot_db 2>/dev/null; then echo "tradebot_user created a database"; status=1; fi
        if q "copy (select 1) to program 'true'" -U tradebot_user -d tradebot_db 2>/dev/null; then echo "tradebot_user ran a program"; status=1; fi
    fi
    as_postgres "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1
    rm -rf "$dir"
    return $status
}
check "compose/postgres/10-app-role.sh: tradebot_user owns tradebot_db and its schema, is no superuser" postgres_init_script

# --- Dockerfiles --------------------------------------------------------------------------
dockerfiles_rules() {
    local file errors=0
    for file in "$ROOT/Dockerfile" "$ROOT/frontend/Dockerfile.prod"; do
        if grep -nEi '^[[:space:]]*(ENV|ARG)[[:space:]]+[A-Z_]*(PASSWORD|SECRET|FERNET|TOKEN|_KEY)[A-Z_]*[= ]' "$file"; then
            echo "$file: a secret-looking ENV/ARG"; errors=1
        fi
        # The last USER instruction decides who runs the container.
        local user
        user=$(grep -E '^USER[[:space:]]' "$file" | tail -n 1 | awk '{print $2}')
        case ${user%%:*} in
            ''|root|0) echo "$file: final stage runs as root"; errors=1 ;;
        esac
        grep -q '^HEALTHCHECK' "$file" || { echo "$file: no HEALTHCHECK"; errors=1; }
    done
    grep -q '^ENTRYPOINT \["java",.*"-jar", "/app/tradebot.jar"\]' "$ROOT/Dockerfile" \
        || { echo "Dockerfile: ENTRYPOINT is not java ... -jar /app/tradebot.jar"; errors=1; }
    # Dependency layer: the poms are copied and built before any source.
    local poms sources
    poms=$(grep -n '^COPY gateway/pom.xml' "$ROOT/Dockerfile" | cut -d: -f1)
    sources=$(grep -n '^COPY functions functions' "$ROOT/Dockerfile" | cut -d: -f1)
    [ -n "$poms" ] && [ -n "$sources" ] && [ "$poms" -lt "$sources" ] \
        || { echo "Dockerfile: poms are not copied before the sources"; errors=1; }
    for ignored in .env data nginx/certs; do
        # The root .dockerignore allows only the build inputs; none of these may be among them.
        if grep -qxF "!$ignored" "$ROOT/.dockerignore" || grep -qxF "!$ignored/" "$ROOT/.dockerignore"; then
            echo ".dockerignore lets $ignored into the build context"; errors=1
        fi
    done
    grep -qx '\*' "$ROOT/.dockerignore" || { echo ".dockerignore does not start from ignoring everything"; errors=1; }
    return $errors
}
check "Dockerfiles: no secret, non-root, healthcheck, dependency layer, java -jar /app/tradebot.jar" dockerfiles_rules

# --- nginx -------------------------------------------------------------------------------
# nginx/nginx.conf refers to certs/ next to itself: the file is copied, unchanged, next to
# throwaway certificates. gateway and frontend must resolve when nginx loads the file.
NGINX_DIR="$WORK/nginx"
mkdir -p "$NGINX_DIR/certs"
cp "$ROOT/nginx/nginx.conf" "$NGINX_DIR/nginx.conf"
# The self-signed certificate install.sh made: what --profile production starts with.
if [ -f "$PROJECT/nginx/certs/privkey.pem" ]; then
    cp "$PROJECT/nginx/certs/fullchain.pem" "$PROJECT/nginx/certs/privkey.pem" "$NGINX_DIR/certs/"
else
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=localhost" \
        -keyout "$NGINX_DIR/certs/privkey.pem" -out "$NGINX_DIR/certs/fullchain.pem" >/dev/null 2>&1
fi
# Both names on 127.0.0.1, as in the native topology test (different ports: 8080 and 3000).
{ cat /etc/hosts; echo "127.0.0.1 gateway frontend"; } > "$WORK/hosts"

have_namespaces=0
if unshare -mnpf true >/dev/null 2>&1; then have_namespaces=1; fi

# with_hosts <command...>: runs the command seeing $WORK/hosts as /etc/hosts.
with_hosts() {
    if [ "$have_namespaces" = 1 ]; then
        unshare -m sh -c 'mount --bind "$0" /etc/hosts && exec "$@"' "$WORK/hosts" "$@"
    else
        # Without namespaces: marked lines in /etc/hosts, removed again on exit.
        grep -qF "$HOSTS_MARK" /etc/hosts || printf '127.0.0.1 gateway frontend %s\n' "$HOSTS_MARK" >> /etc/hosts
        "$@"
    fi
}

nginx_t_edge() { with_hosts nginx -t -q -c "$NGINX_DIR/nginx.conf" -p "$WORK/" && cmp "$ROOT/nginx/nginx.conf" "$NGINX_DIR/nginx.conf"; }
nginx_t_frontend() { nginx -t -q -c "$ROOT/frontend/nginx.conf" -p "$WORK/"; }
check "nginx -t nginx/nginx.conf with the certificate install.sh made" nginx_t_edge
check "nginx -t frontend/nginx.conf" nginx_t_frontend

# nginx/nginx.conf serving requests: stub gateway on 127.0.0.1:8080, stub frontend on
# 127.0.0.1:3000, nginx on 80/443, all in fresh mount, network and pid namespaces (nothing
# outlives them, and the host's ports and /tmp are untouched).
nginx_serves() {
    if [ "$have_namespaces" = 0 ]; then echo "no unshare: namespaces unavailable" ; return 77; fi
    cat > "$WORK/smoke.py" <<'PY'
import http.client, json, os, socket, ssl, struct, subprocess, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

conf = sys.argv[1]
sse_seen_first = threading.Event()

# Docker's DNS as nginx sees it in Compose (127.0.0.11:53): A records of the service names.
# A recreated container is a new address for the same name.
addresses = {'gateway': '127.0.0.1', 'frontend': '127.0.0.1'}
dns_questions = []
def dns_server():
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(('127.0.0.11', 53))
    while True:
        query, client = sock.recvfrom(512)
        labels, i = [], 12
        while query[i]:
            labels.append(query[i + 1:i + 1 + query[i]].decode()); i += 1 + query[i]
        question = query[12:i + 5]
        name = '.'.join(labels).lower()
        dns_questions.append(name)
        qtype = struct.unpack('>H', query[i + 1:i + 3])[0]
        address = addresses.get(name) if qtype == 1 else None
        flags = 0x8180 if address or name in addresses else 0x8183
        answer = (struct.pack('>HHHLH', 0xC00C, 1, 1, 1, 4) + socket.inet_aton(address)) if address else b''
        sock.sendto(query[:2] + struct.pack('>HHHHH', flags, 1, 1 if address else 0, 0, 0) + question + answer, client)
threading.Thread(target=dns_server, daemon=True).start()

class Stub(BaseHTTPRequestHandler):
    def log_message(self, *args): pass
    def reply(self, status, body, content_type='application/json', extra=()):
        data = body.encode()
        self.send_response(status)
        self.send_header('Content-Type', content_type)
        self.send_header('Content-Length', str(len(data)))
        for k, v in extra: self.send_header(k, v)
        self.end_headers(); self.wfile.write(data)

class Gateway(Stub):
    def do_GET(self): self.handle_any()
    def do_POST(self): self.handle_any()
    def handle_any(self):
        length = int(self.headers.get('Content-Length') or 0)
        received = len(self.rfile.read(length)) if length else 0
        if self.path == '/api/events':
            self.send_response(200)
            self.send_header('Content-Type', 'text/event-stream')
            self.send_header('Cache-Control', 'no-cache')
            self.end_headers()
            self.wfile.write(b'data: one\n\n'); self.wfile.flush()
            # The second event is written only once the client has read the first: a
            # buffering proxy would hold the first back until the stream ends.
            second = b'data: two\n\n' if sse_seen_first.wait(20) else b'data: buffered\n\n'
            self.wfile.write(second); self.wfile.flush()
            self.close_connection = True
            return
        if self.path == '/api/big':
            return self.reply(200, json.dumps({'items': ['tradebot'] * 2000}))
        self.reply(200, json.dumps({
            'service': 'gateway', 'path': self.path, 'method': self.command, 'received': received,
            'x-forwarded-for': self.headers.get('X-Forwarded-For'),
            'x-forwarded-proto': self.headers.get('X-Forwarded-Proto'),
            'x-request-id': self.headers.get('X-Request-Id'),
        }), extra=[('X-Powered-By', 'stub'), ('Content-Security-Policy', 'from-upstream')])

class Frontend(Stub):
    def do_GET(self): self.reply(200, 'frontend:' + self.path, 'text/html')

class RecreatedGateway(Gateway):
    def do_GET(self): self.reply(200, json.dumps({'service': 'recreated gateway', 'path': self.path}))

for handler, address, port in ((Gateway, '127.0.0.1', 8080), (Frontend, '127.0.0.1', 3000),
                               (RecreatedGateway, '127.0.0.2', 8080)):
    server = ThreadingHTTPServer((address, port), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()

nginx_log = open('/tmp/nginx.log', 'w')
nginx = subprocess.Popen(['nginx', '-c', conf, '-p', os.path.dirname(conf) + '/', '-g', 'daemon off;'],
                         stdout=nginx_log, stderr=subprocess.STDOUT)
tls = ssl.create_default_context(); tls.check_hostname = False; tls.verify_mode = ssl.CERT_NONE
def request(method, path, body=None, headers=None, secure=True):
    conn = (http.client.HTTPSConnection('127.0.0.1', 443, context=tls, timeout=30) if secure
            else http.client.HTTPConnection('127.0.0.1', 80, timeout=30))
    conn.request(method, path, body=body, headers=headers or {})
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response, data
for _ in range(100):
    try:
        request('GET', '/nginx-health', secure=False); break
    except OSError:
        time.sleep(0.1)

errors = []
def expect(condition, message):
    if not condition: errors.append(message)

r, body = request('GET', '/nginx-health', secure=False)
expect(r.status == 200, f'GET http /nginx-health: {r.status}')
r, body = request('GET', '/some/page?x=1', secure=False)
expect(r.status == 301 and r.getheader('Location') == 'https://127.0.0.1/some/page?x=1',
       f'http is not redirected to https: {r.status} {r.getheader("Location")}')

r, body = request('GET', '/')
expect(r.status == 200 and body == b'frontend:/', f'GET / did not reach the frontend: {r.status} {body[:60]}')
csp = r.msg.get_all('Content-Security-Policy') or []
expect(len(csp) == 1 and "frame-ancestors 'none'" in csp[0] and "default-src 'self'" in csp[0], f'CSP: {csp}')
expect('max-age=' in (r.getheader('Strict-Transport-Security') or ''), 'no HSTS on TLS')
expect(r.getheader('X-Content-Type-Options') == 'nosniff', 'no X-Content-Type-Options: nosniff')
expect(bool(r.getheader('Referrer-Policy')), 'no Referrer-Policy')
r, body = request('GET', '/app/route/42')
expect(r.status == 200 and body == b'frontend:/app/route/42', 'SPA route not sent to the frontend')
r, body = request('GET', '/actuator/health')
expect(body.startswith(b'frontend:'), '/actuator must not reach the gateway')

r, body = request('GET', '/health')
expect(r.status == 200 and json.loads(body)['service'] == 'gateway', f'/health did not reach the gateway: {body[:80]}')
r, body = request('GET', '/api/bots?limit=5', headers={'X-Forwarded-For': '203.0.113.9'})
seen = json.loads(body) if r.status == 200 else {}
expect(seen.get('path') == '/api/bots?limit=5', f'/api/ did not reach the gateway unchanged: {r.status} {body[:80]}')
expect(seen.get('x-forwarded-for') == '127.0.0.1', f'X-Forwarded-For is {seen.get("x-forwarded-for")!r}, not the client address')
expect(seen.get('x-forwarded-proto') == 'https', 'X-Forwarded-Proto is not https')
expect(len(seen.get('x-request-id') or '') == 32, 'no X-Request-Id for the gateway')
expect(r.getheader('X-Powered-By') is None, 'upstream X-Powered-By leaks')
csp = r.msg.get_all('Content-Security-Policy') or []
expect(len(csp) == 1 and csp[0] != 'from-upstream', f'API responses carry CSP {csp}')
expect(r.getheader('Strict-Transport-Security') is not None, 'no HSTS on API responses')

r, body = request('POST', '/api/bots', body=b'x' * (6 * 1024 * 1024 - 64), headers={'Content-Type': 'text/csv'})
expect(r.status == 200 and json.loads(body)['received'] == 6 * 1024 * 1024 - 64, f'a body under 6 MiB was refused: {r.status}')
r, body = request('POST', '/api/bots', body=b'x' * (6 * 1024 * 1024 + 1), headers={'Content-Type': 'text/csv'})
expect(r.status == 413, f'a body over 6 MiB gave {r.status}, not 413')

r, body = request('GET', '/api/big', headers={'Accept-Encoding': 'gzip'})
expect(r.getheader('Content-Encoding') == 'gzip', 'JSON responses are not gzipped')

statuses = [request('POST', '/api/auth/login', body=b'{}')[0].status for _ in range(15)]
expect(statuses[0] == 200 and 429 in statuses, f'/api/auth/ is not rate limited: {statuses}')
statuses = [request('GET', '/api/bots')[0].status for _ in range(15)]
expect(429 not in statuses, f'the auth rate limit applies beyond /api/auth/: {statuses}')

conn = http.client.HTTPSConnection('127.0.0.1', 443, context=tls, timeout=40)
conn.request('GET', '/api/events', headers={'Accept': 'text/event-stream'})
stream = conn.getresponse()
events = []
while len(events) < 2:
    line = stream.fp.readline()
    if not line: break
    if line.startswith(b'data: '):
        events.append(line.strip().decode())
        sse_seen_first.set()
conn.close()
expect(events == ['data: one', 'data: two'], f'server-sent events are buffered: {events}')

# The gateway container is recreated with a new address: nginx finds it within its resolver's
# valid= time, without a restart.
expect('gateway' in dns_questions and 'frontend' in dns_questions, f'nginx did not ask the resolver: {dns_questions}')
addresses['gateway'] = '127.0.0.2'
deadline, seen = time.time() + 20, None
while time.time() < deadline:
    r, body = request('GET', '/health')
    seen = (r.status, body[:80])
    if r.status == 200 and json.loads(body).get('service') == 'recreated gateway':
        break
    time.sleep(1)
else:
    errors.append(f'after the gateway moved, nginx still answers {seen}')
r, body = request('GET', '/')
expect(r.status == 200 and body == b'frontend:/', 'the frontend is no longer reached after the gateway moved')

nginx.terminate(); nginx.wait(10)
if errors:
    print('nginx said (last lines):')
    print(''.join(open('/tmp/nginx.log').readlines()[-8:]))
    print('\n'.join(errors))
sys.exit(1 if errors else 0)
PY
    unshare -mnpf sh -c '
        set -e
        ip link set lo up
        mount --bind "$1/hosts" /etc/hosts
        mount --bind "$1" /mnt
        mount -t tmpfs tmpfs /tmp
        exec "$2" /mnt/smoke.py /mnt/nginx/nginx.conf' sh "$WORK" "$PYTHON"
}
check "nginx/nginx.conf serves: routing, TLS redirect, headers, 6 MiB limit, auth rate limit, SSE, re-resolved upstreams" nginx_serves

# The frontend image's two stages without Docker: the build script, then frontend/nginx.conf
# serving its output (SPA fallback, health endpoint, headers) as the image lays it out.
frontend_builds_and_serves() {
    if ! command -v npm >/dev/null 2>&1; then echo "npm not installed"; return 77; fi
    if [ "$have_namespaces" = 0 ]; then echo "no unshare: namespaces unavailable"; return 77; fi
    copy_tree "$WORK/frontend-copy" frontend
    local app="$WORK/frontend-copy/frontend"
    (cd "$app" && npm ci --ignore-scripts --no-audit --no-fund && VITE_API_URL=https://api.example.test npm run build) || return 1
    grep -rq 'https://api.example.test' "$app/dist/assets" || { echo "VITE_API_URL not compiled in"; return 1; }
    if (cd "$app" && VITE_API_URL='javascript:alert(1)' npm run build >/dev/null 2>&1); then
        echo "the build accepted a non-http VITE_API_URL"; return 1
    fi
    (cd "$app" && VITE_API_URL=https://api.example.test npm run build >/dev/null) || return 1
    mkdir -p /usr/share/nginx/html
    unshare -mnpf sh -c '
        set -e
        ip link set lo up
        mount --bind "$1/dist" /usr/share/nginx/html
        mount --bind "$1" /mnt
        mount -t tmpfs tmpfs /tmp
        nginx -c /mnt/nginx.conf -p /mnt/ -g "daemon off;" >/tmp/nginx.log 2>&1 &
        exec "$2" - <<"PY"
import http.client, sys, time
def get(path):
    for _ in range(100):
        try:
            c = http.client.HTTPConnection("127.0.0.1", 3000, timeout=10); c.request("GET", path)
            r = c.getresponse(); return r, r.read()
        except OSError:
            time.sleep(0.1)
    sys.exit("frontend nginx did not start: " + open("/tmp/nginx.log").read())
errors = []
r, body = get("/healthz")
if r.status != 200: errors.append(f"/healthz: {r.status}")
r, body = get("/")
if r.status != 200 or b"<title>TradeBot</title>" not in body: errors.append(f"/: {r.status}")
if r.getheader("X-Content-Type-Options") != "nosniff": errors.append("/: no nosniff")
if "frame-ancestors" not in (r.getheader("Content-Security-Policy") or ""): errors.append("/: no frame-ancestors")
if r.getheader("Cache-Control") != "no-cache": errors.append("/: index.html may be cached")
r, body = get("/bots/42/orders")
if r.status != 200 or b"<title>TradeBot</title>" not in body: errors.append(f"SPA route: {r.status}")
import re
css = re.search(rb"href=.(/assets/[^\x22]+[.]css)", get("/")[1])
r, body = get(css.group(1).decode()) if css else (None, b"")
if not r or r.status != 200 or "text/css" not in (r.getheader("Content-Type") or ""): errors.append("the stylesheet of index.html is not served as CSS")
elif "immutable" not in (r.getheader("Cache-Control") or ""): errors.append("a fingerprinted asset is not cached as immutable")
r, body = get("/assets/missing.js")
if r.status != 404: errors.append(f"a missing asset gave {r.status}, not 404")
print("\n".join(errors)); sys.exit(1 if errors else 0)
PY' sh "$app" "$PYTHON"
}
check "frontend: build (VITE_API_URL compiled in, bad value refused) and frontend/nginx.conf serving it" frontend_builds_and_serves

# --- summary -----------------------------------------------------------------------------
echo
if [ "$failed" -gt 0 ]; then
    echo "compose/check.sh: FAILED $failed of $((passed + failed)) checks ($skipped skipped): ${failures[*]}"
    exit 1
fi
echo "compose/check.sh: all $passed checks passed ($skipped skipped)"
