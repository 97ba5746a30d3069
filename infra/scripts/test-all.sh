#!/usr/bin/env bash
# `npm test`: every check and every test. Installs what it needs (npm packages, the Kafka jars
# through Maven); Jest's global setup starts a real single-node Kafka broker on loopback.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash infra/scripts/ensure-deps.sh
echo "== Kafka broker jars (Maven)"
bash infra/kafka/fetch.sh
echo "== Type check"
npx tsc -p tsconfig.json --noEmit
echo "== Lint (module boundaries)"
NX_DAEMON=false npx nx show projects >/dev/null  # the boundary rule reads the cached project graph
NX_DAEMON=false npx eslint --max-warnings 0 .
echo "== Tests"
npx jest --ci "$@"
