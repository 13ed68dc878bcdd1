#!/usr/bin/env bash
# The rule language benchmark of BENCHMARKS.md: compiled sma-cross against the built-in, same JVM,
# through the backtest engine. CANDLES, WARMUP, RUNS as bench/backtest.sh.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${OUT:-$ROOT/bench/target/rules-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT"
# The test classpath as the reactor resolves it (runtime from its target/, not from ~/.m2), printed by
# exec's %classpath: the dependency plugin needs artifacts an offline repository may not have.
(cd "$ROOT" && mvn -B -q ${MVN_OFFLINE:--o} -pl functions -am test-compile \
  org.codehaus.mojo:exec-maven-plugin:3.5.0:exec -Dexec.executable=echo -Dexec.args=%classpath \
  -Dexec.classpathScope=test -Dexec.outputFile="$OUT/classpath.txt")
CP=$(tr -d '\n' < "$OUT/classpath.txt")
cd "$ROOT/functions"
bash "$ROOT/bench/machine.sh" | tee "$OUT/machine.txt"
java -Xmx${HEAP:-2g} -Dcandles="${CANDLES:-1000000}" -DwarmUp="${WARMUP:-5}" -Druns="${RUNS:-10}" \
  -cp "$CP" app.tradebot.backtest.RulesBenchmark | tee "$OUT/rules.txt"
echo "loadavg after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/machine.txt"
