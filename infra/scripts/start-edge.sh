#!/usr/bin/env bash
# `npm start`: the edge node, every service in one process on one SQLite file, seeded with demo data.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash infra/scripts/ensure-deps.sh
exec node -r ./infra/scripts/register.js services/edge-node/src/main.ts
