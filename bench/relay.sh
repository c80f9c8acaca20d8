#!/usr/bin/env bash
# Relay throughput: the same smtp-source load into
#   runtime/every-hook     - the standalone runtime with a plugin exporting every hook (all return false)
#   runtime/timer-handback - the runtime with a plugin handing back from MQ_TimerStart(ctx, 0, ...)
#   runtime/every-hook, JVM defaults - the first without the JVM options the runtime prints with --jvm-options
#   runtime/every-hook, RabbitMQ - the first with its queues on the local RabbitMQ broker (durable queues,
#                          persistent messages, publisher confirms before the 250); memory: runtime plus broker
#   runtime/every-hook, RabbitMQ, result queues off ("rabbit-mailerq") - the same configured as a MailerQ 5.13
#                          installation is by default: rabbitmq-results, -success, -failure, -retry and
#                          -refused empty (off), so a mail is one publication in and one delivery out
#   postfix                - a private Postfix instance
# each relaying to one smtp-sink on loopback (the smarthost / relayhost).
# Per-message latency comes from a tcpdump capture of lo (latency.py).
# Prints a Markdown table. Needs root (postfix runs as root, smtp-sink -u postfix, tcpdump).
#   MESSAGES (default 2000), SESSIONS (concurrent connections, default 20), SIZE (bytes, default 1024),
#   VARIANTS (default "every timer every-defaults rabbit rabbit-mailerq"), RABBIT_OPTIONS (more runtime options for the RabbitMQ lines),
#   RABBIT_JVM_OPTIONS (more JVM options for the RabbitMQ lines, e.g. -XX:StartFlightRecording=filename=...)
# It also prints, over the measured load, the CPU seconds of the runtime's JVM and, on RabbitMQ, of the
# broker's Erlang VM and the AMQP traffic of the runtime's connection per message (socket reads and writes, kB).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${WORK:-$ROOT/target/bench-relay}
MESSAGES=${MESSAGES:-2000}
SESSIONS=${SESSIONS:-20}
SIZE=${SIZE:-1024}
LIMIT=${LIMIT:-300}   # seconds any one phase may take
VARIANTS=${VARIANTS:-every timer every-defaults rabbit rabbit-mailerq}
BENCH_VHOST=mqkit-bench-relay
JAR=${JAR:-$ROOT/mailerq-runtime/target/mailerq-runtime-0.1.0-SNAPSHOT-standalone.jar}
HEADER="$ROOT/header/src/main/include"
# shellcheck source=mta.sh
source "$ROOT/bench/mta.sh"
# shellcheck source=../.ci/packages.sh
source "$ROOT/.ci/packages.sh"

rm -rf "$WORK"
mkdir -p "$WORK/plugins-every" "$WORK/plugins-timer"
gcc -O2 -fPIC -shared -fvisibility=hidden -DMQ_MAILERQ_VERSION=30000 -I"$HEADER" -o "$WORK/plugins-every/every-hook.so" "$ROOT/bench/plugins/every-hook.c"
gcc -O2 -fPIC -shared -fvisibility=hidden -DMQ_MAILERQ_VERSION=30000 -I"$HEADER" -o "$WORK/plugins-timer/timer-handback.so" "$ROOT/bench/plugins/timer-handback.c"

# --- the sink ----------------------------------------------------------------
start_sink 256

# a capture on lo of the MTA's port and the sink's, for per-message latency (latency.py)
start_capture() { # file port
  tcpdump -i lo -n -s 0 -B 131072 -Z root -w "$1" "tcp port $2 or tcp port $SINK" 2> "$1.log" &
  CAPTURE=$!
  for ((i = 0; i < 100; i++)); do grep -q 'listening on' "$1.log" 2>/dev/null && return 0; sleep 0.1; done
  echo "tcpdump did not start, see $1.log" >&2
  return 1
}
stop_capture() { # file: prints the packets the kernel dropped
  sleep 1 # tcpdump stops without reading what is still in its kernel buffer
  kill -INT "$CAPTURE" 2>/dev/null || true; wait "$CAPTURE" 2>/dev/null || true; CAPTURE=""
  awk '/dropped by kernel/ { print $1 }' "$1.log"
}

ROWS=()
# run_load name port rss-lister...: smtp-source into port, wait until the sink has them all
run_load() {
  local name=$1 port=$2; shift 2
  local file=$WORK/$(tr '/ ,' '---' <<< "$name")
  echo 0 > "$file.rss"
  sample_rss "$file.rss" "$@" &
  SAMPLER=$!
  start_capture "$file.pcap" "$port"
  send_load "$name" "$port"
  kill "$SAMPLER" 2>/dev/null || true; wait "$SAMPLER" 2>/dev/null || true; SAMPLER=""
  local dropped latency
  dropped=$(stop_capture "$file.pcap")
  ((${dropped:-0} == 0)) || echo "$name: the capture missed $dropped packets; latency is over the messages it saw" >&2
  latency=$(python3 "$ROOT/bench/latency.py" "$file.pcap" "$port" "$SINK")
  ROWS+=("${name// /_} $DELIVERED $ACCEPTED $DRAINED $(cat "$file.rss") $latency")
}

# --- the runtime, once per plugin directory, with its JVM options and once with the JVM's defaults --------
# the broker's processes (the Erlang VM and its helpers), for the memory of the RabbitMQ line
broker_pids() { pgrep -d ' ' -f 'beam.smp|epmd|erl_child_setup|inet_gethost' || true; }
# CPU seconds (utime + stime) a process has used so far
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"; }
# packets and bytes the broker received from and sent to the bench vhost's connections so far
amqp_traffic() { rabbitmqctl -q list_connections vhost recv_cnt send_cnt recv_oct send_oct 2>/dev/null |
  awk -v vhost="$BENCH_VHOST" '$1 == vhost { r += $2; s += $3; ro += $4; so += $5 } END { print r + 0, s + 0, ro + 0, so + 0 }'; }
CPU_ROWS=()
for variant in $VARIANTS; do
  plugins=$WORK/plugins-${variant%-defaults}
  [[ $variant == rabbit* ]] && plugins=$WORK/plugins-every
  name="runtime/$([[ $variant == timer ]] && echo timer-handback || echo every-hook)"
  # the plugins are built for 3.0 (-DMQ_MAILERQ_VERSION=30000), and the runtime plays 5.13 unless told
  runtime=(--mailerq-version 3.0 --plugin-directory "$plugins" --smarthost 127.0.0.1 --smarthost-port "$SINK"
           --delivery-starttls false)
  options=()
  if [[ $variant == rabbit* ]]; then
    # a fresh vhost: durable queues and persistent messages are the defaults, confirms always on
    start_rabbitmq
    rabbitmqctl -q delete_vhost "$BENCH_VHOST" >/dev/null 2>&1 || true
    rabbitmqctl -q add_vhost "$BENCH_VHOST"
    rabbitmqctl -q set_permissions -p "$BENCH_VHOST" guest '.*' '.*' '.*'
    runtime+=(--rabbitmq-host localhost --rabbitmq-vhost "$BENCH_VHOST") # 3.0's keys
    read -r -a extra <<< "${RABBIT_OPTIONS:-}" # e.g. "--rabbitmq-persistent 0", to see what the disk costs
    runtime+=("${extra[@]}")
    name+=", RabbitMQ"
    if [[ $variant == rabbit-mailerq ]]; then
      runtime+=(--rabbitmq-results= --rabbitmq-success= --rabbitmq-failure= --rabbitmq-retry= --rabbitmq-refused=)
      name+=", result queues off"
    fi
  fi
  if [[ $variant == *-defaults ]]; then
    name+=", JVM defaults"
  else
    read -r -a options <<< "$(java -jar "$JAR" --jvm-options "${runtime[@]}")"
  fi
  if [[ $variant == rabbit* ]]; then
    read -r -a extra <<< "${RABBIT_JVM_OPTIONS:-}"
    options+=("${extra[@]}")
  fi
  port=$(free_port)
  java "${options[@]}" -jar "$JAR" "${runtime[@]}" --smtp-port "$port" > "$WORK/runtime-$variant.log" 2>&1 &
  pid=$!
  PIDS+=($pid)
  wait_port "$port" 60
  # warm-up: the JIT, the connection pool; not counted
  timeout 60 smtp-source -m 200 -s "$SESSIONS" -l "$SIZE" -f w@bench.example -t w@sink.example "127.0.0.1:$port" >/dev/null 2>&1 || true
  sleep 1
  jvm0=$(cpu_seconds "$pid")
  if [[ $variant == rabbit* ]]; then
    beam=$(pgrep -o -f beam.smp)
    beam0=$(cpu_seconds "$beam"); read -r rc0 sc0 ro0 so0 <<< "$(amqp_traffic)"
    run_load "$name" "$port" bash -c "echo $pid; $(declare -f broker_pids); broker_pids"
    beam1=$(cpu_seconds "$beam"); read -r rc1 sc1 ro1 so1 <<< "$(amqp_traffic)"
  else
    run_load "$name" "$port" echo "$pid"
    beam0=0 beam1=0 rc0=0 rc1=0 sc0=0 sc1=0 ro0=0 ro1=0 so0=0 so1=0
  fi
  jvm1=$(cpu_seconds "$pid")
  CPU_ROWS+=("$(awk -v n="$name" -v m="$MESSAGES" -v j="$(echo "$jvm1 - $jvm0" | bc)" -v b="$(echo "$beam1 - $beam0" | bc)" \
    -v broker="$([[ $variant == rabbit* ]] && echo 1 || echo 0)" \
    -v rc=$((rc1 - rc0)) -v sc=$((sc1 - sc0)) -v ro=$((ro1 - ro0)) -v so=$((so1 - so0)) 'BEGIN {
    if (broker) printf "| %s | %.1f s | %.1f s | %.2f ms | %.2f ms | %.1f / %.1f | %.1f / %.1f kB |", n, j, b,
      j * 1000 / m, (j + b) * 1000 / m, rc / m, sc / m, ro / m / 1024, so / m / 1024
    else printf "| %s | %.1f s | - | %.2f ms | %.2f ms | - | - |", n, j, j * 1000 / m, j * 1000 / m }')")
  hwm=$(awk '/^VmHWM/ { print $2 }' "/proc/$pid/status")
  ROWS[-1]+=" $hwm"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  [[ $variant == rabbit* ]] && { rabbitmqctl -q delete_vhost "$BENCH_VHOST" >/dev/null 2>&1 || true; }
done

# --- postfix -------------------------------------------------------------------
POSTFIX_DIR="$WORK/postfix"
port=$(free_port)
start_postfix "$POSTFIX_DIR" "$port" "$SINK"
wait_port "$port" 30
warm=$(sink_count); warm=${warm:-0}
timeout 60 smtp-source -m 200 -s "$SESSIONS" -l "$SIZE" -f w@bench.example -t w@sink.example "127.0.0.1:$port" >/dev/null 2>&1 || true
# wait for the warm-up to drain
for ((i = 0; i < 600; i++)); do
  c=$(sink_count); (( ${c:-0} - warm >= 200 )) && break
  sleep 0.1
done
run_load postfix "$port" postfix_pids "$POSTFIX_DIR"
ROWS[-1]+=" -"
postfix -c "$POSTFIX_DIR/etc" stop >/dev/null 2>&1 || true
POSTFIX_DIR=""

# --- table -----------------------------------------------------------------------
echo "Relay of $MESSAGES messages of $SIZE bytes over $SESSIONS concurrent connections (smtp-source) to smtp-sink, $(nproc) cores"
echo
echo "| MTA | delivered | all accepted | all delivered | msgs/s (delivered) | accept p50 / p99 | relay p50 / p99 | timed | peak PSS (sum, sampled) | VmHWM | msgs/s vs postfix | peak PSS vs postfix |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
read -r _ postfix_count _ postfix_drained postfix_rss _ <<< "${ROWS[-1]}"
for row in "${ROWS[@]}"; do
  read -r name count accepted drained rss timed accept50 accept99 relay50 relay99 hwm <<< "$row"
  awk -v n="${name//_/ }" -v c="$count" -v a="$accepted" -v d="$drained" -v r="$rss" -v h="$hwm" -v t="$timed" \
      -v a50="$accept50" -v a99="$accept99" -v r50="$relay50" -v r99="$relay99" \
      -v pc="$postfix_count" -v pd="$postfix_drained" -v pr="$postfix_rss" 'BEGIN {
    printf "| %s | %d | %.2f s | %.2f s | %.0f | %s / %s ms | %s / %s ms | %d | %.0f MB | %s | %.2f× | %.2f× |\n", n, c,
      a / 1000, d / 1000, c / (d / 1000), a50, a99, r50, r99, t, r / 1024, (h == "-" ? "-" : sprintf("%.0f MB", h / 1024)),
      (c / d) / (pc / pd), r / pr }'
done
echo
echo "accept: the client's end of DATA to the MTA's reply; relay: the client's end of DATA to smtp-sink's reply"
echo "to the relayed copy; per message, matched by Message-Id in a capture of lo (timed: messages matched)."
echo "The runtime runs with the options java -jar ... --jvm-options prints: $(java -jar "$JAR" --jvm-options)"
echo "On RabbitMQ the peak PSS is the runtime's plus the broker's (beam.smp and its helpers); VmHWM is the runtime's alone."
echo
echo "Over the measured load: CPU (utime + stime) of the runtime's JVM and of the broker's Erlang VM, and what the broker"
echo "received from and sent to the runtime's connection (socket reads and writes, bytes), per message."
echo
echo "| MTA | CPU of the JVM | CPU of the broker (beam.smp) | JVM CPU per message | CPU per message (JVM + broker) | AMQP socket reads / writes of the broker per message | AMQP bytes per message, to / from the broker |"
echo "|---|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${CPU_ROWS[@]}"
