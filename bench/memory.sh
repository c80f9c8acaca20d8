#!/usr/bin/env bash
# Memory under many concurrent large messages: the same smtp-source load of SESSIONS concurrent
# connections, each sending messages of SIZE bytes, into
#   runtime  - the standalone runtime without plugins (bodies past smtp-spool-threshold go to spool files), with the
#              options it prints with --jvm-options, and once more with the JVM's default heap sizing
#   postfix  - a private Postfix instance
# each relaying to one smtp-sink on loopback. Reports the peak memory of each MTA while it receives and relays.
# Prints a Markdown table. Needs root (postfix runs as root, smtp-sink -u postfix).
#   MESSAGES (default 300), SESSIONS (concurrent connections, default 100), SIZE (bytes, default 10485760)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${WORK:-$ROOT/target/bench-memory}
MESSAGES=${MESSAGES:-300}
SESSIONS=${SESSIONS:-100}
SIZE=${SIZE:-10485760}
LIMIT=${LIMIT:-600}   # seconds the load may take
JAR=${JAR:-$ROOT/mailerq-runtime/target/mailerq-runtime-0.1.0-SNAPSHOT-standalone.jar}
# shellcheck source=mta.sh
source "$ROOT/bench/mta.sh"

rm -rf "$WORK"
mkdir -p "$WORK/empty-plugins" "$WORK/spool"

start_sink 1024

ROWS=()
# load name port rss-lister...: the load into port, with the peak PSS of the processes listed while it runs
load() {
  local name=$1 port=$2; shift 2
  echo 0 > "$WORK/$name.rss"
  sample_rss "$WORK/$name.rss" "$@" &
  SAMPLER=$!
  send_load "$name" "$port"
  kill "$SAMPLER" 2>/dev/null || true; wait "$SAMPLER" 2>/dev/null || true; SAMPLER=""
  ROWS+=("$name $DELIVERED $DRAINED $(cat "$WORK/$name.rss")")
}

# --- the runtime, limits opened up for the load: with its JVM options, then with the JVM's default sizing ----
# smtp-max-inflight room for every connection's message at once: a received body is text in the heap until it is
# delivered, and without it the options' heap (104 MB, a quarter of it for bodies) answers 452 4.3.1 to most of
# the load, which smtp-source takes as fatal; --jvm-options adds it to the heap
runtime=(--plugin-directory "$WORK/empty-plugins" --smarthost 127.0.0.1 --smarthost-port "$SINK" --delivery-starttls false
  --smtp-max-message-size "$((SIZE + 65536))" --smtp-max-connections-per-ip "$((SESSIONS + 10))"
  --smtp-max-inflight "$((SESSIONS * (SIZE + 65536)))" --smtp-spool-directory "$WORK/spool")
for name in runtime runtime-jvm-defaults; do
  options=()
  [[ $name == runtime ]] && read -r -a options <<< "$(java -jar "$JAR" --jvm-options "${runtime[@]}")"
  port=$(free_port)
  java "${options[@]}" -jar "$JAR" "${runtime[@]}" --smtp-port "$port" > "$WORK/$name.log" 2>&1 &
  pid=$!
  PIDS+=($pid)
  wait_port "$port" 60
  load "$name" "$port" echo "$pid"
  hwm=$(awk '/^VmHWM/ { print $2 }' "/proc/$pid/status")
  ROWS[-1]+=" $hwm $(grep -c 'OutOfMemoryError' "$WORK/$name.log" || true)"
  kill "$pid"; wait "$pid" 2>/dev/null || true
done

# --- postfix, its size limit and process limit opened up alike ----------------------
POSTFIX_DIR="$WORK/postfix"
port=$(free_port)
start_postfix "$POSTFIX_DIR" "$port" "$SINK" "message_size_limit = $((SIZE + 65536))
default_process_limit = $((SESSIONS + 10))
smtpd_client_connection_count_limit = $((SESSIONS + 10))"
wait_port "$port" 30
load postfix "$port" postfix_pids "$POSTFIX_DIR"
ROWS[-1]+=" - -"
postfix -c "$POSTFIX_DIR/etc" stop >/dev/null 2>&1 || true
POSTFIX_DIR=""

echo "$MESSAGES messages of $SIZE bytes over $SESSIONS concurrent connections (smtp-source) relayed to smtp-sink, $(nproc) cores"
echo
echo "| MTA | delivered | all delivered | peak PSS (sum, sampled) | VmHWM | OutOfMemoryError |"
echo "|---|---:|---:|---:|---:|---:|"
for row in "${ROWS[@]}"; do
  read -r name count took rss hwm oom <<< "$row"
  awk -v n="$name" -v c="$count" -v t="$took" -v r="$rss" -v h="$hwm" -v o="$oom" 'BEGIN {
    printf "| %s | %d | %.1f s | %.0f MB | %s | %s |\n", n, c, t / 1000, r / 1024, (h == "-" ? "-" : sprintf("%.0f MB", h / 1024)), o }'
done
echo
echo "runtime: java \$(java -jar ... --jvm-options ...) -jar ...: $(java -jar "$JAR" --jvm-options "${runtime[@]}")"
echo
echo "Peak PSS: the MTA's processes sampled every 100 ms (Postfix's summed); the runtime keeps bodies past"
echo "smtp-spool-threshold (1M) in spool files and at most smtp-max-inflight (here room for every connection's message; by"
echo "default a quarter of its heap) of messages being received; it sends a body a piece at a time."
