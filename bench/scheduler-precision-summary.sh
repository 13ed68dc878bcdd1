#!/usr/bin/env bash
# scheduler-precision-summary.sh OUT START END [KILLED] [QUEUES]: the figures of a
# bench/scheduler-precision.sh run (which calls it at its end) from its directory OUT, for the ticks
# scheduled in (START, END] (Unix seconds). Run it by hand on a run still going to read the figures
# so far (START from OUT/window.txt, END = now). QUEUES: the rate(1 minute) queues (default: from
# OUT/schedules.tsv). Needs DATABASE_URL (the run's database) for the schedule_fires figures.
set -euo pipefail
OUT=$1
START=$2
END=$3
KILLED=${4:-none}
EVERY_MINUTE=${5:-$(awk -F'\t' '$2 == "rate(1 minute)" {print "schedule." $1}' "$OUT/schedules.tsv" | paste -sd' ')}
DURATION=$((END - START))
SUMMARY=${SUMMARY:-$OUT/summary.txt}

# Window: ticks scheduled in (START, END].
from=$(date -u -d @$START +%Y-%m-%dT%H:%M:%SZ)
to=$(date -u -d @$END +%Y-%m-%dT%H:%M:%SZ)

# Publish side, from the replicas' log lines.
for f in "$OUT"/replica-*.log; do
  name=$(basename "$f" .log); name=${name#replica-}
  sed -n 's/.*Schedule \([^ ]*\): fired tick \([^ ]*\) on \([^ ]*\) (execution \([^)]*\)), published (confirmed) \([0-9.]*\) ms after the tick, committed \([0-9.]*\) ms after.*/\1\t\2\t\3\t\4\t\5\t\6/p' "$f" \
    | awk -F'\t' -v r="$name" -v from="$from" -v to="$to" '$2 > from && $2 <= to {print r "\t" $0}'
done | sort -t$'\t' -k3,3 -k2,2 >"$OUT/fires-publish.tsv"
# Where each fire's time went (from the same lines): job, tick, claimed, sending from, all sent (ms after the tick).
for f in "$OUT"/replica-*.log; do
  sed -n 's/.*Schedule \([^ ]*\): fired tick \([^ ]*\) on .*(claimed \([-0-9.]*\), sending from \([-0-9.]*\), all sent \([-0-9.]*\)).*/\1\t\2\t\3\t\4\t\5/p' "$f" \
    | awk -F'\t' -v from="$from" -v to="$to" '$2 > from && $2 <= to'
done | sort -t$'\t' -k2,2 -k1,1 >"$OUT/fires-steps.tsv"

psql "$DATABASE_URL" -qAtF$'\t' -c "select job, to_char(scheduled_time at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), instance,
    round(extract(epoch from fired_at - scheduled_time) * 1000, 3)
  from scheduler.schedule_fires where scheduled_time > to_timestamp($START) and scheduled_time <= to_timestamp($END)
  order by scheduled_time, job" >"$OUT/fires-db.tsv"

# Consumer side: delay of arrival, ticks scheduled in the window only.
awk -F'\t' -v from="$from" -v to="$to" '$5 > from && $5 <= to' "$OUT/consumer.tsv" >"$OUT/consumer-window.tsv" || true

# stats NAME: p50 / p99 / max (nearest rank) of the numbers on stdin.
stats() {
  sort -g | awk -v name="$1" '{v[NR] = $1} END {
    if (NR == 0) { printf "%s: no samples\n", name; exit }
    p50 = v[int(NR * 0.50 + 0.999999)]; p99 = v[int(NR * 0.99 + 0.999999)]
    printf "%s: n=%d p50=%.1f ms p99=%.1f ms max=%.1f ms\n", name, NR, p50, p99, v[NR] }'
}

{
  echo "commit: $(cat "$OUT/commit.txt" 2>/dev/null)"
  echo "window: $from .. $to ($DURATION s), replicas bench-a, bench-b; killed: ${KILLED:-none}"
  echo "loadavg 1-min over the run: $(awk '{s += $2; if ($2 > m) m = $2; n++} END {printf "mean %.2f, max %.2f, samples %d", s / n, m, n}' "$OUT/loadavg.tsv")"
  echo "loadavg at start: $(head -1 "$OUT/loadavg.tsv" | cut -d' ' -f2-), at end: $(tail -1 "$OUT/loadavg.tsv" | cut -d' ' -f2-)"
  echo
  echo "rate(1 minute) schedules: $(echo $EVERY_MINUTE | wc -w) ($EVERY_MINUTE)"
  jobs_re=$(echo $EVERY_MINUTE | sed 's/schedule\.//g; s/ /|/g')
  awk -F'\t' -v re="^($jobs_re)$" '$4 ~ ("^schedule\\.") { q = $4; sub(/^schedule\./, "", q); if (q ~ re) print $6 }' "$OUT/fires-publish.tsv" \
    | stats "publish side, scheduled -> confirmed (rate(1 minute) fires)"
  awk -F'\t' -v re="^($jobs_re)$" '{ q = $4; sub(/^schedule\./, "", q); if (q ~ re) print $7 }' "$OUT/fires-publish.tsv" \
    | stats "publish side, scheduled -> committed  (rate(1 minute) fires)"
  cut -f6 "$OUT/fires-publish.tsv" | stats "publish side, scheduled -> confirmed (all schedules' fires)"
  # Steady state: leave out the first two minutes of the window (replicas just started, code not yet compiled).
  steady=$(date -u -d @$((START + 120)) +%Y-%m-%dT%H:%M:%SZ)
  awk -F'\t' -v re="^($jobs_re)$" -v s="$steady" '{ q = $4; sub(/^schedule\./, "", q); if (q ~ re && $3 > s) print $6 }' "$OUT/fires-publish.tsv" \
    | stats "publish side, scheduled -> confirmed (rate(1 minute) fires, ticks after $steady)"
  cut -f3 "$OUT/fires-steps.tsv" | stats "  step: claim done (negative: before the tick)"
  cut -f4 "$OUT/fires-steps.tsv" | stats "  step: first send began (wake-up precision)"
  cut -f5 "$OUT/fires-steps.tsv" | stats "  step: all the instant's messages sent"
  awk -F'\t' '{print $4}' "$OUT/fires-db.tsv" | stats "database, scheduled -> claimed (all fires)"
  awk -F'\t' '{split($5, t, /[-T:Z]/); }
    { cmd = "date -u -d " $5 " +%s"; cmd | getline s; close(cmd); printf "%.3f\n", ($1 / 1000) - s * 1000 }' \
    "$OUT/consumer-window.tsv" | stats "consumer side, scheduled -> received (all messages)"
  echo
  echo "fires per replica (log lines): $(cut -f1 "$OUT/fires-publish.tsv" | sort | uniq -c | awk '{printf "%s %d; ", $2, $1}')"
  echo "fires in schedule_fires: $(wc -l <"$OUT/fires-db.tsv"); by instance: $(cut -f3 "$OUT/fires-db.tsv" | sort | uniq -c | awk '{printf "%s %d; ", $2, $1}')"
  echo "messages received: $(wc -l <"$OUT/consumer-window.tsv")"
  echo "double fires (same queue + scheduledTime received more than once): $(cut -f2,5 "$OUT/consumer-window.tsv" | sort | uniq -d | wc -l)"
  echo "double fires in the logs (same job + tick fired twice): $(cut -f2,3 "$OUT/fires-publish.tsv" | sort | uniq -d | wc -l)"
  # Gaps: every minute of the window on every rate(1 minute) queue.
  first=$(( (START / 60 + 1) * 60 )); gaps=0
  for q in $EVERY_MINUTE; do
    for ((t = first; t <= END; t += 60)); do
      ts=$(date -u -d @$t +%Y-%m-%dT%H:%M:%SZ)
      if ! awk -F'\t' -v q="$q" -v ts="$ts" '$2 == q && $5 == ts {found = 1} END {exit !found}' "$OUT/consumer-window.tsv"; then
        echo "gap: $q $ts"; gaps=$((gaps + 1))
      fi
    done
  done
  echo "gaps (a rate(1 minute) tick of the window never received): $gaps"
  echo
  echo "slowest ticks (tick, slowest confirmed fire in ms, replica):"
  awk -F'\t' '{ if ($6 > m[$3]) { m[$3] = $6; r[$3] = $1 } } END { for (t in m) printf "  %s %.1f %s\n", t, m[t], r[t] }' \
    "$OUT/fires-publish.tsv" | sort -k2 -g -r | head -5
} | tee "$SUMMARY" >&2
