package com.podflow.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) running in this JVM. The log directory
 * decides durability: a temporary one for a test run, a kept one (e.g. {@code .data/kafka}) for the local run.
 */
public final class LocalKafka implements AutoCloseable {
    /** Fixed so that a kept log directory is formatted once and reused across restarts. */
    private static final String CLUSTER_ID = "cG9kZmxvdy1sb2NhbA";

    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private LocalKafka(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /** Starts a broker on the given ports (0 picks free ones) and waits until it answers. */
    public static LocalKafka start(Path logDir, int port, int controllerPort) {
        int brokerPort = port == 0 ? FreePorts.next() : port;
        int quorumPort = controllerPort == 0 ? FreePorts.next() : controllerPort;
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + quorumPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + quorumPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logDir.toAbsolutePath().toString());
        props.put("num.partitions", "3");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "5");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "true");
        try {
            Files.createDirectories(logDir);
            format(logDir, props);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Kafka log directory " + logDir, e);
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        LocalKafka kafka = new LocalKafka(server, "127.0.0.1:" + brokerPort);
        kafka.awaitReady(Duration.ofSeconds(60));
        return kafka;
    }

    private static void format(Path logDir, Properties props) throws IOException {
        Path config = Files.createTempFile("kafka-server", ".properties");
        try (var out = Files.newBufferedWriter(config)) {
            props.store(out, "podflow local broker");
        }
        var output = new ByteArrayOutputStream();
        try (var print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            // not StorageTool.main: that one exits the JVM
            StorageTool.execute(new String[]{"format", "-t", CLUSTER_ID, "-c", config.toString(),
                    "--ignore-formatted"}, print);
        } catch (RuntimeException e) {
            throw new IllegalStateException("formatting " + logDir + " failed: " + output, e);
        } finally {
            Files.deleteIfExists(config);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * Creates topics that do not exist yet, so consumers find all their partitions from the start, with their
     * {@link TopicRetention retention}; a topic that exists (a kept broker of the local run) gets its retention set.
     */
    public void createTopics(Collection<String> names, int partitions) {
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = names.stream()
                    .filter(name -> !existing.contains(name))
                    .map(name -> new NewTopic(name, partitions, (short) 1).configs(retention(name)))
                    .collect(Collectors.toList());
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
            Map<ConfigResource, Collection<AlterConfigOp>> alter = names.stream()
                    .filter(existing::contains)
                    .filter(name -> TopicRetention.of(name) != null)
                    .collect(Collectors.toMap(name -> new ConfigResource(ConfigResource.Type.TOPIC, name),
                            name -> List.of(new AlterConfigOp(new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG,
                                    String.valueOf(TopicRetention.of(name).toMillis())), AlterConfigOp.OpType.SET))));
            if (!alter.isEmpty()) {
                admin.incrementalAlterConfigs(alter).all().get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topics " + names, e.getCause());
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topics " + names, e);
        }
    }

    private static Map<String, String> retention(String topic) {
        Duration retention = TopicRetention.of(topic);
        return retention == null
                ? Map.of()
                : Map.of(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(retention.toMillis()));
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try (Admin admin = admin()) {
                admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                last = e;
            }
        }
        throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer within " + timeout, last);
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                10000));
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
