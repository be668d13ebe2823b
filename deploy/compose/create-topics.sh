#!/bin/bash
# The one-shot topic creation of docker-compose.yml: the topics of deploy/k8s/base/kafka/topics.yaml, on one broker
# (replication 1, min.insync.replicas 1, 3 partitions); retention as in the cluster (ADR 38): events 30 days,
# dead-letter topics 90 days. Idempotent (--if-not-exists): runs on every `docker compose up`.
set -euo pipefail
BOOTSTRAP="${BOOTSTRAP:-kafka:9092}"
EVENTS_MS=2592000000
DLQ_MS=7776000000
for topic in orders.intake orders.validation orders.status orders.production orders.production-reports; do
  for name in "$topic" "$topic.dlq"; do
    retention=$EVENTS_MS
    [[ "$name" == *.dlq ]] && retention=$DLQ_MS
    /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic "$name" \
      --partitions 3 --replication-factor 1 \
      --config min.insync.replicas=1 --config cleanup.policy=delete --config retention.ms="$retention"
  done
done
echo "topics ready"
