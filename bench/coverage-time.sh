#!/usr/bin/env bash
# What -Dmailerq.coverage costs: `mvn -o verify` of the project `archetype:generate` makes (a C plugin, the
# exercise, three tests in one IT class), as a warm no-change build and as `clean verify`, plain and with
# coverage (a second compile, the instrumented plugin in the exercise's and the tests' runtimes, the report).
# Prints a Markdown table: median, min and max wall time of RUNS runs (default 5), round-robin so that load on
# the machine hits both alike, and the ratio of coverage to plain.
#
# Needs the toolkit and its archetype in the local repository:
#   mvn -pl mailerq-maven-plugin,archetype -am install -DskipTests
# or MVN_CONFIG, options for every build (written to the projects' .mvn/maven.config), e.g. the ITs' repository:
#   MVN_CONFIG="-Dmaven.repo.local=$PWD/it/target/local-repo -s $PWD/it/target/it-5.13/coverage/rerun-settings.xml"
set -euo pipefail

RUNS=${RUNS:-5}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${WORK:-$ROOT/target/bench-coverage}
MVN=${MVN:-mvn}
MVN_CONFIG=${MVN_CONFIG:-}
VERSION=$(grep -m1 -o '<version>[^<]*' "$ROOT/pom.xml" | sed 's/<version>//')
property() { grep -m1 -o "<$1>[^<]*" "$ROOT/pom.xml" | sed "s/<$1>//"; }

rm -rf "$WORK"
mkdir -p "$WORK"
# shellcheck disable=SC2086
(cd "$WORK" && "$MVN" $MVN_CONFIG -B -q "org.apache.maven.plugins:maven-archetype-plugin:$(property archetype.plugin.version):generate" \
  -DarchetypeGroupId=dev.mqkit -DarchetypeArtifactId=mailerq-plugin-archetype -DarchetypeVersion="$VERSION" \
  -DgroupId=bench -DartifactId=plain -Dversion=1.0 -Dpackage=bench -Dorder=20 -DinteractiveMode=false \
  -DarchetypeCatalog=internal > "$WORK/generate.log" 2>&1) \
  || { echo "archetype:generate failed, see $WORK/generate.log" >&2; exit 1; }
[ -n "$MVN_CONFIG" ] && echo "$MVN_CONFIG" >> "$WORK/plain/.mvn/maven.config"
# the same project, with -Dmailerq.coverage on every build
cp -r "$WORK/plain" "$WORK/coverage"
echo "-Dmailerq.coverage" >> "$WORK/coverage/.mvn/maven.config"

PROJECTS=(plain coverage)
source "$(dirname "$0")/timed-builds.sh"
warm_up clean verify
time_builds verify verify
declare -A WARM=()
for p in "${PROJECTS[@]}"; do WARM[$p]=${TIMES[$p]}; done
time_builds clean-verify clean verify

row() { # label project-times plain-times
  read -r median min max <<< "$(stats "$2")"
  read -r plain_median plain_min _ <<< "$(stats "$3")"
  awk -v l="$1" -v m="$median" -v lo="$min" -v hi="$max" -v pm="$plain_median" -v pl="$plain_min" \
    'BEGIN { printf "| %s | %.2f s | %.2f s | %.2f s | %.2f× | %.2f× |\n", l, m / 1000, lo / 1000, hi / 1000, m / pm, lo / pl }'
}
echo "\`mvn -o verify\` of the generated project, $RUNS runs each, round-robin, $(nproc) cores"
echo
echo "| build | median | min | max | median vs plain | min vs plain |"
echo "|---|---:|---:|---:|---:|---:|"
row "verify (warm, no change)" "${WARM[plain]}" "${WARM[plain]}"
row "verify -Dmailerq.coverage (warm, no change)" "${WARM[coverage]}" "${WARM[plain]}"
row "clean verify" "${TIMES[plain]}" "${TIMES[plain]}"
row "clean verify -Dmailerq.coverage" "${TIMES[coverage]}" "${TIMES[plain]}"
echo
grep -h -o "coverage of .*" "$WORK/coverage-warm.log" | head -1 || true
