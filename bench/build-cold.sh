#!/usr/bin/env bash
# Cold `mvn -o clean package` (target/ wiped, local repository warm) of the three projects that
# bench/build-time.sh generates (run it first): mqkit, nar and the plain jar yardstick.
# Prints a Markdown table: median, min and max of RUNS runs (default 7), round-robin.
set -euo pipefail

RUNS=${RUNS:-7}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${WORK:-$ROOT/target/bench}
MVN=${MVN:-mvn}
PROJECTS=(jar mqkit nar)
for p in "${PROJECTS[@]}"; do
  [[ -f $WORK/$p/pom.xml ]] || { echo "no $WORK/$p: run bench/build-time.sh first" >&2; exit 1; }
done

now() { date +%s%N; }
declare -A TIMES
for ((i = 1; i <= RUNS; i++)); do
  for p in "${PROJECTS[@]}"; do
    start=$(now)
    (cd "$WORK/$p" && "$MVN" -B -o -q clean package > "$WORK/$p-cold.log" 2>&1) \
      || { echo "cold build of $p failed, see $WORK/$p-cold.log" >&2; exit 1; }
    end=$(now)
    TIMES[$p]+="$(( (end - start) / 1000000 )) "
  done
done

stats() { # median min max of milliseconds
  tr ' ' '\n' <<< "$1" | grep . | sort -n | awk '{ v[NR] = $1 } END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%d %d %d", m, v[1], v[NR] }'
}
read -r jar_median jar_min _ <<< "$(stats "${TIMES[jar]}")"
echo "Cold \`mvn -o clean package\` (local repository warm), $RUNS runs each, $(nproc) cores"
echo
echo "| project | median | min | max | median vs jar | min vs jar |"
echo "|---|---:|---:|---:|---:|---:|"
for p in "${PROJECTS[@]}"; do
  read -r median min max <<< "$(stats "${TIMES[$p]}")"
  awk -v p="$p" -v m="$median" -v lo="$min" -v hi="$max" -v j="$jar_median" -v jm="$jar_min" \
    'BEGIN { printf "| %s | %.2f s | %.2f s | %.2f s | %.2f× | %.2f× |\n", p, m / 1000, lo / 1000, hi / 1000, m / j, lo / jm }'
done
