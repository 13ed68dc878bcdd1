#!/usr/bin/env bash
# Backtest benchmark (issue 5): sma-cross 10/30 over CANDLES candles (the real 4h BTC series
# repeated with shifted times) in our engine and in ta4j 0.17's BarSeriesManager, one thread each,
# then optimisation throughput (1,000 parameter sets over the 20,695 real candles). Each mode runs
# in a fresh JVM with the same flags; /usr/bin/time records its peak RSS.
#
# Settings (environment): CANDLES (1000000), WARMUP (5), RUNS (10), HEAP (-Xmx, 4g),
# QUIET_LOAD / QUIET_WAIT (wait until the one-minute load average is that low, as gateway-me.sh),
# OUT (the results directory). The candles come from functions/src/test/resources/candles.
#
# Never run from CI: the figures depend on the machine.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${OUT:-$ROOT/bench/target/backtest-$(date -u +%Y%m%dT%H%M%SZ)}
CANDLES=${CANDLES:-1000000}
WARMUP=${WARMUP:-5}
RUNS=${RUNS:-10}
HEAP=${HEAP:-4g}

log() { echo "[backtest] $*" >&2; }

rm -rf "$OUT"
mkdir -p "$OUT"
"$ROOT/bench/machine.sh" >"$OUT/machine.txt"

log "compiling the test classes"
# One reactor run, so the runtime module resolves to its classes; the functions module writes the file last.
(cd "$ROOT" && mvn -B -q -pl functions -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$OUT/classpath.txt")
CP=$ROOT/functions/target/test-classes:$ROOT/functions/target/classes:$(cat "$OUT/classpath.txt")

if [ -n "${QUIET_LOAD:-}" ]; then
  "$ROOT/bench/wait-for-quiet.sh" "$QUIET_LOAD" "${QUIET_WAIT:-600}" || true
fi

for mode in engine ta4j optimize; do
  log "$mode (load $(cut -d' ' -f1-3 /proc/loadavg))"
  echo "loadavg.before=$(cut -d' ' -f1-3 /proc/loadavg)" >"$OUT/$mode.txt"
  (cd "$ROOT/functions" && /usr/bin/time -f 'peakRssMiB=%M' -o "$OUT/$mode.time" \
    java -Xmx"$HEAP" -Dcandles="$CANDLES" -DwarmUp="$WARMUP" -Druns="$RUNS" -cp "$CP" \
    app.tradebot.backtest.BacktestBenchmark "$mode") >>"$OUT/$mode.txt"
  awk -F= '/peakRssMiB/ {printf "peakRssMiB=%.0f\n", $2 / 1024}' "$OUT/$mode.time" >>"$OUT/$mode.txt"
  echo "loadavg.after=$(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT/$mode.txt"
  sed "s/^/$mode./" "$OUT/$mode.txt" >>"$OUT/summary.txt"
done
cat "$OUT/summary.txt"
log "results in $OUT"
