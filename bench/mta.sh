# Shared by the benchmarks that run MTAs (relay.sh, memory.sh): ports, the clean-up of what they started,
# the sink, a memory sampler, the load and a private Postfix instance. Source it after setting WORK,
# MESSAGES, SESSIONS, SIZE and LIMIT; it defines functions and the clean-up trap.

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { # port seconds
  for ((i = 0; i < $2 * 10; i++)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "nothing listens on 127.0.0.1:$1 after $2 s" >&2
  return 1
}
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# peak of the summed PSS (kB; shared pages split between the processes sharing them) of the processes a command lists, sampled every 100 ms
sample_rss() { # outfile command...
  local out=$1; shift
  local peak=0
  while :; do
    local sum=0
    for pid in $("$@" 2>/dev/null); do
      rss=$(awk '/^Pss:/ { print $2 }' "/proc/$pid/smaps_rollup" 2>/dev/null || true)
      sum=$((sum + ${rss:-0}))
    done
    ((sum > peak)) && peak=$sum && echo "$peak" > "$out"
    sleep 0.1
  done
}

# start_postfix dir port relay-port [extra main.cf lines]: a private Postfix on 127.0.0.1:port relaying everything
# to 127.0.0.1:relay-port, its queue under dir; the system instance is left alone
start_postfix() {
  local dir=$1 port=$2 relay=$3 extra=${4:-}
  mkdir -p "$dir/etc" "$dir/queue"
  cat > "$dir/etc/main.cf" <<CF
compatibility_level = 3.6
queue_directory = $dir/queue
data_directory = $dir/data
command_directory = /usr/sbin
daemon_directory = /usr/lib/postfix/sbin
shlib_directory = /usr/lib/postfix
meta_directory = /etc/postfix
mail_owner = postfix
setgid_group = postdrop
myhostname = bench.localdomain
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
relayhost = [127.0.0.1]:$relay
smtpd_relay_restrictions = permit_mynetworks, reject
smtp_tls_security_level = none
smtpd_tls_security_level = none
# no syslog here: log lines go to the start command's output
maillog_file = /dev/stdout
$extra
CF
  # no chroot; smtpd on the free loopback port only; postlog for maillog_file
  awk -v port="$port" '
    /^[a-z]/ && NF >= 8 { $5 = "n"; if ($1 == "smtp" && $2 == "inet") $1 = "127.0.0.1:" port }
    { print }
  ' /etc/postfix/master.cf | grep -v '^postlog ' > "$dir/etc/master.cf.new"
  echo "postlog   unix-dgram n  -       n       -       1       postlogd" >> "$dir/etc/master.cf.new"
  mv "$dir/etc/master.cf.new" "$dir/etc/master.cf"
  postfix -c "$dir/etc" start > "$dir/start.log" 2>&1
}

# the master and its children of the Postfix instance in dir
postfix_pids() { # dir
  local master
  master=$(head -1 "$1/queue/pid/master.pid" 2>/dev/null | tr -d ' ')
  [[ -n $master ]] && { echo "$master"; pgrep -P "$master"; }
}

# what a benchmark started, stopped when it exits however it exits
PIDS=()
POSTFIX_DIR=""
SAMPLER=""
CAPTURE=""
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [[ -n $POSTFIX_DIR ]]; then postfix -c "$POSTFIX_DIR/etc" stop >/dev/null 2>&1 || true; fi
  [[ -n $SAMPLER ]] && kill "$SAMPLER" 2>/dev/null || true
  [[ -n $CAPTURE ]] && kill "$CAPTURE" 2>/dev/null || true
}
trap cleanup EXIT

# start_sink processes: one smtp-sink on a free port (SINK) that counts what it is sent into $WORK/sink.out
start_sink() {
  SINK=$(free_port)
  smtp-sink -u postfix -c "127.0.0.1:$SINK" "$1" > "$WORK/sink.out" 2>&1 &
  PIDS+=($!)
  wait_port "$SINK" 10
}
sink_count() { tr '\r' '\n' < "$WORK/sink.out" | grep -o 'mesg=[0-9]*' | tail -1 | cut -d= -f2 || true; }

# send_load name port: smtp-source's MESSAGES of SIZE bytes over SESSIONS connections into port, then waits
# until the sink has them all; sets ACCEPTED (smtp-source done) and DRAINED (all at the sink), in ms from
# START, and DELIVERED
send_load() {
  local name=$1 port=$2 before
  before=$(sink_count); before=${before:-0}
  START=$(now_ms)
  timeout "$LIMIT" smtp-source -m "$MESSAGES" -s "$SESSIONS" -l "$SIZE" \
    -f sender@bench.example -t rcpt@sink.example "127.0.0.1:$port" > "$WORK/${name//\//-}-source.log" 2>&1 \
    || echo "smtp-source into $name failed, see $WORK/${name//\//-}-source.log" >&2
  ACCEPTED=$(($(now_ms) - START))
  local deadline=$((START + LIMIT * 1000))
  while :; do
    DELIVERED=$(sink_count); DELIVERED=$((${DELIVERED:-0} - before))
    ((DELIVERED >= MESSAGES)) && break
    (($(now_ms) > deadline)) && { echo "$name: only $DELIVERED of $MESSAGES reached the sink" >&2; break; }
    sleep 0.05
  done
  DRAINED=$(($(now_ms) - START))
}
