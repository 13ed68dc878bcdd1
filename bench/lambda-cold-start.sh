#!/usr/bin/env bash
# Lambda cold start: a fresh JVM with only functions/target/tradebot-functions-aws.jar (and the
# LambdaColdStart stand-in for Lambda's Java runtime) on the class path, FunctionInvoker with
# SPRING_CLOUD_FUNCTION_DEFINITION=me, one HTTP API v2 event for a real user, until the answer.
#
# Variants, RUNS fresh JVMs each, in interleaved rounds (hyperfine measures the wall time,
# LambdaColdStart the time from the JVM's own start mark to the answer):
#   j17-default  Java 17 with default JVM settings (the JDK's own CDS archive of JDK classes only);
#   j17-appcds   plus a dynamic AppCDS archive of this function, made by one training run
#                (-XX:ArchiveClassesAtExit) and used with -XX:SharedArchiveFile;
#   j25-default  Java 25 (JAVA25, default: Temurin 25 if installed) with default JVM settings;
#   j25-aot      Java 25 with the JDK's AOT cache (JEP 483/514/515), made by one training run
#                (-XX:AOTCacheOutput) and used with -XX:AOTCache: classes loaded and linked, plus
#                the training run's method profiles.
# The Java 25 variants are left out when no JAVA25 is found. VARIANTS (space-separated) picks a subset.
# JVM flags are template.yaml's Globals JAVA_TOOL_OPTIONS, as Lambda would apply them.
# Results go to bench/target/lambda-cold-start-<UTC time>/ (summary.txt, samples, hyperfine JSON, logs).
#
# Settings (environment): DATABASE_URL, REDIS_URL, RABBITMQ_URL (defaults: database tradebot_bench,
# Redis db 0, vhost /, all on 127.0.0.1), RUNS (5), USER_ID (an existing user; else one is registered),
# JAVA25, VARIANTS, QUIET_LOAD / QUIET_WAIT (as in gateway-me.sh), OUT (the results directory).
#
# Build first (mvn -B -DskipTests package). Never run from CI: the figures depend on the machine.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
AWS_JAR=$ROOT/functions/target/tradebot-functions-aws.jar
DEPLOY_JAR=$ROOT/functions/target/tradebot-functions-deploy-aws.jar
JAVA17=${JAVA17:-java}
JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
OUT=${OUT:-$ROOT/bench/target/lambda-cold-start-$(date -u +%Y%m%dT%H%M%SZ)}
RUNS=${RUNS:-5}
export DATABASE_URL=${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/tradebot_bench}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/0}
export RABBITMQ_URL=${RABBITMQ_URL:-amqp://guest:guest@127.0.0.1:5672/%2F}
export ENVIRONMENT=production
export SPRING_CLOUD_STREAM_FUNCTION_AUTODETECT=false
JAVA_TOOL_OPTIONS=$(sed -n 's/^ *JAVA_TOOL_OPTIONS: *//p' "$ROOT/template.yaml" | head -1)
export JAVA_TOOL_OPTIONS
unset MAIN_CLASS

log() { echo "[lambda-cold-start] $*" >&2; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

for tool in java javac jar hyperfine jq psql; do
  command -v $tool >/dev/null || { log "$tool is needed"; exit 1; }
done
for jar in "$AWS_JAR" "$DEPLOY_JAR"; do
  [ -f "$jar" ] || { log "$jar is missing: build first (mvn -B -DskipTests package)"; exit 1; }
done
psql "$DATABASE_URL" -qAtc 'select 1' >/dev/null || { log "cannot reach $DATABASE_URL (create the database first)"; exit 1; }

rm -rf "$OUT"
mkdir -p "$OUT/classes"
"$ROOT/bench/machine.sh" >"$OUT/machine.txt"
export SECRET_KEY=$(head -c 96 /dev/urandom | base64 -w0 | tr -d '/+=' | head -c 96)
export FERNET_KEY=$(head -c 32 /dev/urandom | base64 -w0 | tr '+/' '-_')

# The stand-in for Lambda's runtime goes in a jar of its own: CDS archives classes from jars only.
javac -d "$OUT/classes" -cp "$AWS_JAR" "$ROOT/bench/LambdaColdStart.java"
jar cf "$OUT/lambda-cold-start.jar" -C "$OUT/classes" .
CP=$AWS_JAR:$OUT/lambda-cold-start.jar

# lambda DEFINITION EVENT_FILE ANSWER_FILE [JVM flags...]: one fresh JVM (JAVA_BIN, default Java 17;
# class path LAMBDA_CP, default the main package), one invocation.
lambda() {
  local definition=$1 event=$2 answer=$3
  shift 3
  SPRING_CLOUD_FUNCTION_DEFINITION=$definition "${JAVA_BIN:-$JAVA17}" "$@" -cp "${LAMBDA_CP:-$CP}" LambdaColdStart "$event" "$answer"
}

# The schema, as a deploy does it: the migrate function, from the deploy package (the others carry no Flyway).
echo '{}' >"$OUT/migrate-event.json"
log "migrating through FunctionInvoker (migrate, deploy package)"
LAMBDA_CP=$DEPLOY_JAR:$OUT/lambda-cold-start.jar lambda migrate "$OUT/migrate-event.json" "$OUT/migrate-answer.json" \
  >"$OUT/migrate.log" 2>&1 || true
grep -q '"status":"SUCCESS"\|migrationsExecuted' "$OUT/migrate-answer.json" 2>/dev/null \
  || { log "migrate failed: see $OUT/migrate.log"; exit 1; }

# A real user, registered through the same Lambda jar.
if [ -z "${USER_ID:-}" ]; then
  cat >"$OUT/register-event.json" <<EOF
{"version":"2.0","routeKey":"POST /api/auth/register","rawPath":"/api/auth/register","rawQueryString":"",
 "headers":{"content-type":"application/json","user-agent":"tradebot-bench"},
 "requestContext":{"http":{"method":"POST","path":"/api/auth/register","protocol":"HTTP/1.1",
   "sourceIp":"203.0.113.7","userAgent":"tradebot-bench"},"requestId":"bench-register",
   "routeKey":"POST /api/auth/register","stage":"\$default"},
 "body":"{\"email\":\"bench-$(date +%s)-$RANDOM@example.com\",\"password\":\"bench password $RANDOM$RANDOM\"}",
 "isBase64Encoded":false}
EOF
  log "registering a user through FunctionInvoker (register)"
  lambda register "$OUT/register-event.json" "$OUT/register-answer.json" >"$OUT/register.log" 2>&1 \
    || { log "register failed: see $OUT/register.log"; exit 1; }
  USER_ID=$(jq -r '.body | fromjson | .id' "$OUT/register-answer.json")
fi
sed "s/@USER_ID@/$USER_ID/" "$ROOT/bench/me-event.json" >"$OUT/me-event.json"
log "user $USER_ID"

# The answer must be the user, not an error that happens to be fast.
lambda me "$OUT/me-event.json" "$OUT/me-answer.json" >"$OUT/page-cache-warmup.log" 2>&1 \
  || { log "me failed: see $OUT/page-cache-warmup.log"; exit 1; }
[ "$(jq -r '.body | fromjson | .id' "$OUT/me-answer.json")" = "$USER_ID" ] \
  || { log "me did not answer with the user: $(cat "$OUT/me-answer.json")"; exit 1; }

# Variants: name, Java, JVM flags.
ALL_VARIANTS=(j17-default j17-appcds)
if [ -x "$JAVA25" ]; then
  ALL_VARIANTS+=(j25-default j25-aot)
else
  log "no Java 25 at $JAVA25 (set JAVA25): its variants are left out"
fi
read -r -a VARIANTS <<<"${VARIANTS:-${ALL_VARIANTS[*]}}"
declare -A JAVA_OF=([j17-default]=$JAVA17 [j17-appcds]=$JAVA17 [j25-default]=$JAVA25 [j25-aot]=$JAVA25)
declare -A FLAGS=([j17-default]=""
  [j17-appcds]="-XX:SharedArchiveFile=$OUT/me.jsa" [j25-default]="" [j25-aot]="-XX:AOTCache=$OUT/me.aot")

# Training runs: the classes one cold start of `me` loads, archived at exit (AppCDS), or the AOT cache
# the JVM writes at exit (Java 25's one-step training, -XX:AOTCacheOutput).
: >"$OUT/summary.txt"
if [[ " ${VARIANTS[*]} " == *" j17-appcds "* ]]; then
  log "training the AppCDS archive (Java 17)"
  lambda me "$OUT/me-event.json" "$OUT/answer-training.json" -XX:ArchiveClassesAtExit="$OUT/me.jsa" \
    >"$OUT/cds-training.log" 2>&1 || { log "training failed: see $OUT/cds-training.log"; exit 1; }
  [ -s "$OUT/me.jsa" ] || { log "no archive written: see $OUT/cds-training.log"; exit 1; }
  echo "cdsArchiveBytes=$(stat -c %s "$OUT/me.jsa")" >>"$OUT/summary.txt"
fi
if [[ " ${VARIANTS[*]} " == *" j25-aot "* ]]; then
  log "training the AOT cache (Java 25)"
  JAVA_BIN=$JAVA25 lambda me "$OUT/me-event.json" "$OUT/answer-aot-training.json" -XX:AOTCacheOutput="$OUT/me.aot" \
    >"$OUT/aot-training.log" 2>&1 || { log "training failed: see $OUT/aot-training.log"; exit 1; }
  [ -s "$OUT/me.aot" ] || { log "no AOT cache written: see $OUT/aot-training.log"; exit 1; }
  echo "aotCacheBytes=$(stat -c %s "$OUT/me.aot")" >>"$OUT/summary.txt"
fi

# How many classes each variant loads, and of them from an archive: one extra, unmeasured start per variant.
count_shared() {
  local name=$1
  JAVA_BIN=${JAVA_OF[$name]} lambda me "$OUT/me-event.json" "$OUT/answer-classload-$name.json" \
    -Xlog:class+load=info:file="$OUT/classload-$name.txt" ${FLAGS[$name]} >"$OUT/classload-$name.log" 2>&1 \
    || { log "class-load count for $name failed"; exit 1; }
  echo "$name.classesLoaded=$(grep -c 'source:' "$OUT/classload-$name.txt")" >>"$OUT/summary.txt"
  echo "$name.classesFromArchive=$(grep -c 'source: shared objects file' "$OUT/classload-$name.txt")" >>"$OUT/summary.txt"
}

echo "runs=$RUNS" >>"$OUT/summary.txt"
echo "javaToolOptions=$JAVA_TOOL_OPTIONS" >>"$OUT/summary.txt"
echo "java17=$("$JAVA17" -version 2>&1 | grep -m1 version)" >>"$OUT/summary.txt"
[ ! -x "$JAVA25" ] || echo "java25=$("$JAVA25" -version 2>&1 | grep -m1 version)" >>"$OUT/summary.txt"
echo "package.bytes=$(stat -c %s "$AWS_JAR")" >>"$OUT/summary.txt"
for name in "${VARIANTS[@]}"; do
  count_shared "$name"
done

# sample NAME ROUND: one fresh JVM of a variant under hyperfine (wall time); LambdaColdStart appends
# its own line (time from the JVM's start mark to the answer, load average) to samples-NAME.txt.
sample() {
  local name=$1 round=$2
  hyperfine -N --runs 1 --export-json "$OUT/hyperfine-$name-$round.json" --output=null \
    "${JAVA_OF[$name]} ${FLAGS[$name]} -cp $CP LambdaColdStart $OUT/me-event.json $OUT/answer-$name.json $OUT/samples-$name.txt" \
    >>"$OUT/hyperfine.log" 2>&1 || { log "$name round $round failed: see $OUT/hyperfine.log"; exit 1; }
}

median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

[ -z "${QUIET_LOAD:-}" ] || "$ROOT/bench/wait-for-quiet.sh" "$QUIET_LOAD" "${QUIET_WAIT:-1800}"
export SPRING_CLOUD_FUNCTION_DEFINITION=me
echo "measure.loadavg.before=$(loadavg)" >>"$OUT/summary.txt"
# Rounds interleave the variants, so a burst of load from elsewhere hits all of them alike.
for round in $(seq 1 "$RUNS"); do
  for name in "${VARIANTS[@]}"; do
    log "round $round: $name"
    sample "$name" "$round"
  done
done
echo "measure.loadavg.after=$(loadavg)" >>"$OUT/summary.txt"

for name in "${VARIANTS[@]}"; do
  [ "$(wc -l <"$OUT/samples-$name.txt")" -eq "$RUNS" ] || { log "$name: a run did not answer 2xx"; exit 1; }
  wall=$(for round in $(seq 1 "$RUNS"); do
    jq -r '.results[0].times[0] * 1000 | round' "$OUT/hyperfine-$name-$round.json"
  done)
  inside=$(sed 's/.*jvmStartToAnswerMs=\([0-9]*\).*/\1/' "$OUT/samples-$name.txt")
  {
    echo "$name.java=${JAVA_OF[$name]}"
    echo "$name.flags=${FLAGS[$name]}"
    echo "$name.inProcessMs=$(echo "$inside" | paste -sd' ')"
    echo "$name.inProcessMedianMs=$(echo "$inside" | median)"
    echo "$name.wallMs=$(echo "$wall" | paste -sd' ')"
    echo "$name.wallMedianMs=$(echo "$wall" | median)"
    echo "$name.loadavgPerRun=$(sed 's/.*loadavg=\([0-9.]*\).*/\1/' "$OUT/samples-$name.txt" | paste -sd' ')"
  } >>"$OUT/summary.txt"
done

log "done: $OUT/summary.txt"
cat "$OUT/machine.txt" "$OUT/summary.txt"
for name in "${VARIANTS[@]}"; do
  echo "--- $name samples"
  cat "$OUT/samples-$name.txt"
done
