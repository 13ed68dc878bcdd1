#!/bin/sh
# Writes .env from .env.example with fresh secrets, readable by its owner only, and a self-signed
# TLS certificate for nginx (profile production) when TLS_CERTS_DIR holds none.
#   ./install.sh           keeps an existing .env and existing certificates
#   ./install.sh --force   replaces .env (the data volumes keep their old passwords: see below)
set -eu

usage() {
    echo "usage: $0 [--force]"
    echo "Writes .env from .env.example with fresh passwords and keys; keeps an existing .env unless --force."
    echo "Creates a self-signed certificate in TLS_CERTS_DIR when it holds no fullchain.pem and privkey.pem."
}

force=0
for arg in "$@"; do
    case $arg in
        -f|--force) force=1 ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
done

cd "$(dirname "$0")"

die() { echo "install.sh: $*" >&2; exit 1; }

[ -f .env.example ] || die ".env.example not found in $(pwd)"

# Compose reads .env from the directory of the compose file, so compose/.env points here.
link_compose_env() {
    [ -d compose ] || return 0
    if [ -L compose/.env ] || [ ! -e compose/.env ]; then
        ln -sf ../.env compose/.env
    else
        echo "install.sh: compose/.env is a file of its own; Compose reads it instead of .env" >&2
    fi
}

next_step() {
    echo "Next: docker compose -f compose/docker-compose.yml up -d"
    echo "      (add --profile development for pgAdmin, --profile production for nginx)"
}

# A self-signed certificate for nginx when TLS_CERTS_DIR (of .env, relative to compose/) has none,
# so that the production profile starts; browsers warn until a real one replaces it.
ensure_certificate() {
    dir=$(sed -n 's/^TLS_CERTS_DIR=//p' .env | tail -n 1)
    dir=${dir:-../nginx/certs}
    case $dir in /*) ;; *) dir=compose/$dir ;; esac
    if [ -f "$dir/fullchain.pem" ] && [ -f "$dir/privkey.pem" ]; then
        return 0
    fi
    if ! command -v openssl >/dev/null 2>&1; then
        echo "install.sh: no openssl: put fullchain.pem and privkey.pem into $dir before --profile production" >&2
        return 0
    fi
    mkdir -p "$dir"
    (umask 077; openssl req -x509 -newkey rsa:2048 -nodes -days 825 -sha256 -subj "/CN=localhost" \
        -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
        -keyout "$dir/privkey.pem" -out "$dir/fullchain.pem" >/dev/null 2>&1) \
        || die "openssl could not create a self-signed certificate in $dir"
    # nginx runs as uid/gid 101 in its container and reads the key through the bind mount.
    if [ "$(id -u)" = 0 ]; then
        chown 101:101 "$dir/privkey.pem" "$dir/fullchain.pem"
        chmod 600 "$dir/privkey.pem"
    else
        # Without root the file cannot be given to uid 101: readable by all, in a directory of ours.
        chmod 644 "$dir/privkey.pem"
        echo "install.sh: $dir/privkey.pem is readable by every local user (run as root to give it to uid 101 only)" >&2
    fi
    chmod 644 "$dir/fullchain.pem"
    echo "Created a self-signed certificate for localhost in $dir (browsers will warn)."
    echo "  A real one: put its fullchain.pem and privkey.pem in TLS_CERTS_DIR (readable by uid 101),"
    echo "  e.g. from certbot: /etc/letsencrypt/live/<domain>/, then: docker compose -f compose/docker-compose.yml restart nginx"
}

if [ -e .env ] && [ "$force" -eq 0 ]; then
    echo ".env already exists: kept unchanged (./install.sh --force writes a new one)."
    link_compose_env
    ensure_certificate
    next_step
    exit 0
fi

random_bytes() { # random_bytes <count>
    if command -v openssl >/dev/null 2>&1; then
        openssl rand "$1"
    else
        head -c "$1" /dev/urandom
    fi
}

base64_line() {
    if command -v openssl >/dev/null 2>&1; then
        openssl base64 -A
    else
        base64 | tr -d '\n'
    fi
}

# Hex: safe unquoted in .env and unescaped inside the connection URLs.
password() { random_bytes 24 | od -An -v -tx1 | tr -d ' \n'; }
# Url-safe base64 of 64 random bytes, no padding: 86 characters.
secret_key() { random_bytes 64 | base64_line | tr '+/' '-_' | tr -d '='; }
# A Fernet key: url-safe base64 of 32 random bytes, with padding: 44 characters.
fernet_key() { random_bytes 32 | base64_line | tr '+/' '-_'; }

POSTGRES_PASSWORD=$(password)
POSTGRES_APP_PASSWORD=$(password)
REDIS_PASSWORD=$(password)
RABBITMQ_PASSWORD=$(password)
PGADMIN_DEFAULT_PASSWORD=$(password)
SECRET_KEY=$(secret_key)
FERNET_KEY=$(fernet_key)
[ ${#POSTGRES_PASSWORD} -eq 48 ] && [ ${#SECRET_KEY} -eq 86 ] && [ ${#FERNET_KEY} -eq 44 ] \
    || die "could not generate random values (need openssl or /dev/urandom, od, base64)"
export POSTGRES_PASSWORD POSTGRES_APP_PASSWORD REDIS_PASSWORD RABBITMQ_PASSWORD PGADMIN_DEFAULT_PASSWORD SECRET_KEY FERNET_KEY

replaced=$(mktemp ./.env.XXXXXX)
trap 'rm -f "$replaced"' EXIT INT TERM
chmod 600 "$replaced"
# Values travel through the environment, so no character in them is special to awk.
awk '
    BEGIN { split("POSTGRES_PASSWORD POSTGRES_APP_PASSWORD REDIS_PASSWORD RABBITMQ_PASSWORD PGADMIN_DEFAULT_PASSWORD SECRET_KEY FERNET_KEY", names, " ") }
    {
        for (i in names) {
            if (index($0, names[i] "=") == 1) { print names[i] "=" ENVIRON[names[i]]; seen[names[i]] = 1; next }
        }
        print
    }
    END {
        for (i in names) if (!(names[i] in seen)) print names[i] "=" ENVIRON[names[i]]
    }
' .env.example > "$replaced"
mv -f "$replaced" .env
trap - EXIT INT TERM
chmod 600 .env
link_compose_env
ensure_certificate

echo "Wrote .env (mode 600) with fresh passwords, SECRET_KEY and FERNET_KEY."
if [ "$force" -eq 1 ]; then
    echo "Note: existing postgres_data and rabbitmq_data volumes keep the passwords they were created with;"
    echo "      remove them (docker compose -f compose/docker-compose.yml down -v) or set the old passwords back."
fi
echo "Review the other settings in .env (FRONTEND_URL, VITE_API_URL, TLS_CERTS_DIR, PGADMIN_DEFAULT_EMAIL)."
next_step
