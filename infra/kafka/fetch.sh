#!/usr/bin/env bash
# Resolve a real Kafka broker with Maven and print the path of a file holding
# its Java classpath. The jars stay in the Maven cache (~/.m2); only the
# classpath file is written here, under .cache/ (git-ignored).
#
# Usage: fetch.sh [--kafka4]
# Idempotent: Maven is skipped when the classpath file and all its jars exist.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
profile=kafka3
for arg in "$@"; do
  case "$arg" in
    --kafka4) profile=kafka4 ;;
    *) echo "usage: $0 [--kafka4]" >&2; exit 2 ;;
  esac
done

version="$(sed -n "s:.*<$profile\.version>\([^<]*\)</$profile\.version>.*:\1:p" "$here/pom.xml")"
[[ -n "$version" ]] || { echo "fetch.sh: no <$profile.version> in $here/pom.xml" >&2; exit 1; }
cpfile="$here/.cache/classpath-$version.txt"

classpath_complete() {
  [[ -s "$cpfile" ]] || return 1
  local jars jar
  IFS=: read -r -a jars <"$cpfile" || true
  ((${#jars[@]} > 0)) || return 1
  for jar in "${jars[@]}"; do [[ -f "$jar" ]] || return 1; done
}

if ! classpath_complete; then
  mkdir -p "$here/.cache"
  # Write to a temp file and rename, so a concurrent run never sees half a file.
  tmp="$(mktemp "$here/.cache/classpath-$version.XXXXXX")"
  trap 'rm -f "$tmp"' EXIT
  echo "fetch.sh: resolving Kafka $version ($profile) with Maven..." >&2
  # Maven 3.8 prints colour resets even in batch mode; strip them.
  "${MVN:-mvn}" -q -B -f "$here/pom.xml" -P "$profile" \
    dependency:build-classpath -Dmdep.outputFile="$tmp" 2>&1 | sed 's/\x1b\[[0-9;]*m//g' >&2
  mv "$tmp" "$cpfile"
  classpath_complete || { echo "fetch.sh: classpath for Kafka $version is incomplete" >&2; exit 1; }
fi

echo "$cpfile"
