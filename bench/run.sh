#!/usr/bin/env bash
# Runs every benchmark of bench/ and prints one Markdown report (see bench/README.md).
#   bench/run.sh           full: longer JMH runs, 10000 relayed messages, 7 build, verify and start-up runs
#   bench/run.sh --quick   short runs (well under 15 minutes on 2 cores)
# Installs what it needs from Debian packages (postfix for smtp-source/smtp-sink and as
# the peer MTA, rabbitmq-server for the relay lines on the broker, tcpdump for per-message latency, gcc, bc,
# python3) and starts the broker, builds and installs the runtime into the local repository.
# Needs root (apt-get, postfix). Output also goes to target/bench-report.md.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
MVN=${MVN:-mvn}
QUICK=0
[[ ${1:-} == --quick ]] && QUICK=1

# shellcheck source=../.ci/packages.sh
source "$ROOT/.ci/packages.sh"
# postfix installs without questions: the benchmark writes the configuration of its own instance
echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
require_packages postfix tcpdump gcc libc6-dev bc python3 procps rabbitmq-server
start_rabbitmq
# Postfix as installed may be running with the default configuration: the benchmark
# starts its own private instance only.

(cd "$ROOT" && "$MVN" -B -q -N install && "$MVN" -B -q -pl mailerq-maven-plugin,archetype -am install -DskipTests) >&2

if ((QUICK)); then
  export JMH_OPTS="-f 1 -wi 3 -w 1s -i 5 -r 1s" DIRECT_CALLS=100000000
  export MESSAGES=${MESSAGES:-2000} SESSIONS=${SESSIONS:-20}
  export MEMORY_MESSAGES=${MEMORY_MESSAGES:-100} MEMORY_SESSIONS=${MEMORY_SESSIONS:-50}
  export RUNS=${RUNS:-3}
else
  export JMH_OPTS="-f 2 -wi 5 -w 2s -i 10 -r 2s" DIRECT_CALLS=500000000
  export MESSAGES=${MESSAGES:-10000} SESSIONS=${SESSIONS:-20}
  export MEMORY_MESSAGES=${MEMORY_MESSAGES:-300} MEMORY_SESSIONS=${MEMORY_SESSIONS:-150}
  export RUNS=${RUNS:-7}
fi
export PROFILE=${PROFILE:-1}

REPORT="$ROOT/target/bench-report.md"
mkdir -p "$ROOT/target"
{
  echo "# mqkit benchmarks$( ((QUICK)) && echo ' (--quick)')"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(free -g | awk '/^Mem/ { print $2 }') GB,"\
       "$(java -version 2>&1 | head -1), $(uname -sr), git $(git -C "$ROOT" rev-parse --short HEAD)"
  echo
  echo "## Hook dispatch"
  echo
  "$ROOT/bench/dispatch.sh"
  echo
  echo "## Relay throughput"
  echo
  "$ROOT/bench/relay.sh"
  echo
  echo "## Start-up"
  echo
  "$ROOT/bench/startup.sh"
  echo
  echo "## Memory under large messages"
  echo
  MESSAGES=$MEMORY_MESSAGES SESSIONS=$MEMORY_SESSIONS "$ROOT/bench/memory.sh"
  echo
  echo "## Build time"
  echo
  "$ROOT/bench/build-time.sh"
  echo
  "$ROOT/bench/build-cold.sh"
  echo
  echo "## Verify time"
  echo
  "$ROOT/bench/verify-time.sh"
} | sed 's/\x1b\[[0-9;]*m//g' | tee "$REPORT"
