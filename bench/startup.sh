#!/usr/bin/env bash
# Start-up: the time from the start command to the first 220 on the SMTP port (first220.py) of
#   runtime (JVM defaults)   - java -jar the standalone runtime, as it is, with the plugin of relay.sh
#   runtime                  - the same with the options it prints with --jvm-options
#   runtime + archive        - those and the class data archive the exercise and @MailerQTest start it with
#   postfix                  - `postfix start` of a private instance, up to its smtpd's 220
# RUNS (default 7) runs each, round-robin. Prints a Markdown table. Needs root (postfix runs as root).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${WORK:-$ROOT/target/bench-startup}
RUNS=${RUNS:-7}
MESSAGES=0 SESSIONS=0 SIZE=0 LIMIT=60   # mta.sh's load is not used here
JAR=${JAR:-$ROOT/mailerq-runtime/target/mailerq-runtime-0.1.0-SNAPSHOT-standalone.jar}
HEADER="$ROOT/header/src/main/include"
# shellcheck source=mta.sh
source "$ROOT/bench/mta.sh"
# shellcheck source=timed-builds.sh
source "$ROOT/bench/timed-builds.sh"

rm -rf "$WORK"
mkdir -p "$WORK/plugins"
gcc -O2 -fPIC -shared -fvisibility=hidden -DMQ_MAILERQ_VERSION=30000 -I"$HEADER" -o "$WORK/plugins/every-hook.so" "$ROOT/bench/plugins/every-hook.c"
# the plugin is built for 3.0 (-DMQ_MAILERQ_VERSION=30000), and the runtime plays 5.13 unless told
RUNTIME=(--mailerq-version 3.0 --plugin-directory "$WORK/plugins")
read -r -a OPTIONS <<< "$(java -jar "$JAR" --jvm-options "${RUNTIME[@]}")"
ARCHIVE=$WORK/runtime.jsa

# the archive: what one run that stops gracefully writes as it exits, as the toolkit's launcher has it made
port=$(free_port)
java "${OPTIONS[@]}" -XX:ArchiveClassesAtExit="$ARCHIVE" -jar "$JAR" "${RUNTIME[@]}" --smtp-port "$port" > "$WORK/archive.log" 2>&1 &
pid=$!
wait_port "$port" 60
kill "$pid"; wait "$pid" || { echo "the run that writes the archive failed, see $WORK/archive.log" >&2; exit 1; }

# the private Postfix instance, made once on a port of its own and stopped; each run starts it anew
POSTFIX_DIR="$WORK/postfix"
POSTFIX_PORT=$(free_port)
start_postfix "$POSTFIX_DIR" "$POSTFIX_PORT" "$(free_port)"
wait_port "$POSTFIX_PORT" 30
stop_postfix() {
  postfix -c "$POSTFIX_DIR/etc" stop > /dev/null 2>&1 || true
  for ((i = 0; i < 100; i++)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$POSTFIX_PORT") 2>/dev/null || return 0
    sleep 0.1
  done
}
stop_postfix

declare -A TIMES=()
NAMES=("runtime (JVM defaults)" "runtime" "runtime + archive" "postfix")
for ((run = 1; run <= RUNS; run++)); do
  for name in "${NAMES[@]}"; do
    port=$(free_port)
    case $name in
      "runtime (JVM defaults)") command=(java -jar "$JAR" "${RUNTIME[@]}" --smtp-port "$port") ;;
      "runtime") command=(java "${OPTIONS[@]}" -jar "$JAR" "${RUNTIME[@]}" --smtp-port "$port") ;;
      "runtime + archive") command=(java "${OPTIONS[@]}" -XX:SharedArchiveFile="$ARCHIVE" -Xlog:cds*=off -jar "$JAR" "${RUNTIME[@]}" --smtp-port "$port") ;;
      postfix) port=$POSTFIX_PORT; command=(postfix -c "$POSTFIX_DIR/etc" start) ;;
    esac
    read -r ms pid <<< "$(python3 "$ROOT/bench/first220.py" "$port" "${command[@]}")"
    PIDS+=("$pid")
    TIMES[$name]+="$ms "
    if [[ $name == postfix ]]; then
      stop_postfix
    else
      kill "$pid" 2>/dev/null || true
      while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
    fi
  done
done
POSTFIX_DIR=""

read -r postfix_median postfix_min _ <<< "$(stats "${TIMES[postfix]}")"
echo "Time from the start command to the first 220, $RUNS runs each, round-robin, $(nproc) cores, $(java -version 2>&1 | head -1)"
echo
echo "| MTA | median | min | max | median vs postfix | min vs postfix |"
echo "|---|---:|---:|---:|---:|---:|"
for name in "${NAMES[@]}"; do
  read -r median min max <<< "$(stats "${TIMES[$name]}")"
  awk -v n="$name" -v m="$median" -v lo="$min" -v hi="$max" -v p="$postfix_median" -v pm="$postfix_min" \
    'BEGIN { printf "| %s | %d ms | %d ms | %d ms | %.1f× | %.1f× |\n", n, m, lo, hi, m / p, lo / pm }'
done
echo
echo "runtime: java $(printf '%s ' "${OPTIONS[@]}")-jar (what --jvm-options prints); the archive: -XX:SharedArchiveFile of a"
echo "first run's -XX:ArchiveClassesAtExit, as RuntimeLauncher keeps it in ~/.cache/mqkit/cds. postfix: the master, then the"
echo "smtpd it starts for the first connection."
