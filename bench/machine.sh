#!/usr/bin/env bash
# Prints what BENCHMARKS.md records about the machine a run happened on.
set -euo pipefail
echo "date:         $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "kernel:       $(uname -sr)"
echo "nproc:        $(nproc)"
echo "cpu model:    $(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "memory:       $(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
echo "jdk:          $(java -version 2>&1 | grep -v '^Picked up' | sed -n '1,2p' | paste -sd';' | sed 's/;/; /')"
echo "loadavg:      $(cut -d' ' -f1-3 /proc/loadavg)"
