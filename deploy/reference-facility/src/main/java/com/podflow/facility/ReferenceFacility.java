package com.podflow.facility;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A print facility on the published production contract only (topics, CloudEvents JSON by field name): reads
 * {@code orders.production}, fetches every file through its signed link, checks its SHA-256 and reports accepted →
 * in_production → printed → packaged → shipped → in_transit → delivered on {@code orders.production-reports}, one step
 * delay apart, on a shared scheduler so that many orders progress at once.
 */
public final class ReferenceFacility implements AutoCloseable {
    public static final String FEED = "orders.production";
    public static final String REPORTS = "orders.production-reports";
    private static final Logger LOG = LoggerFactory.getLogger(ReferenceFacility.class);

    private final FacilitySettings settings;
    private final KafkaConsumer<String, String> consumer;
    private final KafkaProducer<String, String> producer;
    private final ScheduledExecutorService scheduler;
    /** Downloads block: they get threads of their own, so that a slow file never delays another order's step. */
    private final ExecutorService fetchers;
    private final FileFetcher files;
    private final Offsets offsets = new Offsets();
    /** Orders in production by order id; an order leaves when delivered, failed or canceled. */
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final Thread poller;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;

    /** One order in production: where it is and whether it was stopped. Transitions hold its lock. */
    private static final class Run {
        final ProductionRequest request;
        final TopicPartition partition;
        final long offset;
        MadeUpShipment shipment;
        Step last;
        boolean stopped;

        Run(ProductionRequest request, TopicPartition partition, long offset) {
            this.request = request;
            this.partition = partition;
            this.offset = offset;
            this.shipment = MadeUpShipment.of(request);
        }
    }

    private ReferenceFacility(FacilitySettings settings) {
        this.settings = settings;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, settings.groupId(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // a new facility starts with every order on the feed: those already done are repeats the ledger ignores
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer());
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new StringSerializer());
        AtomicInteger threads = new AtomicInteger();
        this.scheduler = Executors.newScheduledThreadPool(settings.threads(), r -> {
            Thread t = new Thread(r, "facility-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        AtomicInteger fetcherThreads = new AtomicInteger();
        this.fetchers = Executors.newFixedThreadPool(settings.threads(), r -> {
            Thread t = new Thread(r, "facility-fetch-" + fetcherThreads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.files = new FileFetcher(settings.fetchTimeout());
        this.poller = new Thread(this::pollLoop, "facility-feed");
    }

    /** Starts consuming the feed in a thread of its own; {@link #close()} stops it. */
    public static ReferenceFacility start(FacilitySettings settings) {
        ReferenceFacility facility = new ReferenceFacility(settings);
        facility.poller.start();
        LOG.info("reference facility reading {} as group {} for {} at {}, step delay {}", FEED, settings.groupId(),
                settings.facilityIds().isEmpty() ? "every facility" : settings.facilityIds(),
                settings.bootstrapServers(), settings.stepDelay());
        return facility;
    }

    public static void main(String[] args) throws InterruptedException {
        FacilitySettings settings;
        try {
            if (List.of(args).contains("--help")) {
                System.out.print(FacilitySettings.USAGE);
                return;
            }
            settings = FacilitySettings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("reference-facility: " + e.getMessage());
            System.err.print(FacilitySettings.USAGE);
            System.exit(2);
            return;
        }
        ReferenceFacility facility = start(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(facility::close, "facility-stop"));
        facility.stopped.await();
    }

    private void pollLoop() {
        try {
            consumer.subscribe(List.of(FEED), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    commit();
                    offsets.forget(partitions);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    LOG.info("reading {}", partitions);
                }
            });
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    offsets.opened(partition, record.offset());
                    try {
                        handle(record, partition);
                    } catch (RuntimeException e) {
                        // a record this facility cannot read is not its to fix: logged and passed over
                        LOG.warn("skipping {}@{} (key {}): {}", partition, record.offset(), record.key(), e.toString());
                        offsets.done(partition, record.offset());
                    }
                }
                commit();
            }
        } catch (WakeupException e) {
            // close() woke the poll
        } finally {
            commit();
            consumer.close(Duration.ofSeconds(5));
            stopped.countDown();
        }
    }

    private void commit() {
        Map<TopicPartition, OffsetAndMetadata> toCommit = offsets.toCommit();
        if (!toCommit.isEmpty()) {
            try {
                consumer.commitSync(toCommit, Duration.ofSeconds(10));
                offsets.committed(toCommit);
            } catch (RuntimeException e) {
                LOG.warn("cannot commit {} yet: {}", toCommit, e.toString());
            }
        }
    }

    private void handle(ConsumerRecord<String, String> record, TopicPartition partition) {
        JsonNode event;
        try {
            event = Reports.JSON.readTree(record.value());
        } catch (Exception e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage());
        }
        String type = event.path("type").asText();
        String facilityId = event.path("data").path("facilityId").asText();
        if (!settings.serves(facilityId)) {
            offsets.done(partition, record.offset());
            return;
        }
        switch (type) {
            case "order.production-requested" -> requested(ProductionRequest.from(event), partition, record.offset());
            case "order.production-cancel-requested" -> cancelRequested(event, partition, record.offset());
            case "order.production-shipment-updated" -> {
                shipmentUpdated(event);
                offsets.done(partition, record.offset());
            }
            default -> {
                LOG.info("ignoring {} of order {}", type, record.key());
                offsets.done(partition, record.offset());
            }
        }
    }

    private void requested(ProductionRequest request, TopicPartition partition, long offset) {
        Run run = new Run(request, partition, offset);
        Run previous = runs.put(request.orderId(), run);
        if (previous != null) {
            // a new attempt (a reprocess) replaces the old one
            synchronized (previous) {
                previous.stopped = true;
            }
            offsets.done(previous.partition, previous.offset);
        }
        LOG.info("order {} attempt {}: {} item(s), {} file(s) to fetch", request.orderId(), request.attempt(),
                request.items().size(), request.files().size());
        fetchers.execute(() -> accept(run));
    }

    /** Fetches and checks every file, then reports accepted (with the hashes) or an error. */
    private void accept(Run run) {
        List<String> hashes = new ArrayList<>();
        try {
            for (ProductionRequest.FileToFetch file : run.request.files()) {
                hashes.add(files.fetch(file));
            }
        } catch (FileFetcher.FileProblem problem) {
            LOG.warn("order {}: {} ({})", run.request.orderId(), problem.getMessage(), problem.code);
            synchronized (run) {
                if (!run.stopped) {
                    run.stopped = true;
                    send(run, Reports.error(run.request, problem.code, problem.getMessage(), Instant.now()),
                            () -> finish(run));
                }
            }
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        report(run, Step.ACCEPTED, hashes);
    }

    /** Sends one step's report and schedules the next one; a stopped order sends nothing more. */
    private void report(Run run, Step step, List<String> hashes) {
        synchronized (run) {
            if (run.stopped || !running) {
                return;
            }
            run.last = step;
            ObjectNode report = Reports.step(run.request, step, hashes, run.shipment, Instant.now());
            send(run, report, () -> step.next().ifPresentOrElse(
                    next -> scheduler.schedule(() -> report(run, next, List.of()),
                            next.delay(settings.stepDelay()).toMillis(), TimeUnit.MILLISECONDS),
                    () -> finish(run)));
        }
        LOG.info("order {}: {}", run.request.orderId(), step.kind());
    }

    private void cancelRequested(JsonNode event, TopicPartition partition, long offset) {
        String orderId = event.path("data").path("orderId").asText();
        boolean awaitingAnswer = event.path("data").path("awaitingAnswer").asBoolean(true);
        Run run = runs.get(orderId);
        if (run == null) {
            LOG.info("cancel of order {} that is not in production here: nothing to stop", orderId);
            offsets.done(partition, offset);
            return;
        }
        synchronized (run) {
            if (run.stopped) {
                offsets.done(partition, offset);
                return;
            }
            boolean accepted = run.last == null || !run.last.isShippedOrLater();
            LOG.info("order {}: cancel {} at {}", orderId, accepted ? "accepted" : "refused",
                    run.last == null ? "handover" : run.last.kind());
            if (accepted) {
                run.stopped = true;
            }
            if (accepted && !awaitingAnswer) {
                // canceled before our receipt: the ledger asks us to drop it, no answer expected
                offsets.done(partition, offset);
                finish(run);
                return;
            }
            send(run, Reports.cancelAnswer(run.request, accepted, Instant.now()), () -> {
                offsets.done(partition, offset);
                if (accepted) {
                    finish(run);
                }
            });
        }
    }

    private void shipmentUpdated(JsonNode event) {
        JsonNode data = event.path("data");
        String orderId = data.path("orderId").asText();
        String method = data.path("shipmentMethodUid").asText(null);
        String country = data.path("shippingAddress").path("country").asText(null);
        Run run = runs.get(orderId);
        if (run == null) {
            LOG.info("shipment update of order {} that is not in production here: nothing to change", orderId);
            return;
        }
        synchronized (run) {
            if (run.last != null && run.last.isShippedOrLater()) {
                LOG.info("order {}: shipment update after shipping, the parcel is already with {}", orderId,
                        run.shipment.carrier());
                return;
            }
            run.shipment = run.shipment.updated(method, country);
            LOG.info("order {}: shipment updated to method {} to {}", orderId, run.shipment.shipmentMethodUid(),
                    run.shipment.country());
        }
    }

    /** Sends a report keyed by order id; {@code then} runs once the broker has it (a failure is tried again). */
    private void send(Run run, ObjectNode report, Runnable then) {
        String value = report.toString();
        producer.send(new ProducerRecord<>(REPORTS, run.request.orderId(), value), (metadata, error) -> {
            if (error == null) {
                then.run();
            } else if (running) {
                LOG.warn("order {}: report not sent ({}), trying again in 1 s", run.request.orderId(),
                        error.toString());
                scheduler.schedule(() -> send(run, report, then), 1, TimeUnit.SECONDS);
            }
        });
    }

    private void finish(Run run) {
        runs.remove(run.request.orderId(), run);
        offsets.done(run.partition, run.offset);
    }

    /** Orders in production right now. */
    public int inProduction() {
        return runs.size();
    }

    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        consumer.wakeup();
        try {
            stopped.await(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        fetchers.shutdownNow();
        scheduler.shutdownNow();
        producer.close(Duration.ofSeconds(5));
    }
}
