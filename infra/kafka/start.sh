#!/usr/bin/env bash
# Start a single-node KRaft Kafka broker on 127.0.0.1 for tests.
#
# Usage: start.sh [--kafka4] [--dir DIR] [--owner-pid PID] [--advertised HOST:PORT]
#   --kafka4      use the Kafka 4.x line instead of 3.9.x
#   --dir DIR     data/config dir (default: a new mktemp dir); must be fresh
#   --owner-pid   stop the broker automatically once process PID is gone
#   --advertised  address the broker gives clients for itself (default: its own
#                 listener), e.g. a fault-injecting proxy in front of it; the
#                 printed bootstrap address stays the broker's own listener
# Prints KAFKA_BROKERS=127.0.0.1:PORT on stdout; everything else on stderr.
# Stop with stop.sh DIR; bring back on the same port/data with restart.sh DIR.
set -euo pipefail
# shellcheck source=lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

line=kafka3 dir="" owner="" advertised=""
while (($#)); do
  case "$1" in
    --kafka4) line=kafka4; shift ;;
    --dir) dir="${2:?--dir needs a value}"; shift 2 ;;
    --owner-pid) owner="${2:?--owner-pid needs a value}"; shift 2 ;;
    --advertised) advertised="${2:?--advertised needs HOST:PORT}"; shift 2 ;;
    *) echo "usage: $0 [--kafka4] [--dir DIR] [--owner-pid PID] [--advertised HOST:PORT]" >&2; exit 2 ;;
  esac
done

flag=""; [[ "$line" == kafka4 ]] && flag=--kafka4
cpfile="$("$KAFKA_INFRA_DIR/fetch.sh" $flag)"
version="$(basename "$cpfile" .txt)"; version="${version#classpath-}"

if [[ -z "$dir" ]]; then
  dir="$(mktemp -d "${TMPDIR:-/tmp}/kafka-broker.XXXXXX")"
else
  mkdir -p "$dir"; dir="$(cd "$dir" && pwd)"
fi
[[ ! -e "$dir/server.properties" ]] || die "$dir already holds a broker; use restart.sh $dir"

# Ports below the ephemeral range: see free_ports in lib.sh.
read -r broker_port controller_port < <(free_ports 2) || die "could not find two free loopback ports (needs node)"
[[ -n "$controller_port" ]] || die "could not find two free loopback ports"
[[ -z "$advertised" || "$advertised" =~ ^[^:[:space:]]+:[0-9]{1,5}$ ]] || die "--advertised must be HOST:PORT, got $advertised"
advertised="${advertised:-127.0.0.1:$broker_port}"

# A Kafka cluster id is 16 random bytes, base64url without padding; a leading
# "-" would be read as a CLI option, so avoid it.
cluster_id="-"
while [[ "$cluster_id" == -* ]]; do
  cluster_id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
done

mkdir -p "$dir/data"
cat >"$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$broker_port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://$advertised
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$dir/data
num.partitions=3
default.replication.factor=1
auto.create.topics.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=5
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=5
group.initial.rebalance.delay.ms=0
log.segment.bytes=16777216
log.retention.hours=24
PROPS
if [[ "$line" == kafka4 ]]; then
  printf '%s\n' share.coordinator.state.topic.replication.factor=1 \
    share.coordinator.state.topic.min.isr=1 >>"$dir/server.properties"
fi

cat >"$dir/log4j.properties" <<'LOG'
log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
LOG
cat >"$dir/log4j2.properties" <<'LOG'
appender.out.type=Console
appender.out.name=STDOUT
appender.out.layout.type=PatternLayout
appender.out.layout.pattern=[%d] %p %m (%c)%n
rootLogger.level=INFO
rootLogger.appenderRef.out.ref=STDOUT
LOG

# --standalone: this node is the whole (dynamic) controller quorum.
"${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx256m -Dlog4j.configuration="file:$dir/log4j.properties" \
  -Dlog4j2.configurationFile="$dir/log4j2.properties" -cp "$(<"$cpfile")" \
  kafka.tools.StorageTool format --standalone -t "$cluster_id" -c "$dir/server.properties" \
  >>"$dir/format.log" 2>&1 || { cat "$dir/format.log" >&2; die "formatting storage in $dir failed"; }

cat >"$dir/broker.env" <<ENV
KAFKA_LINE=$line
KAFKA_VERSION=$version
BROKER_PORT=$broker_port
CONTROLLER_PORT=$controller_port
OWNER_PID=$owner
ENV

launch_broker "$dir"
