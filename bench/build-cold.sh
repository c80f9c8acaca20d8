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

source "$(dirname "$0")/timed-builds.sh"
time_builds cold clean package

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
