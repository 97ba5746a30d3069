#!/usr/bin/env bash
# Start a single-node KRaft broker on 127.0.0.1 that authenticates every client (SASL/SCRAM,
# optionally mutual TLS) and authorises with ACLs; for tests of Kafka security. start.sh is
# untouched: its PLAINTEXT broker stays the default for every other test.
#
# Usage: start-secure.sh [--kafka4] [--dir DIR] [--owner-pid PID] [--user NAME]... [--tls]
#   --user NAME   a SCRAM principal User:NAME (SHA-256 and SHA-512) with a random password in
#                 DIR/secrets/NAME.password (mode 0600); repeatable
#   --tls         also an SSL listener requiring a client certificate; DIR/tls holds ca.crt and
#                 NAME.crt/NAME.key per --user (CN=NAME, mapped to User:NAME)
# Prints on stdout: KAFKA_BROKERS=127.0.0.1:PORT (SASL_PLAINTEXT), KAFKA_TLS_BROKERS=… (with
# --tls), KAFKA_SECRETS_DIR=…, KAFKA_ADMIN_CONFIG=… (client properties of the super user
# User:admin, for kafka-acls --command-config). No ACLs exist yet: only User:admin may act.
# Stop with stop.sh DIR. restart.sh does not apply (it probes with an unauthenticated request).
set -euo pipefail
# shellcheck source=lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

line=kafka3 dir="" owner="" tls="" users=()
while (($#)); do
  case "$1" in
    --kafka4) line=kafka4; shift ;;
    --dir) dir="${2:?--dir needs a value}"; shift 2 ;;
    --owner-pid) owner="${2:?--owner-pid needs a value}"; shift 2 ;;
    --user) [[ "${2:-}" =~ ^[a-z0-9][a-z0-9.-]{0,62}$ && "$2" != admin ]] || die "--user needs a name like th-imm-relay"
      users+=("$2"); shift 2 ;;
    --tls) tls=1; shift ;;
    *) echo "usage: $0 [--kafka4] [--dir DIR] [--owner-pid PID] [--user NAME]... [--tls]" >&2; exit 2 ;;
  esac
done

flag=""; [[ "$line" == kafka4 ]] && flag=--kafka4
cpfile="$("$KAFKA_INFRA_DIR/fetch.sh" $flag)"
if [[ -z "$dir" ]]; then dir="$(mktemp -d "${TMPDIR:-/tmp}/kafka-secure.XXXXXX")"; else mkdir -p "$dir"; dir="$(cd "$dir" && pwd)"; fi
[[ ! -e "$dir/server.properties" ]] || die "$dir already holds a broker"

# Three free ports below the ephemeral range (see start.sh).
read -r sasl_port controller_port ssl_port < <(free_ports 3) || die "could not find three free loopback ports (needs node)"
[[ -n "$ssl_port" ]] || die "could not find three free loopback ports"

# Hex secrets: --add-scram parses "name=…,password=…", so no "=" or "," inside.
secret() { head -c 24 /dev/urandom | od -An -v -tx1 | tr -d ' \n'; }
umask 077
mkdir -p "$dir/data" "$dir/secrets"
admin_pw="$(secret)"; printf '%s\n' "$admin_pw" >"$dir/secrets/admin.password"
scram_args=()
for user in admin "${users[@]+"${users[@]}"}"; do
  if [[ "$user" == admin ]]; then pw="$admin_pw"; else pw="$(secret)"; printf '%s\n' "$pw" >"$dir/secrets/$user.password"; fi
  scram_args+=(--add-scram "SCRAM-SHA-256=[name=$user,password=$pw]" --add-scram "SCRAM-SHA-512=[name=$user,password=$pw]")
done

listeners="SASL_PLAINTEXT://127.0.0.1:$sasl_port,CONTROLLER://127.0.0.1:$controller_port"
advertised="SASL_PLAINTEXT://127.0.0.1:$sasl_port"
[[ -n "$tls" ]] && { listeners+=",SSL://127.0.0.1:$ssl_port"; advertised+=",SSL://127.0.0.1:$ssl_port"; }
cat >"$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$controller_port
listeners=$listeners
advertised.listeners=$advertised
controller.listener.names=CONTROLLER
inter.broker.listener.name=SASL_PLAINTEXT
listener.security.protocol.map=CONTROLLER:SASL_PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,SSL:SSL
sasl.enabled.mechanisms=SCRAM-SHA-256,SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$admin_pw";
# KRaft controllers cannot use SCRAM (its credentials live in the metadata they serve): PLAIN.
sasl.mechanism.controller.protocol=PLAIN
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="$admin_pw" user_admin="$admin_pw";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:admin
allow.everyone.if.no.acl.found=false
auto.create.topics.enable=false
log.dirs=$dir/data
num.partitions=3
default.replication.factor=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=5
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=5
group.initial.rebalance.delay.ms=0
log.segment.bytes=16777216
log.retention.hours=24
PROPS
[[ "$line" == kafka4 ]] && printf '%s\n' share.coordinator.state.topic.replication.factor=1 \
  share.coordinator.state.topic.min.isr=1 >>"$dir/server.properties"

# A throwaway CA and, signed by it, the broker's certificate (127.0.0.1) and one per user (CN=user).
make_certs() {
  local out="$1" name; shift
  mkdir -p "$out"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=border-ledger-test-ca \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign -keyout "$out/ca.key" -out "$out/ca.crt" 2>/dev/null
  printf '%s\n' 'subjectAltName=IP:127.0.0.1,DNS:localhost' 'extendedKeyUsage=serverAuth,clientAuth' >"$out/leaf.ext"
  for name in "$@"; do
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$name" -keyout "$out/$name.key" -out "$out/$name.csr" 2>/dev/null
    openssl x509 -req -in "$out/$name.csr" -CA "$out/ca.crt" -CAkey "$out/ca.key" -CAcreateserial -days 2 \
      -extfile "$out/leaf.ext" -out "$out/$name.crt" 2>/dev/null
  done
  rm -f "$out"/*.csr "$out/leaf.ext" "$out/ca.srl"
}

if [[ -n "$tls" ]]; then
  make_certs "$dir/tls" broker "${users[@]+"${users[@]}"}" || die "making test certificates with openssl failed"
  cat "$dir/tls/broker.key" "$dir/tls/broker.crt" >"$dir/tls/broker.pem"
  cat >>"$dir/server.properties" <<PROPS
ssl.keystore.type=PEM
ssl.keystore.location=$dir/tls/broker.pem
ssl.truststore.type=PEM
ssl.truststore.location=$dir/tls/ca.crt
ssl.client.auth=required
ssl.principal.mapping.rules=RULE:^CN=([^,]+)\$/\$1/,DEFAULT
PROPS
fi

cat >"$dir/admin.properties" <<PROPS
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$admin_pw";
PROPS

printf '%s\n' 'log4j.rootLogger=INFO, stdout' 'log4j.appender.stdout=org.apache.log4j.ConsoleAppender' \
  'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout' 'log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n' \
  >"$dir/log4j.properties"
printf '%s\n' 'appender.out.type=Console' 'appender.out.name=STDOUT' 'appender.out.layout.type=PatternLayout' \
  'appender.out.layout.pattern=[%d] %p %m (%c)%n' 'rootLogger.level=INFO' 'rootLogger.appenderRef.out.ref=STDOUT' \
  >"$dir/log4j2.properties"
java_opts=(-Dlog4j.configuration="file:$dir/log4j.properties" -Dlog4j2.configurationFile="$dir/log4j2.properties")

cluster_id="-"
while [[ "$cluster_id" == -* ]]; do cluster_id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"; done
"${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx256m "${java_opts[@]}" -cp "$(<"$cpfile")" kafka.tools.StorageTool format \
  --standalone -t "$cluster_id" -c "$dir/server.properties" "${scram_args[@]}" >>"$dir/format.log" 2>&1 ||
  { cat "$dir/format.log" >&2; die "formatting storage in $dir failed"; }

started=$SECONDS
nohup "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xms256m -Xmx512m -Djava.awt.headless=true "${java_opts[@]}" \
  -cp "$(<"$cpfile")" kafka.Kafka "$dir/server.properties" </dev/null >>"$dir/broker.log" 2>&1 &
pid=$!
echo "$pid" >"$dir/broker.pid"

# Ready: the broker says so and answers a SaslHandshake (v1, SCRAM-SHA-512) without error.
sasl_ok() {
  local bytes; local -a b
  # shellcheck disable=SC2016 # expanded by the inner bash
  bytes="$(timeout 5 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf "\x00\x00\x00\x19\x00\x11\x00\x01\x00\x00\x00\x01\xff\xff\x00\x0dSCRAM-SHA-512" >&3
    head -c 10 <&3' _ "$sasl_port" 2>/dev/null | od -An -v -tu1)" || return 1
  # shellcheck disable=SC2206 # split od's numbers into an array
  b=($bytes)
  ((${#b[@]} == 10 && b[4] == 0 && b[5] == 0 && b[6] == 0 && b[7] == 1 && b[8] == 0 && b[9] == 0))
}
until grep -q 'Kafka Server started' "$dir/broker.log" && sasl_ok; do
  kill -0 "$pid" 2>/dev/null || fail_start "$dir" "$pid" "broker (pid $pid) exited during startup"
  ((SECONDS - started < READY_TIMEOUT_S)) || fail_start "$dir" "$pid" "broker not ready after ${READY_TIMEOUT_S}s"
  sleep 0.5
done

echo "127.0.0.1:$sasl_port" >"$dir/bootstrap"
[[ -n "$owner" ]] && start_watchdog "$dir" "$owner"
say "secure Kafka ready on 127.0.0.1:$sasl_port${tls:+ and TLS on $ssl_port} in $((SECONDS - started))s (pid $pid, dir $dir)"
echo "KAFKA_BROKERS=127.0.0.1:$sasl_port"
[[ -n "$tls" ]] && echo "KAFKA_TLS_BROKERS=127.0.0.1:$ssl_port"
echo "KAFKA_SECRETS_DIR=$dir/secrets"
echo "KAFKA_ADMIN_CONFIG=$dir/admin.properties"
