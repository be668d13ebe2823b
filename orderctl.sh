#!/usr/bin/env bash
# orderctl, the support engineers' command line (built by ./run.sh or ./mvnw -B package -pl orderctl -am).
# Usage: ./orderctl.sh --help
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/orderctl/target/orderctl.jar"
if [[ ! -f "$jar" ]]; then
  echo "orderctl: $jar is missing; build it with: ./mvnw -B -q package -DskipTests -pl orderctl -am" >&2
  exit 2
fi
exec java -jar "$jar" "$@"
