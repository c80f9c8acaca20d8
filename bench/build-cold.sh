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

echo "Cold \`mvn -o clean package\` (local repository warm), $RUNS runs each, $(nproc) cores"
echo
echo "| project | median | min | max | median vs jar | min vs jar |"
echo "|---|---:|---:|---:|---:|---:|"
ratio_rows
