#!/usr/bin/env bash
# Builds the web app into the gateway's classes, or runs its unit tests (both run by Maven from
# gateway/pom.xml: the build before the gateway's resources, the tests with the gateway's tests):
#   frontend/build-for-jar.sh <output directory>
#   frontend/build-for-jar.sh --test
# With the machine's Node.js and npm; without Node.js 20 or later it stops and says so.
set -euo pipefail
out=${1:?usage: build-for-jar.sh <output directory> | --test}
cd "$(dirname "$0")"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "The TradeBot web app needs Node.js 20 or later and npm to build, and they are not installed." >&2
  echo "Install them (Debian/Ubuntu: apt-get install nodejs npm), or build without the app: -Dtradebot.webapp.skip=true" >&2
  exit 1
fi
major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 20 ]; then
  echo "The TradeBot web app needs Node.js 20 or later to build; this machine has $(node --version)." >&2
  echo "Install a newer Node.js, or build without the app: -Dtradebot.webapp.skip=true" >&2
  exit 1
fi

# npm ci only when the installed packages are not the locked ones.
if ! cmp -s package-lock.json node_modules/.package-lock.json.ci 2>/dev/null; then
  npm ci --no-audit --no-fund
  cp package-lock.json node_modules/.package-lock.json.ci
fi
if [ "$out" = --test ]; then
  npm test
else
  npm run build -- --outDir "$out" --emptyOutDir
fi
