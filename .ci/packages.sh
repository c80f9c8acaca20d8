# Sourced by .ci/run and the benchmarks: installs the Debian packages a script uses that this machine lacks,
# and starts the RabbitMQ broker. apt-get and rabbitmq-server need root.

# Installs those of the given Debian packages that are not installed; apt-get update runs once per shell.
require_packages() {
  local missing=() package
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  if [ -z "${MQKIT_APT_UPDATED:-}" ]; then
    apt-get update -qq >&2
    MQKIT_APT_UPDATED=1
  fi
  apt-get install -y -qq "${missing[@]}" >&2
}

# Starts rabbitmq-server unless it runs already, and returns once it serves.
start_rabbitmq() {
  if ! rabbitmqctl -q status >/dev/null 2>&1; then
    echo "Starting rabbitmq-server" >&2
    rabbitmq-server -detached
  fi
  # await_startup fails at once while the node has not registered yet: ask again for up to two minutes,
  # then once more, letting its error show
  local _
  for _ in $(seq 120); do
    rabbitmqctl -q await_startup >/dev/null 2>&1 && return 0
    sleep 1
  done
  rabbitmqctl -q await_startup
}
