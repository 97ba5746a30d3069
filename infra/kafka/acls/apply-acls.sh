#!/usr/bin/env bash
# Apply (or remove) the Kafka ACL plan with kafka-acls (kafka.admin.AclCommand of the Kafka 3.9
# jars that infra/kafka/fetch.sh resolves). Explained in docs/security-kafka.md.
#
# Usage: apply-acls.sh --bootstrap-server HOST:PORT --command-config FILE [--remove] [--dry-run] [FILE.acl...]
#   --command-config  client properties of a principal allowed to alter ACLs (a super user)
#   --remove          remove the grants of the files instead of adding them (revoking an agreement)
#   --dry-run         check the files and print the grants; touch no cluster
#   FILE.acl          default: nodes/*.acl and agreements/*.acl beside this script
# Every line of every file is checked before anything is applied. Adding a grant that exists is
# a no-op, so the script can be run again after any change to the plan.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
say() { echo "kafka-acls: $*" >&2; }
die() { say "$*"; exit 1; }

bootstrap="" config="" action=add dry="" files=()
while (($#)); do
  case "$1" in
    --bootstrap-server) bootstrap="${2:?--bootstrap-server needs HOST:PORT}"; shift 2 ;;
    --command-config) config="${2:?--command-config needs a file}"; shift 2 ;;
    --remove) action=remove; shift ;;
    --dry-run) dry=1; shift ;;
    -*) die "unknown option $1" ;;
    *) files+=("$1"); shift ;;
  esac
done
((${#files[@]})) || files=("$here"/nodes/*.acl "$here"/agreements/*.acl)
[[ -n "$dry" || (-n "$bootstrap" && -n "$config") ]] || die "--bootstrap-server and --command-config are required (or --dry-run)"
[[ -n "$dry" || -r "$config" ]] || die "cannot read $config"

# Operations a service principal may be granted; Alter, Delete, AlterConfigs, ClusterAction and
# All stay with the administrators (super users), so no plan line can hand them out.
ALLOWED_OPS=" Read Write Create Describe DescribeConfigs IdempotentWrite "
NAME_RE='^[a-z0-9][a-z0-9._-]{0,248}$'

grants=()
for file in "${files[@]}"; do
  [[ -r "$file" ]] || die "cannot read $file"
  n=0
  while IFS= read -r raw || [[ -n "$raw" ]]; do
    n=$((n + 1))
    text="${raw%%#*}"
    read -r -a f <<<"$text" || true
    ((${#f[@]})) || continue
    where="$file:$n"
    ((${#f[@]} == 5)) || die "$where: want PRINCIPAL RESOURCE PATTERN NAME OPERATIONS, got: $raw"
    principal="${f[0]}" resource="${f[1]}" pattern="${f[2]}" name="${f[3]}" ops="${f[4]}"
    [[ "$principal" =~ ^User:[a-z0-9][a-z0-9.-]{0,62}$ ]] || die "$where: principal must be User:<agency>-<service>, got $principal"
    [[ "$pattern" == literal || "$pattern" == prefixed ]] || die "$where: pattern must be literal or prefixed, got $pattern"
    case "$resource" in
      topic | group) [[ "$name" =~ $NAME_RE ]] || die "$where: $name is not a plain $resource name (no wildcards)"
        args="--$resource $name" ;;
      cluster) [[ "$name" == kafka-cluster && "$pattern" == literal ]] || die "$where: the cluster is literal kafka-cluster"
        args="--cluster" ;;
      *) die "$where: resource must be topic, group or cluster, got $resource" ;;
    esac
    IFS=, read -r -a op_list <<<"$ops"
    for op in "${op_list[@]}"; do
      [[ "$ALLOWED_OPS" == *" $op "* ]] || die "$where: operation $op is not one of$ALLOWED_OPS"
      args+=" --operation $op"
    done
    grants+=("--allow-principal $principal --resource-pattern-type $pattern $args")
  done <"$file"
done
((${#grants[@]})) || die "no grants in ${files[*]}"

if [[ -n "$dry" ]]; then
  for grant in "${grants[@]}"; do echo "$action $grant"; done
  say "${#grants[@]} grants checked in ${#files[@]} files (dry run)"
  exit 0
fi

cpfile="$("$here/../fetch.sh")"
log4j="$(mktemp "${TMPDIR:-/tmp}/acls-log4j.XXXXXX")"
trap 'rm -f "$log4j"' EXIT
printf '%s\n' 'log4j.rootLogger=WARN, err' 'log4j.appender.err=org.apache.log4j.ConsoleAppender' \
  'log4j.appender.err.Target=System.err' 'log4j.appender.err.layout=org.apache.log4j.PatternLayout' \
  'log4j.appender.err.layout.ConversionPattern=%p %m%n' >"$log4j"
extra=(); [[ "$action" == remove ]] && extra=(--force)

for grant in "${grants[@]}"; do
  read -r -a grant_args <<<"$grant"
  # Output is the resulting ACL listing: kept for failures only.
  if ! out="$("${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx256m -Dlog4j.configuration="file:$log4j" -cp "$(<"$cpfile")" \
    kafka.admin.AclCommand --bootstrap-server "$bootstrap" --command-config "$config" \
    "--$action" "${extra[@]+"${extra[@]}"}" "${grant_args[@]}" 2>&1)"; then
    echo "$out" >&2
    die "failed: $action $grant"
  fi
  say "$action $grant"
done
say "$action: ${#grants[@]} grants from ${#files[@]} files on $bootstrap"
