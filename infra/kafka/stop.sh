#!/usr/bin/env bash
# Stop the broker started in DIR: SIGTERM, up to 30 s for a clean shutdown,
# then SIGKILL. Safe to call twice or on an already stopped broker.
# Usage: stop.sh DIR
set -euo pipefail
# shellcheck source=lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

[[ $# -eq 1 ]] || { echo "usage: $0 DIR" >&2; exit 2; }
[[ -d "$1" ]] || { say "no such dir $1; nothing to stop"; exit 0; }
dir="$(cd "$1" && pwd)"
rm -f "$dir/watchdog.pid" # tells any watchdog to exit

pid="$(cat "$dir/broker.pid" 2>/dev/null || true)"
if ! is_broker_of "$pid" "$dir"; then
  rm -f "$dir/broker.pid"
  say "no broker running for $dir"
  exit 0
fi

kill -TERM "$pid" 2>/dev/null || true
for ((i = 0; i < STOP_TIMEOUT_S * 10; i++)); do
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
if kill -0 "$pid" 2>/dev/null; then
  say "broker $pid still up after ${STOP_TIMEOUT_S}s; sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
fi
rm -f "$dir/broker.pid"
say "broker $pid stopped ($dir)"
