#!/usr/bin/env bash
# CPU time of one access token check: this release's verifier against the nimbus-jose-jwt one it
# replaced, alternated in one JVM, timed with the thread's CPU clock (bench/token-verify/TokenVerify.java).
# Needs functions/target/tradebot-functions.jar and the functions module's dependencies (mvn -B -DskipTests
# package first). Settings: ROUNDS (20), PER_ROUND (50000). Prints key=value lines.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
CP=$(cd "$ROOT" && mvn -B -q -pl functions dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=runtime)
CP=$ROOT/functions/target/tradebot-functions.jar:$CP
javac -proc:none -d "$OUT" -cp "$CP" "$ROOT/bench/token-verify/TokenVerify.java"
echo "loadavg.before=$(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$OUT:$CP" app.tradebot.auth.TokenVerify "${ROUNDS:-20}" "${PER_ROUND:-50000}"
echo "loadavg.after=$(cut -d' ' -f1-3 /proc/loadavg)"
