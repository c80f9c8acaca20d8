# timed-builds.sh - sourced by the build benchmarks: RUNS round-robin Maven runs in each of
# PROJECTS (folders under WORK), so that load on the machine hits all alike, and their statistics.

# time_builds LABEL MAVEN-ARGS...: fills TIMES[project] with the milliseconds of each run
time_builds() {
  local label=$1 i p start end
  shift
  declare -gA TIMES=()
  for ((i = 1; i <= RUNS; i++)); do
    for p in "${PROJECTS[@]}"; do
      start=$(date +%s%N)
      (cd "$WORK/$p" && "$MVN" -B -o -q "$@" > "$WORK/$p-$label.log" 2>&1) \
        || { echo "$label build of $p failed, see $WORK/$p-$label.log" >&2; exit 1; }
      end=$(date +%s%N)
      TIMES[$p]+="$(( (end - start) / 1000000 )) "
    done
  done
}

# stats MILLISECONDS...: "median min max"
stats() {
  tr ' ' '\n' <<< "$1" | grep . | sort -n | awk '{ v[NR] = $1 } END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%d %d %d", m, v[1], v[NR] }'
}

# warm_up MAVEN-ARGS...: one build of each project online (downloads), then one offline, so that the timed
# runs change nothing; the logs are WORK/PROJECT-first.log and WORK/PROJECT-warm.log
warm_up() {
  local p
  for p in "${PROJECTS[@]}"; do
    (cd "$WORK/$p" && "$MVN" -B "$@" > "$WORK/$p-first.log" 2>&1) \
      || { echo "first build of $p failed, see $WORK/$p-first.log" >&2; exit 1; }
    (cd "$WORK/$p" && "$MVN" -B -o "$@" > "$WORK/$p-warm.log" 2>&1)
  done
}

# ratio_rows: a Markdown row per project of TIMES: median, min, max, and the median and min against jar's
ratio_rows() {
  local p median min max jar_median jar_min
  read -r jar_median jar_min _ <<< "$(stats "${TIMES[jar]}")"
  for p in "${PROJECTS[@]}"; do
    read -r median min max <<< "$(stats "${TIMES[$p]}")"
    awk -v p="$p" -v m="$median" -v lo="$min" -v hi="$max" -v j="$jar_median" -v jm="$jar_min" \
      'BEGIN { printf "| %s | %.2f s | %.2f s | %.2f s | %.2f× | %.2f× |\n", p, m / 1000, lo / 1000, hi / 1000, m / j, lo / jm }'
  done
}
