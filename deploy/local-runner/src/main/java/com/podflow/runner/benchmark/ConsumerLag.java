package com.podflow.runner.benchmark;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which stage the orders wait in: how many records each consumer group has not yet committed, per topic. In a
 * saturated pipeline the bottleneck is the group with the long queue in front of it.
 */
final class ConsumerLag implements AutoCloseable {
    private final Admin admin;

    ConsumerLag(String bootstrapServers) {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
    }

    /** "group on topic: lag, ..." of every consumer group, or why it could not be read. */
    String describe() {
        try {
            Map<String, Long> lags = new TreeMap<>();
            for (GroupListing group : admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get(10,
                    TimeUnit.SECONDS)) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin
                        .listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata()
                        .get(10, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                        .get(10, TimeUnit.SECONDS);
                committed.forEach((tp, offset) -> {
                    long lag = offset == null ? 0 : Math.max(0, ends.get(tp).offset() - offset.offset());
                    lags.merge(group.groupId() + " on " + tp.topic(), lag, Long::sum);
                });
            }
            return lags.entrySet().stream().filter(e -> !e.getKey().endsWith(".dlq"))
                    .map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", ", "records not yet consumed: ", ""));
        } catch (Exception e) {
            return "consumer lag unknown: " + e;
        }
    }

    void close(Duration timeout) {
        admin.close(timeout);
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
