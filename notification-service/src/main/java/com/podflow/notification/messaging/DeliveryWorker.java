package com.podflow.notification.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

import com.podflow.notification.config.NotificationConfig;
import com.podflow.notification.domain.DeliveryDecision;
import com.podflow.notification.domain.RetrySchedule;
import com.podflow.notification.domain.SecretBox;
import com.podflow.notification.persistence.Deliveries;
import com.podflow.notification.persistence.Deliveries.AttemptRecord;
import com.podflow.notification.persistence.Deliveries.Delivery;
import com.podflow.notification.persistence.Deliveries.NewDelivery;
import com.podflow.notification.persistence.Endpoints;
import com.podflow.notification.persistence.Endpoints.Endpoint;

/**
 * Sends due deliveries: leases a batch from PostgreSQL, sends each without blocking (many at once, so a slow endpoint
 * holds only its own slots), and records every attempt with the delivery's next state in one transaction. All state
 * lives in the database; a restart or a crash loses at most the leases, which expire and are taken again.
 */
@ApplicationScoped
public class DeliveryWorker {
    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    private final Vertx vertx;
    private final Pool pool;
    private final Deliveries deliveries;
    private final Endpoints endpoints;
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
    private final AtomicInteger inFlight = new AtomicInteger();
    private long timer = -1;

    public DeliveryWorker(Vertx vertx, Pool pool, Deliveries deliveries, Endpoints endpoints, HttpSender http,
            ReactiveMailer mailer, MailComposer mails, NotificationConfig config) {
        this.vertx = vertx;
        this.pool = pool;
        this.deliveries = deliveries;
        this.endpoints = endpoints;
        this.http = http;
        this.mailer = mailer;
        this.mails = mails;
        this.config = config;
        this.schedule = RetrySchedule.parse(config.retrySchedule(), config.retryJitter());
        this.secrets = config.secretEncryptionKey().map(SecretBox::new).orElse(null);
        this.owner = config.workerId().orElse("worker-" + UUID.randomUUID());
        // a lease outlives the longest send by a margin; after that another worker may take the row
        this.leaseMs = 2 * config.postbackTimeoutMs() + 30_000;
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    /** Starts polling (tests stop and start the worker to play a service that is down). */
    public void start() {
        if (running.compareAndSet(false, true)) {
            LOG.infof("delivery worker %s started, retry schedule %s", owner, schedule.delays());
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
        }
    }

    public int inFlight() {
        return inFlight.get();
    }

    /** Looks for due deliveries now (new ones were scheduled, or a send finished). */
    public void wakeUp() {
        if (!running.get()) {
            return;
        }
        if (!polling.compareAndSet(false, true)) {
            pollAgain.set(true);
            return;
        }
        pollAgain.set(false);
        int room = Math.min(100, config.maxInFlight() - inFlight.get());
        if (room <= 0) {
            polling.set(false);
            later();
            return;
        }
        long claimStart = System.nanoTime();
        deliveries.claim(owner, room, config.maxInFlightPerEndpoint(), leaseMs).subscribe().with(batch -> {
            long claimMs = (System.nanoTime() - claimStart) / 1_000_000;
            // a slow claim is the first thing to look at when deliveries lag (see the README's benchmark)
            if (claimMs > 200) {
                LOG.warnf("claiming due deliveries took %d ms (%d claimed)", claimMs, batch.size());
            }
            for (Delivery d : batch) {
                inFlight.incrementAndGet();
                handle(d).subscribe().with(done -> finished(), failure -> {
                    LOG.warnf(failure, "delivery %d could not be completed; its lease will expire and it is retried",
                            d.id());
                    finished();
                });
            }
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

    private void finished() {
        inFlight.decrementAndGet();
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

    Uni<Void> handle(Delivery d) {
        if (d.channel().equals("email")) {
            long start = System.nanoTime();
            Instant at = Instant.now();
            return mailer.send(Mail.withText(d.recipient(), d.subject(), d.payload()))
                    .map(sent -> finish(d, null, d.recipient(), 250, null, null, null, start, at))
                    .onFailure().recoverWithItem(e -> finish(d, null, d.recipient(), null, null,
                            "mail not sent: " + e.getMessage(), null, start, at))
                    .flatMap(u -> u);
        }
        if (d.endpointId() == null) {
            return deliveries.abandon(d, owner, "the endpoint was deleted");
        }
        return endpoints.find(d.endpointId()).flatMap(found -> {
            if (found.isEmpty()) {
                return deliveries.abandon(d, owner, "the endpoint was deleted");
            }
            Endpoint endpoint = found.get();
            if (!endpoint.enabled()) {
                return deliveries.abandon(d, owner, "endpoint disabled: " + endpoint.disabledReason());
            }
            List<String> keys;
            try {
                keys = signingSecrets(endpoint);
            } catch (RuntimeException e) {
                return deliveries.abandon(d, owner, "cannot sign: " + e.getMessage());
            }
            long start = System.nanoTime();
            Instant at = Instant.now();
            return http.post(endpoint.url(), d.messageId(), d.payload(), keys)
                    .flatMap(answer -> finish(d, endpoint, endpoint.url(), answer.statusCode(), answer.body(),
                            answer.error(), answer.retryAfter(), start, at));
        });
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

    private Uni<Void> finish(Delivery d, Endpoint endpoint, String target, Integer statusCode, String body,
            String error, String retryAfter, long startNanos, Instant at) {
        long durationMs = (System.nanoTime() - startNanos) / 1_000_000;
        DeliveryDecision first = DeliveryDecision.of(d.attempts() + 1, statusCode, body, error, retryAfter, schedule,
                Instant.now(), ThreadLocalRandom.current()::nextDouble);
        return pool.withTransaction(conn -> {
            Uni<DeliveryDecision> decided = endpoint == null || first.outcome().equals("delivered")
                    ? Uni.createFrom().item(first)
                    : deliveries.endpointFailed(conn, endpoint.id()).map(since -> first.failingFor(since,
                            Duration.ofHours(config.disableAfterFailingHours()), Instant.now()));
            return decided.flatMap(decision -> {
                AttemptRecord attempt = new AttemptRecord(target, decision.outcome(), statusCode,
                        decision.responseExcerpt(), decision.error(), durationMs, at);
                Uni<Boolean> completed = deliveries.complete(conn, d, owner, attempt, decision.state(),
                        decision.nextAttemptAt());
                if (endpoint == null) {
                    return completed.replaceWith(decision);
                }
                if (decision.outcome().equals("delivered")) {
                    return completed.call(() -> deliveries.endpointSucceeded(conn, endpoint.id()))
                            .replaceWith(decision);
                }
                if (!decision.disables()) {
                    return completed.replaceWith(decision);
                }
                return completed.call(() -> deliveries.disableEndpoint(conn, endpoint.id(), decision.disableReason())
                        .call(disabled -> disabled.isEmpty() || disabled.get().contactEmail() == null
                                ? Uni.createFrom().voidItem()
                                : notifyOwner(conn, disabled.get(), decision.disableReason())))
                        .replaceWith(decision);
            });
        }).invoke(decision -> log(d, target, statusCode, decision, durationMs)).replaceWithVoid();
    }

    /** The owner's e-mail about a disabled endpoint: a delivery like any other, so it is durable too. */
    private Uni<Void> notifyOwner(io.vertx.mutiny.sqlclient.SqlConnection conn, Endpoint endpoint, String reason) {
        MailComposer.Mail mail = mails.endpointDisabled(endpoint, reason);
        String address = endpoint.contactEmail().strip().toLowerCase();
        return deliveries.insert(conn, new NewDelivery(endpoint.clientId(), "email", null, address,
                "email:" + address, endpoint.id().toString(), 0, "endpoint-disabled",
                "endpoint-disabled_" + endpoint.id() + "_" + Instant.now().toEpochMilli(), "endpoint_disabled",
                mail.text(), mail.subject(), "pending"));
    }

    private static void log(Delivery d, String target, Integer statusCode, DeliveryDecision decision,
            long durationMs) {
        LOG.infof("%s delivery=%d message=%s order=%s type=%s target=%s attempt=%d outcome=%s statusCode=%s"
                + " durationMs=%d state=%s%s%s", d.channel(), d.id(), d.messageId(), d.orderId(), d.eventType(),
                target, d.attempts() + 1, decision.outcome(), statusCode, durationMs, decision.state(),
                decision.nextAttemptAt() == null ? "" : " nextAttemptAt=" + decision.nextAttemptAt(),
                decision.error() == null ? "" : " error=" + decision.error());
        if (decision.disables()) {
            LOG.warnf("endpoint %s disabled: %s", d.endpointId(), decision.disableReason());
        }
    }
}
