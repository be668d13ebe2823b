#!/usr/bin/env bash
# Starts the whole suite without Docker: a real Kafka broker and an embedded PostgreSQL (data kept in .data/),
# the five services and a development client. Ctrl-C stops everything. See README.md for the settings.
set -euo pipefail
cd "$(dirname "$0")"
if [ "${SKIP_BUILD:-0}" != "1" ]; then
  echo "podflow: building (./mvnw package -DskipTests) ..."
  ./mvnw -B -q package -DskipTests
fi
exec java -jar deploy/local-runner/target/local-runner.jar "$@"
