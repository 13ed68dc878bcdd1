# Sourced by compose/check.sh and compose/topology-test.sh: installs the tools they share when
# missing (Debian packages) and sets PYTHON to a python3 that can import yaml.
apt_updated=0
need() { # need <command> <debian package>
    command -v "$1" >/dev/null 2>&1 && return 0
    if [ "$apt_updated" = 0 ]; then apt-get update -qq >/dev/null; apt_updated=1; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$2" >/dev/null
}
need docker-compose docker-compose
need nginx nginx
need openssl openssl
PYTHON=""
for candidate in /usr/bin/python3 python3; do
    if "$candidate" -c 'import yaml' >/dev/null 2>&1; then PYTHON=$candidate; break; fi
done
if [ -z "$PYTHON" ]; then
    need python3 python3; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-yaml >/dev/null; PYTHON=/usr/bin/python3
fi
