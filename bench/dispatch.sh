#!/usr/bin/env bash
# Hook dispatch: one mq_smtp_in_connect through the plugin host (JMH, bench/dispatch)
# beside the same plugin function called through a pointer from C (bench/direct/direct.c),
# and the crossing from Java into C alone, through JNI and through JNA.
# Prints a Markdown table. PROFILE=1 adds an async-profiler profile of the onWorker benchmark.
#   JMH_OPTS (default: 1 fork, 3 x 2 s warm-up, 5 x 2 s measurement)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${WORK:-$ROOT/target/bench-dispatch}
MVN=${MVN:-mvn}
JMH_OPTS=${JMH_OPTS:--f 1 -wi 3 -w 2s -i 5 -r 2s}
DIRECT_CALLS=${DIRECT_CALLS:-200000000}
HEADER="$ROOT/header/src/main/include"

rm -rf "$WORK"
mkdir -p "$WORK/plugins"
gcc -O2 -fPIC -shared -fvisibility=hidden -DMQ_MAILERQ_VERSION=30000 -I"$HEADER" -o "$WORK/plugins/every-hook.so" "$ROOT/bench/plugins/every-hook.c"
gcc -O2 -o "$WORK/direct" "$ROOT/bench/direct/direct.c" -ldl

(cd "$ROOT/bench/dispatch" && "$MVN" -B -q package) > "$WORK/build.log" 2>&1 \
  || { echo "building bench/dispatch failed, see $WORK/build.log" >&2; exit 1; }
CP="$ROOT/bench/dispatch/target/classes:$(cat "$ROOT/bench/dispatch/target/classpath.txt")"

# side by side: the C loop right before and right after JMH, the better of the two
direct_before=$("$WORK/direct" "$WORK/plugins/every-hook.so" "$DIRECT_CALLS")
# shellcheck disable=SC2086
java -cp "$CP" org.openjdk.jmh.Main 'DispatchBenchmark|CrossingBenchmark' $JMH_OPTS \
  -jvmArgsAppend "-Dbench.plugins=$WORK/plugins" -rf json -rff "$WORK/jmh.json" > "$WORK/jmh.log" 2>&1 \
  || { echo "JMH failed, see $WORK/jmh.log" >&2; exit 1; }
direct_after=$("$WORK/direct" "$WORK/plugins/every-hook.so" "$DIRECT_CALLS")
direct=$(printf '%s\n%s\n' "$direct_before" "$direct_after" | sort -g | head -1)

if [[ ${PROFILE:-0} == 1 ]]; then
  # itimer: perf events are often not available in virtual machines
  (cd "$WORK" && jar xf "$ROOT/bench/dispatch/target/async-profiler.jar" linux-x64/libasyncProfiler.so)
  # shellcheck disable=SC2086
  java -cp "$CP" org.openjdk.jmh.Main 'DispatchBenchmark.onWorker' $JMH_OPTS \
    -jvmArgsAppend "-Dbench.plugins=$WORK/plugins" \
    -prof "async:libPath=$WORK/linux-x64/libasyncProfiler.so;output=text;event=itimer;interval=100000;dir=$WORK/profile" \
    > "$WORK/profile.log" 2>&1 || true
  summary=$(find "$WORK/profile" -name 'summary-*.txt' 2>/dev/null | head -1)
  if [[ -n $summary ]]; then
    { echo "async-profiler (itimer) of onWorker, self time by frame:"
      awk '/ns  percent  samples  top/ { table = 1 } table && shown++ < 17' "$summary"; } > "$WORK/profile.txt"
  else
    echo "profiling failed, see $WORK/profile.log" > "$WORK/profile.txt"
  fi
fi

score() { python3 -c 'import json,sys
for b in json.load(open(sys.argv[1])):
    if b["benchmark"].endswith("." + sys.argv[2]):
        m = b["primaryMetric"]; print("%.1f %.1f" % (m["score"], m["scoreError"]))' "$WORK/jmh.json" "$1"; }
read -r on_worker on_worker_error <<< "$(score onWorker)"
read -r round_trip round_trip_error <<< "$(score roundTrip)"
read -r jni jni_error <<< "$(score jniCrossing)"
read -r jna jna_error <<< "$(score jnaCrossing)"

echo "Hook dispatch, mq_smtp_in_connect of one plugin returning false, $(nproc) cores, $(java -version 2>&1 | head -1)"
echo
echo "| call | ns/call | ± (99.9%) | vs direct |"
echo "|---|---:|---:|---:|"
awk -v d="$direct" 'BEGIN { printf "| direct: C function pointer (gcc -O2) | %.2f | - | 1× |\n", d }'
row() { # label score error
  awk -v d="$direct" -v l="$1" -v s="$2" -v e="$3" 'BEGIN { printf "| %s | %.1f | %.1f | %.0f× |\n", l, s, e, s / d }'
}
row "crossing: the JNI hook trampoline alone (JMH jniCrossing)" "$jni" "$jni_error"
row "crossing: the cheapest JNA direct call, for comparison (JMH jnaCrossing)" "$jna" "$jna_error"
row "host: Worker.run on the worker thread (JMH onWorker)" "$on_worker" "$on_worker_error"
row "host: Worker.run from another thread + join (JMH roundTrip)" "$round_trip" "$round_trip_error"
if [[ -f $WORK/profile.txt ]]; then echo; echo '```'; cat "$WORK/profile.txt"; echo '```'; fi
