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
