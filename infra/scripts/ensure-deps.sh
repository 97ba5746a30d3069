#!/usr/bin/env bash
# Installs the npm dependencies when they are missing or older than package-lock.json,
# so both README commands work on a fresh clone.
# `npm install` rather than `npm ci`: the lock pins every version, but npm ci refuses a lock that
# lacks optional binaries for other platforms (e.g. unrs-resolver's android builds), which the
# registry reachable here does not serve; npm install installs the pinned tree and leaves the lock as is.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -d node_modules ] || [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing npm dependencies..." >&2
  npm install --no-audit --no-fund --loglevel=error >&2
fi
