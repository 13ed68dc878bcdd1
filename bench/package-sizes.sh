#!/usr/bin/env bash
# The Lambda packages' sizes (BENCHMARKS.md §2, "Package size"): for each package template.yaml deploys,
# its bytes (the figure the ≤ 40 MB aim is held to, in MB and MiB), its entries, and its compressed
# contents grouped by top package (unzip -v's compressed column), largest first.
#   bench/package-sizes.sh            the four packages of functions/target, TOP=25 groups each, DEPTH=3
#   JARS="a.jar b.jar" bench/package-sizes.sh   other packages (another build's, say)
set -euo pipefail
cd "$(dirname "$0")/.."
DEPTH=${DEPTH:-3}
TOP=${TOP:-25}
JARS=${JARS:-$(grep -o 'functions/target/tradebot-functions[a-z-]*\.jar' template.yaml | sort -u)}
for jar in $JARS; do
  [ -f "$jar" ] || { echo "$jar: missing (build with mvn -pl functions -am package)" >&2; exit 1; }
  bytes=$(stat -c %s "$jar")
  unzip -v "$jar" | awk -v jar="$jar" -v bytes="$bytes" -v depth="$DEPTH" -v top="$TOP" '
    NR > 3 && NF >= 8 && $1 ~ /^[0-9]+$/ {
      entries++; compressed += $3
      n = split($8, part, "/"); key = ""
      for (i = 1; i <= depth && i < n; i++) key = key part[i] "/"
      if (key == "") key = $8
      group[key] += $3
    }
    END {
      printf "%s: %d bytes (%.1f MB, %.1f MiB), %d entries, %d bytes compressed contents, %.1f MB zip headers\n",
        jar, bytes, bytes / 1e6, bytes / 1048576, entries, compressed, (bytes - compressed) / 1e6
      cmd = "sort -rn | head -" top
      for (k in group) printf "%10d  %s\n", group[k], k | cmd
      close(cmd)
    }'
done
