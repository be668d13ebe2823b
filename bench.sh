#!/usr/bin/env bash
# The end-to-end benchmark: builds (as ./run.sh does), starts a fresh suite on free ports with a temporary data
# directory, measures every figure next to its baseline in the same run, prints the table and stops everything.
# ./bench.sh --help lists the options; doc/performance.md keeps the latest figures.
set -euo pipefail
cd "$(dirname "$0")"
for arg in "$@"; do
  if [ "$arg" = "--help" ] || [ "$arg" = "-h" ]; then
    SKIP_BUILD=1
  fi
done
if [ "${SKIP_BUILD:-0}" != "1" ]; then
  echo "benchmark: building (./mvnw package -DskipTests) ..."
  ./mvnw -B -q package -DskipTests
fi
echo "benchmark: commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (with uncommitted changes)'), $(date -u '+%Y-%m-%d %H:%M UTC')"
exec java -cp deploy/local-runner/target/local-runner.jar com.podflow.runner.benchmark.Benchmark "$@"
