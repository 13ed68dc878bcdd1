#!/usr/bin/env bash
# The rule language benchmark of BENCHMARKS.md: compiled sma-cross against the built-in, same JVM,
# through the backtest engine. CANDLES, WARMUP, RUNS as bench/backtest.sh.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${OUT:-$ROOT/bench/target/rules-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT"
(cd "$ROOT" && mvn -B -q -pl functions -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$OUT/classpath.txt")
CP=$ROOT/functions/target/test-classes:$ROOT/functions/target/classes:$(cat "$OUT/classpath.txt")
cd "$ROOT/functions"
java -Xmx${HEAP:-2g} -Dcandles="${CANDLES:-1000000}" -DwarmUp="${WARMUP:-5}" -Druns="${RUNS:-10}" \
  -cp "$CP" app.tradebot.backtest.RulesBenchmark | tee "$OUT/rules.txt"
