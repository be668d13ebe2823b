package com.podflow.notification.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Metrics;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

import com.podflow.notification.config.NotificationConfig;
import com.podflow.notification.domain.DeliveryDecision;
import com.podflow.notification.domain.RetrySchedule;
import com.podflow.notification.domain.SecretBox;
import com.podflow.notification.persistence.Deliveries;
import com.podflow.notification.persistence.Deliveries.AttemptRecord;
import com.podflow.notification.persistence.Deliveries.Claimed;
import com.podflow.notification.persistence.Deliveries.Delivery;
import com.podflow.notification.persistence.Deliveries.NewDelivery;
import com.podflow.notification.persistence.Endpoints.Endpoint;
import com.podflow.support.messaging.Failures;

/**
 * Sends due deliveries: leases a batch from PostgreSQL (with their endpoints, in one round trip), sends each without
 * blocking (many at once, so a slow endpoint holds only its own slots), and records the attempts with the deliveries'
 * next states by the batch: every result that arrives while a write is running joins the next write, one transaction
 * with a constant number of statements. All state lives in the database; a restart or a crash loses at most the
 * leases, which expire and are taken again.
 */
@ApplicationScoped
public class DeliveryWorker {
    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
    /** Most deliveries leased by one claim. */
    private static final int CLAIM_LIMIT = 100;
    /** Most results recorded by one transaction. */
    private static final int RECORD_LIMIT = 500;
    /** How often the worker logs what it delivered. */
    private static final long SUMMARY_MS = 60_000;

    private final Vertx vertx;
    private final Pool pool;
    private final Deliveries deliveries;
    private final HttpSender http;
    private final ReactiveMailer mailer;
    private final MailComposer mails;
    private final NotificationConfig config;
    private final RetrySchedule schedule;
    private final SecretBox secrets;
    private final String owner;
    private final long leaseMs;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean polling = new AtomicBoolean();
    private final AtomicBoolean pollAgain = new AtomicBoolean();
    /** Leased deliveries not yet sent or being sent (sends and those waiting for a slot of their lane). */
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Per lane: sends running (at most the per-endpoint cap) and leased deliveries waiting for a slot; guarded by itself. */
    private final Map<String, Lane> lanes = new HashMap<>();

    private static final class Lane {
        int sending;
        final ArrayDeque<Claimed> waiting = new ArrayDeque<>();
    }

    /** Attempts recorded since the last summary line. */
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong notDelivered = new AtomicLong();
    private long summaryTimer = -1;
    private long timer = -1;

    /** Leased deliveries whose send has ended and whose result is not committed yet: they hold no send slot. */
    private final Set<Long> sent = ConcurrentHashMap.newKeySet();
    /** Results waiting for the next write; guarded by itself, as is {@link #recording}. */
    private final List<Result> results = new ArrayList<>();
    private boolean recording;

    public DeliveryWorker(Vertx vertx, Pool pool, Deliveries deliveries, HttpSender http, ReactiveMailer mailer,
            MailComposer mails, NotificationConfig config) {
        this.vertx = vertx;
        this.pool = pool;
        this.deliveries = deliveries;
        this.http = http;
        this.mailer = mailer;
        this.mails = mails;
        this.config = config;
        this.schedule = RetrySchedule.parse(config.retrySchedule(), config.retryJitter());
        this.secrets = config.secretEncryptionKey().map(SecretBox::new).orElse(null);
        this.owner = config.workerId().orElse("worker-" + UUID.randomUUID());
        // a lease outlives the longest send (and the write of its result) by a margin; after that another worker may
        // take the row
        // (and the wait of a delivery leased ahead: its lane's sends before it, at most ahead / cap rounds of them)
        int rounds = (config.claimAheadPerEndpoint() + config.maxInFlightPerEndpoint() - 1)
                / Math.max(1, config.maxInFlightPerEndpoint());
        this.leaseMs = (2 + rounds) * config.postbackTimeoutMs() + 30_000;
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    /** Starts polling (tests stop and start the worker to play a service that is down). */
    public void start() {
        if (running.compareAndSet(false, true)) {
            LOG.infof("delivery worker %s started, retry schedule %s", owner, schedule.delays());
            synchronized (this) {
                if (summaryTimer == -1) {
                    summaryTimer = vertx.setPeriodic(SUMMARY_MS, id -> summary());
                }
            }
            wakeUp();
        }
    }

    /** Stops taking new deliveries; sends in flight finish (or, on a crash, their leases expire). */
    @PreDestroy
    public void stop() {
        running.set(false);
        synchronized (this) {
            if (timer != -1) {
                vertx.cancelTimer(timer);
                timer = -1;
            }
            if (summaryTimer != -1) {
                vertx.cancelTimer(summaryTimer);
                summaryTimer = -1;
            }
        }
        summary();
    }

    /**
     * On shutdown (after Quarkus has let the HTTP requests in flight finish, {@code quarkus.shutdown.timeout}): stops
     * taking deliveries and waits for the sends in flight and the writes of their results, at most the postback
     * timeout and 5 s more. A send cut off after that is retried by a worker once its lease expires (the receiver may
     * see it twice, with the same webhook-id).
     */
    void onShutdown(@Observes ShutdownEvent event) {
        stop();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.postbackTimeoutMs() + 5_000);
        while (busy() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        if (busy()) {
            LOG.warnf("delivery worker %s: stopped with %d sends in flight; they are retried when their leases expire",
                    owner, inFlight.get());
        } else {
            LOG.infof("delivery worker %s: stopped, no send in flight", owner);
        }
    }

    /** Sends in flight, or results queued or being written. */
    boolean busy() {
        synchronized (results) {
            return inFlight.get() > 0 || recording || !results.isEmpty();
        }
    }

    /** One INFO line per minute with attempts, instead of one per delivery. */
    private void summary() {
        long ok = delivered.getAndSet(0), failed = notDelivered.getAndSet(0);
        if (ok + failed > 0) {
            LOG.infof("delivery worker %s: %d delivered, %d attempts failed in the last %d s; %d in flight", owner, ok,
                    failed, SUMMARY_MS / 1000, inFlight.get());
        }
    }

    public int inFlight() {
        return inFlight.get();
    }

    /** Looks for due deliveries now (new ones were scheduled, a send ended, or results were recorded). */
    public void wakeUp() {
        if (!running.get()) {
            return;
        }
        if (!polling.compareAndSet(false, true)) {
            pollAgain.set(true);
            return;
        }
        pollAgain.set(false);
        // results not yet written count against the room too, so that a database that lags slows the sending down
        int room = Math.min(CLAIM_LIMIT, Math.min(config.maxInFlight() - inFlight.get(),
                4 * config.maxInFlight() - sent.size()));
        if (room <= 0) {
            polling.set(false);
            later();
            return;
        }
        long claimStart = System.nanoTime();
        deliveries.claim(owner, room, config.maxInFlightPerEndpoint() + config.claimAheadPerEndpoint(), leaseMs,
                List.copyOf(sent))
                .subscribe().with(batch -> {
                    long claimMs = (System.nanoTime() - claimStart) / 1_000_000;
                    // a slow claim is the first thing to look at when deliveries lag (see the README's benchmark)
                    if (claimMs > 200) {
                        LOG.warnf("claiming due deliveries took %d ms (%d claimed)", claimMs, batch.size());
                    }
                    inFlight.addAndGet(batch.size());
                    List<Claimed> now = new ArrayList<>();
                    synchronized (lanes) {
                        for (Claimed c : batch) {
                            Lane lane = lanes.computeIfAbsent(c.delivery().lane(), k -> new Lane());
                            if (lane.sending < config.maxInFlightPerEndpoint()) {
                                lane.sending++;
                                now.add(c);
                            } else {
                                lane.waiting.add(c);
                            }
                        }
                    }
                    now.forEach(this::startSend);
                    polling.set(false);
                    if (batch.size() == room || pollAgain.get()) {
                        vertx.runOnContext(this::wakeUp);
                    } else {
                        later();
                    }
                }, failure -> {
                    LOG.warnf("looking for due deliveries failed: %s", failure.getMessage());
                    polling.set(false);
                    later();
                });
    }

    /** Sends a leased delivery that holds one of its lane's send slots; when it ends, the lane's next one starts. */
    private void startSend(Claimed c) {
        send(c).subscribe().with(result -> {
            if (result != null) {
                record(result);
            }
            finished(c);
        }, failure -> {
            LOG.warnf(failure, "delivery %d could not be completed; its lease will expire and it is retried",
                    c.delivery().id());
            finished(c);
        });
    }

    private void finished(Claimed c) {
        Claimed next;
        synchronized (lanes) {
            Lane lane = lanes.get(c.delivery().lane());
            next = lane.waiting.poll();
            if (next == null) {
                lane.sending--;
                if (lane.sending == 0) {
                    lanes.remove(c.delivery().lane());
                }
            }
        }
        inFlight.decrementAndGet();
        if (next != null) {
            // the slot passes to the lane's next leased delivery at once
            startSend(next);
        }
        wakeUp();
    }

    private synchronized void later() {
        if (!running.get()) {
            return;
        }
        if (timer != -1) {
            vertx.cancelTimer(timer);
        }
        timer = vertx.setTimer(config.pollIntervalMs(), id -> {
            synchronized (this) {
                timer = -1;
            }
            wakeUp();
        });
    }

    /** How one send ended, to be recorded. */
    record Result(Delivery delivery, Endpoint endpoint, String target, Integer statusCode, String body, String error,
            String retryAfter, long durationMs, Instant attemptedAt) {}

    /** Sends one delivery; answers its result, or null when it was given up without an attempt. */
    Uni<Result> send(Claimed claimed) {
        Delivery d = claimed.delivery();
        if (d.channel().equals("email")) {
            long start = System.nanoTime();
            Instant at = Instant.now();
            return mailer.send(Mail.withText(d.recipient(), d.subject(), d.payload()))
                    .map(accepted -> new Result(d, null, d.recipient(), 250, null, null, null, millisSince(start), at))
                    .onFailure().recoverWithItem(e -> new Result(d, null, d.recipient(), null, null,
                            "mail not sent: " + e.getMessage(), null, millisSince(start), at));
        }
        Endpoint endpoint = claimed.endpoint();
        if (d.endpointId() == null || endpoint == null) {
            return deliveries.abandon(d, owner, "the endpoint was deleted").replaceWith((Result) null);
        }
        if (!endpoint.enabled()) {
            return deliveries.abandon(d, owner, "endpoint disabled: " + endpoint.disabledReason())
                    .replaceWith((Result) null);
        }
        List<String> keys;
        try {
            keys = signingSecrets(endpoint);
        } catch (RuntimeException e) {
            return deliveries.abandon(d, owner, "cannot sign: " + e.getMessage()).replaceWith((Result) null);
        }
        return http.post(endpoint.url(), d.messageId(), d.payload(), keys)
                .map(answer -> new Result(d, endpoint, endpoint.url(), answer.statusCode(), answer.body(),
                        answer.error(), answer.retryAfter(), answer.durationMs(), answer.startedAt()));
    }

    /** Queues a result; starts a write unless one is running (that one's successor takes it). */
    private void record(Result result) {
        sent.add(result.delivery().id());
        synchronized (results) {
            results.add(result);
            if (recording) {
                return;
            }
            recording = true;
        }
        writeNext();
    }

    /** Writes the queued results, then the ones that came meanwhile, until none is left. */
    private void writeNext() {
        List<Result> batch = new ArrayList<>();
        synchronized (results) {
            // one result per delivery and write: its attempt number counts the rows written before
            Set<Long> ids = new HashSet<>();
            for (var it = results.iterator(); it.hasNext() && batch.size() < RECORD_LIMIT;) {
                Result r = it.next();
                if (ids.add(r.delivery().id())) {
                    batch.add(r);
                    it.remove();
                }
            }
            if (batch.isEmpty()) {
                recording = false;
                return;
            }
        }
        write(batch).subscribe().with(done -> written(batch), failure -> {
            LOG.warnf(failure, "%d delivery results could not be recorded; their leases will expire and they are"
                    + " retried", batch.size());
            written(batch);
        });
    }

    private void written(List<Result> batch) {
        batch.forEach(r -> sent.remove(r.delivery().id()));
        // a recorded delivery may release its order's next status on its lane
        wakeUp();
        writeNext();
    }

    /**
     * Records a batch of results in one transaction; transient failures are retried for a while (the leases outlive
     * them); a batch PostgreSQL refuses is written one result at a time, so that only the one at fault is lost (its
     * lease expires and it is sent again).
     */
    private Uni<Void> write(List<Result> batch) {
        Uni<Void> once = Uni.createFrom().deferred(() -> pool.withTransaction(conn -> recordAll(conn, batch)))
                .onFailure(Failures::isTransient).retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(2))
                .atMost(5)
                .invoke(logged -> logged.forEach(this::log))
                .replaceWithVoid();
        if (batch.size() == 1) {
            return once;
        }
        return once.onFailure(e -> !Failures.isTransient(e)).recoverWithUni(e -> {
            LOG.warnf("recording %d delivery results was refused (%s); recording them one at a time", batch.size(),
                    e.getMessage());
            return Multi.createFrom().iterable(batch)
                    .onItem().transformToUniAndConcatenate(r -> write(List.of(r)).onFailure()
                            .invoke(f -> LOG.warnf(f, "the result of delivery %d could not be recorded; its lease"
                                    + " will expire and it is retried", r.delivery().id()))
                            .onFailure().recoverWithNull())
                    .collect().last().replaceWithVoid();
        });
    }

    /** What was decided for one recorded result. */
    private record Logged(Result result, DeliveryDecision decision) {}

    /**
     * The endpoints' health (one statement, only when something failed or an endpoint that was failing succeeded), the
     * decisions, the attempts and next states (one statement, only where this worker holds the lease), then the rare
     * disabling of endpoints.
     */
    private Uni<List<Logged>> recordAll(SqlConnection conn, List<Result> batch) {
        Map<UUID, Deliveries.EndpointResults> health = new LinkedHashMap<>();
        boolean needed = false;
        for (Result r : batch) {
            if (r.endpoint() == null) {
                continue;
            }
            boolean ok = delivered(r.statusCode());
            needed |= !ok || r.endpoint().failingSince() != null;
            health.merge(r.endpoint().id(), new Deliveries.EndpointResults(r.endpoint().id(), !ok, ok),
                    (a, b) -> new Deliveries.EndpointResults(a.endpointId(), a.failed() || b.failed(),
                            a.succeeded() || b.succeeded()));
        }
        Uni<Map<UUID, Instant>> failingSince = needed
                ? deliveries.endpointHealth(conn, health.values())
                : Uni.createFrom().item(Map.of());
        return failingSince.flatMap(since -> {
            Instant now = Instant.now();
            List<Logged> decided = new ArrayList<>();
            List<Deliveries.Completion> completions = new ArrayList<>();
            for (Result r : batch) {
                Delivery d = r.delivery();
                DeliveryDecision decision = DeliveryDecision.of(d.attempts() + 1, r.statusCode(), r.body(),
                        r.error(), r.retryAfter(), schedule, now, ThreadLocalRandom.current()::nextDouble);
                if (r.endpoint() != null && !decision.outcome().equals("delivered")) {
                    decision = decision.failingFor(since.getOrDefault(r.endpoint().id(), now),
                            Duration.ofHours(config.disableAfterFailingHours()), now);
                }
                decided.add(new Logged(r, decision));
                completions.add(new Deliveries.Completion(d.id(), d.lane(), d.orderId(),
                        new AttemptRecord(r.target(), decision.outcome(),
                                r.statusCode(), decision.responseExcerpt(), decision.error(), r.durationMs(),
                                r.attemptedAt()),
                        decision.state(), decision.nextAttemptAt()));
            }
            return deliveries.completeAll(conn, owner, completions).flatMap(held -> {
                List<Logged> recorded = decided.stream().filter(l -> held.contains(l.result().delivery().id()))
                        .toList();
                if (recorded.size() < decided.size()) {
                    LOG.warnf("%d delivery results were dropped: their leases had passed to another worker",
                            decided.size() - recorded.size());
                }
                Map<UUID, Logged> disabling = new LinkedHashMap<>();
                for (Logged l : recorded) {
                    if (l.decision().disables()) {
                        disabling.putIfAbsent(l.result().endpoint().id(), l);
                    }
                }
                if (disabling.isEmpty()) {
                    return Uni.createFrom().item(recorded);
                }
                return Multi.createFrom().iterable(disabling.values())
                        .onItem().transformToUniAndConcatenate(l -> disable(conn, l.result().endpoint().id(),
                                l.decision().disableReason()))
                        .collect().last().replaceWith(recorded);
            });
        });
    }

    private Uni<Void> disable(SqlConnection conn, UUID endpointId, String reason) {
        return deliveries.disableEndpoint(conn, endpointId, reason)
                .flatMap(disabled -> disabled.isEmpty() || disabled.get().contactEmail() == null
                        ? Uni.createFrom().voidItem()
                        : notifyOwner(conn, disabled.get(), reason));
    }

    private static boolean delivered(Integer statusCode) {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private List<String> signingSecrets(Endpoint endpoint) {
        List<String> keys = new ArrayList<>();
        if (endpoint.secret() == null) {
            return keys;
        }
        if (secrets == null) {
            throw new IllegalStateException("notification.secret-encryption-key is not configured");
        }
        keys.add(secrets.decrypt(endpoint.secret()));
        // during a rotation both secrets sign, so receivers can switch at their own pace
        if (endpoint.previousSecret() != null && endpoint.previousSecretUntil() != null
                && endpoint.previousSecretUntil().isAfter(Instant.now())) {
            keys.add(secrets.decrypt(endpoint.previousSecret()));
        }
        return keys;
    }

    /** The owner's e-mail about a disabled endpoint: a delivery like any other, so it is durable too. */
    private Uni<Void> notifyOwner(SqlConnection conn, Endpoint endpoint, String reason) {
        MailComposer.Mail mail = mails.endpointDisabled(endpoint, reason);
        String address = endpoint.contactEmail().strip().toLowerCase();
        return deliveries.insert(conn, new NewDelivery(endpoint.clientId(), "email", null, address,
                "email:" + address, endpoint.id().toString(), 0, "endpoint-disabled",
                "endpoint-disabled_" + endpoint.id() + "_" + Instant.now().toEpochMilli(), "endpoint_disabled",
                mail.text(), mail.subject(), "pending"));
    }

    private void log(Logged logged) {
        Result r = logged.result();
        Delivery d = r.delivery();
        DeliveryDecision decision = logged.decision();
        (decision.outcome().equals("delivered") ? delivered : notDelivered).incrementAndGet();
        Metrics.counter("podflow.notification.deliveries", "outcome", decision.outcome(), "state",
                String.valueOf(decision.state())).increment();
        if (!LOG.isDebugEnabled() && decision.outcome().equals("delivered")) {
            return;
        }
        // a delivery is a DEBUG line (the delivery log is the record); a failed attempt stays an INFO line
        LOG.logf(decision.outcome().equals("delivered") ? Logger.Level.DEBUG : Logger.Level.INFO,
                "%s delivery=%d message=%s order=%s type=%s target=%s attempt=%d outcome=%s statusCode=%s"
                        + " durationMs=%d state=%s%s%s",
                d.channel(), d.id(), d.messageId(), d.orderId(), d.eventType(),
                r.target(), d.attempts() + 1, decision.outcome(), r.statusCode(), r.durationMs(), decision.state(),
                decision.nextAttemptAt() == null ? "" : " nextAttemptAt=" + decision.nextAttemptAt(),
                decision.error() == null ? "" : " error=" + decision.error());
        if (decision.disables()) {
            LOG.warnf("endpoint %s disabled: %s", d.endpointId(), decision.disableReason());
        }
    }
}
