package com.podflow.orderctl;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Follows one order's events on the topics as they are written: assigns every partition (no consumer group, nothing
 * committed, so it never disturbs the services), starts at the end (or the beginning) and prints the records whose
 * key is the order id.
 */
@Command(name = "tail", description = "Follow one order's events on the topics live (reads Kafka directly).")
final class Tail implements Callable<Integer> {
    static final List<String> TOPICS = List.of("orders.intake", "orders.validation", "orders.status",
            "orders.production", "orders.production-reports", "orders.intake.dlq", "orders.validation.dlq",
            "orders.status.dlq", "orders.production-reports.dlq");

    @Spec
    CommandSpec spec;

    @ParentCommand
    OrderCtl root;

    @Parameters(paramLabel = "ORDER", description = "order id (the records' key)")
    String order;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}", description = "the brokers (env KAFKA_BOOTSTRAP_SERVERS; default ${DEFAULT-VALUE})")
    String bootstrap;

    @Option(names = "--kafka-config", paramLabel = "FILE", description = "client properties for a secured cluster (security.protocol, sasl.*, ssl.*)")
    Path kafkaConfig;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "topics to follow (default: every orders.* topic)")
    List<String> topics;

    @Option(names = "--from-beginning", description = "print the order's earlier events too")
    boolean fromBeginning;

    @Option(names = "--max", paramLabel = "N", description = "stop after N events")
    Integer max;

    @Option(names = "--for", paramLabel = "DURATION", description = "stop after this long (ISO-8601, e.g. PT5M)")
    Duration duration;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Properties props = new Properties();
        if (kafkaConfig != null) {
            try (InputStream in = new FileInputStream(kafkaConfig.toFile())) {
                props.load(in);
            }
        }
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "orderctl-tail");
        Instant until = duration == null ? Instant.MAX : Instant.now().plus(duration);
        int seen = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = partitions(consumer, topics == null ? TOPICS : topics);
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            if (!root.json) {
                out.printf("following %s on %d partitions (Ctrl-C stops)%n", order, partitions.size());
                out.flush();
            }
            while ((max == null || seen < max) && Instant.now().isBefore(until)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (!order.equals(record.key())) {
                        continue;
                    }
                    out.println(root.json ? Api.JSON.writeValueAsString(asJson(record)) : line(record));
                    out.flush();
                    if (max != null && ++seen >= max) {
                        break;
                    }
                }
            }
        }
        return 0;
    }

    /** Every partition of the topics that exist; a topic not created yet is skipped, not an error. */
    static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, List<String> topics) {
        Map<String, List<PartitionInfo>> existing = consumer.listTopics(Duration.ofSeconds(10));
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            for (PartitionInfo info : existing.getOrDefault(topic, List.of())) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        return partitions;
    }

    /** One line: time, topic/partition@offset, the CloudEvent's type and source, a short summary. */
    static String line(ConsumerRecord<String, String> record) {
        JsonNode event = parse(record.value());
        String type = text(event, "type");
        String source = text(event, "source");
        String summary = summary(event.path("data"));
        return String.format("%s  %s/%d@%d  %s  %s%s", Instant.ofEpochMilli(record.timestamp()), record.topic(),
                record.partition(), record.offset(), type.isEmpty() ? "(not a CloudEvent)" : type, source,
                summary.isEmpty() ? "" : "  " + summary);
    }

    static ObjectNode asJson(ConsumerRecord<String, String> record) {
        ObjectNode node = Api.JSON.createObjectNode();
        node.put("topic", record.topic());
        node.put("partition", record.partition());
        node.put("offset", record.offset());
        node.put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
        node.put("key", record.key());
        node.set("value", parse(record.value()));
        return node;
    }

    /** What a support engineer looks for first: attempt, validator and outcome, status change, report kind. */
    static String summary(JsonNode data) {
        List<String> parts = new ArrayList<>();
        for (String field : List.of("attempt", "validator", "reasonCode", "oldStatus", "newStatus", "status", "kind",
                "cause")) {
            JsonNode value = data.get(field);
            if (value != null && value.isValueNode() && !value.asText().isEmpty()) {
                parts.add(field + "=" + value.asText());
            }
        }
        return String.join(" ", parts);
    }

    static JsonNode parse(String value) {
        if (value == null) {
            return Api.JSON.createObjectNode();
        }
        try {
            return Api.JSON.readTree(value);
        } catch (IOException e) {
            return Api.JSON.createObjectNode().put("raw", value.length() > 200 ? value.substring(0, 200) : value);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }
}
