#!/usr/bin/env bash
# Start the broker of DIR again on the same port and data dir (stopping it
# first if it is still running). Prints KAFKA_BROKERS=127.0.0.1:PORT.
# Usage: restart.sh DIR
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"

[[ $# -eq 1 ]] || { echo "usage: $0 DIR" >&2; exit 2; }
[[ -f "$1/broker.env" ]] || die "$1 holds no broker made by start.sh"
dir="$(cd "$1" && pwd)"

"$here/stop.sh" "$dir" 2>/dev/null
launch_broker "$dir"
