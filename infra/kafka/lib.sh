# shellcheck shell=bash
# Helpers shared by start.sh, restart.sh and stop.sh; not meant to be run.

KAFKA_INFRA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
READY_TIMEOUT_S="${KAFKA_READY_TIMEOUT_S:-120}"
# shellcheck disable=SC2034 # used by stop.sh
STOP_TIMEOUT_S="${KAFKA_STOP_TIMEOUT_S:-30}"

say() { echo "kafka: $*" >&2; }
die() { say "$*"; exit 1; }

# True when PID is alive and is the broker of DIR (guards against pid reuse).
is_broker_of() {
  local pid="$1" dir="$2"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null &&
    ps -o args= -p "$pid" 2>/dev/null | grep -qF -- "kafka.Kafka $dir/server.properties"
}

# Sends a Metadata v4 request (v4 is served by 3.x and 4.x alike) and checks the
# reply has our correlation id and lists at least one broker.
metadata_ok() {
  local port="$1" bytes guard=()
  # coreutils timeout is missing on stock macOS; the probe then runs unguarded.
  command -v timeout >/dev/null && guard=(timeout 5)
  # shellcheck disable=SC2016 # expanded by the inner bash
  bytes="$(${guard[@]+"${guard[@]}"} bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf "\x00\x00\x00\x0f\x00\x03\x00\x04\x00\x00\x00\x01\xff\xff\xff\xff\xff\xff\x00" >&3
    head -c 16 <&3' _ "$port" 2>/dev/null | od -An -v -tu1)" || return 1
  local -a b
  # shellcheck disable=SC2206 # split od's numbers into an array
  b=($bytes)
  ((${#b[@]} == 16)) && ((b[4] == 0 && b[5] == 0 && b[6] == 0 && b[7] == 1)) &&
    (((b[12] << 24 | b[13] << 16 | b[14] << 8 | b[15]) >= 1))
}

fail_start() {
  local dir="$1" pid="$2"; shift 2
  say "$*"
  say "last lines of $dir/broker.log:"
  tail -n 40 "$dir/broker.log" >&2 || true
  if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
  rm -f "$dir/broker.pid"
  exit 1
}

# Starts the broker described by DIR/broker.env in the background and waits
# until it is ready; prints KAFKA_BROKERS=host:port on stdout.
launch_broker() {
  local dir="$1"
  # shellcheck source=/dev/null
  source "$dir/broker.env"
  local cpfile flag=""
  [[ "$KAFKA_LINE" == kafka4 ]] && flag=--kafka4
  cpfile="$("$KAFKA_INFRA_DIR/fetch.sh" $flag)"

  local offset=0 started=$SECONDS
  [[ -f "$dir/broker.log" ]] && offset="$(wc -c <"$dir/broker.log")"
  # stdio goes to the log so callers reading our stdout (execFile) are not
  # kept waiting on a pipe the broker inherited.
  nohup "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xms256m -Xmx512m -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$dir/log4j.properties" \
    -Dlog4j2.configurationFile="$dir/log4j2.properties" \
    -cp "$(<"$cpfile")" kafka.Kafka "$dir/server.properties" \
    </dev/null >>"$dir/broker.log" 2>&1 &
  local pid=$!
  echo "$pid" >"$dir/broker.pid"

  while :; do
    kill -0 "$pid" 2>/dev/null || fail_start "$dir" "$pid" "broker (pid $pid) exited during startup"
    if tail -c +"$((offset + 1))" "$dir/broker.log" | grep -q 'Kafka Server started' &&
      metadata_ok "$BROKER_PORT"; then
      break
    fi
    ((SECONDS - started < READY_TIMEOUT_S)) ||
      fail_start "$dir" "$pid" "broker not ready after ${READY_TIMEOUT_S}s"
    sleep 0.5
  done

  echo "127.0.0.1:$BROKER_PORT" >"$dir/bootstrap"
  [[ -n "${OWNER_PID:-}" ]] && start_watchdog "$dir" "$OWNER_PID"
  say "Kafka $KAFKA_VERSION ready on 127.0.0.1:$BROKER_PORT in $((SECONDS - started))s (pid $pid, dir $dir)"
  echo "KAFKA_BROKERS=127.0.0.1:$BROKER_PORT"
}

# Stops the broker of DIR when OWNER dies (e.g. a killed test runner), so no
# JVM outlives its user. A newer watchdog.pid makes older watchdogs exit.
start_watchdog() {
  local dir="$1" owner="$2"
  # shellcheck disable=SC2016 # expanded by the inner bash
  nohup bash -c '
    dir="$1" owner="$2" infra="$3"
    while kill -0 "$owner" 2>/dev/null; do
      sleep 2
      [[ "$(cat "$dir/watchdog.pid" 2>/dev/null)" == "$$" ]] || exit 0
    done
    exec "$infra/stop.sh" "$dir"' _ "$dir" "$owner" "$KAFKA_INFRA_DIR" \
    </dev/null >/dev/null 2>&1 &
  echo "$!" >"$dir/watchdog.pid"
}

# Prints N free TCP ports on 127.0.0.1, below the usual ephemeral range (32768+ on Linux): while
# the broker is down, a client reconnecting to an ephemeral-range port on loopback can end up
# connected to itself (TCP self-connect). Exits non-zero when it cannot find N.
free_ports() {
  node -e '
    const net = require("net");
    const wanted = Number(process.argv[1]);
    const taken = new Set();
    const tryPort = () => new Promise((ok) => {
      const p = 20000 + Math.floor(Math.random() * 12000);
      if (taken.has(p)) return ok(null);
      const s = net.createServer().once("error", () => ok(null));
      s.listen(p, "127.0.0.1", () => s.close(() => ok(p)));
    });
    (async () => {
      for (let i = 0; i < 100 * wanted && taken.size < wanted; i++) { const p = await tryPort(); if (p) taken.add(p); }
      if (taken.size < wanted) process.exit(1);
      console.log([...taken].join(" "));
    })();' "$1"
}
