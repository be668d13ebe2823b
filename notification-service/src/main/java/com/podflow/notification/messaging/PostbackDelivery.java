package com.podflow.notification.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.sqlclient.DatabaseException;

import com.podflow.events.OrderStatusChanged;
import com.podflow.notification.domain.DeliveryAttempt;
import com.podflow.notification.domain.PostbackPayload;
import com.podflow.notification.persistence.PostbackLog;
import com.podflow.notification.persistence.PostbackTargets;

/** Delivers one status change to its client's postback URL, once per event id, and logs the attempt. */
@ApplicationScoped
public class PostbackDelivery {
    private static final Logger LOG = Logger.getLogger(PostbackDelivery.class);

    private final PostbackTargets targets;
    private final PostbackLog log;
    private final PostbackSender sender;

    public PostbackDelivery(PostbackTargets targets, PostbackLog log, PostbackSender sender) {
        this.targets = targets;
        this.log = log;
        this.sender = sender;
    }

    /** The attempt made, or empty when this event was handled before. */
    public Uni<Optional<DeliveryAttempt>> deliver(String eventId, OrderStatusChanged change) {
        // At-least-once: check the log, POST, then insert the log row. A redelivery after the insert finds the row and
        // sends nothing; a crash between POST and insert posts once more under the same webhook-id (receivers
        // de-duplicate). Claiming the row before the POST would lose the postback on such a crash instead. Each
        // database call is retried on its own, so a database outage never repeats a POST that already happened.
        return retried("looking up event " + eventId, () -> log.contains(eventId))
                .flatMap(seen -> {
                    if (seen) {
                        LOG.infof("postback for event %s (order %s) was handled before, skipped", eventId,
                                change.orderId());
                        return Uni.createFrom().item(Optional.<DeliveryAttempt>empty());
                    }
                    return attempt(PostbackPayload.of(eventId, change)).map(Optional::of);
                });
    }

    private Uni<DeliveryAttempt> attempt(PostbackPayload payload) {
        String json = payload.toJson();
        return retried("looking up the postback URL of " + payload.clientId(), () -> targets.find(payload.clientId()))
                .flatMap(url -> url.isEmpty()
                        ? Uni.createFrom().item(DeliveryAttempt.noTarget(payload, json, Instant.now()))
                        : post(payload, json, url.get()))
                .call(attempt -> retried("logging the postback of " + payload.eventId(), () -> log.record(attempt)))
                .invoke(attempt -> LOG.infof("postback event=%s order=%s status=%s target=%s outcome=%s"
                        + " statusCode=%s durationMs=%d%s", attempt.eventId(), attempt.orderId(),
                        payload.fulfillmentStatus(), attempt.url() == null ? "none" : attempt.url(),
                        attempt.outcome().wireName(), attempt.statusCode(), attempt.durationMs(),
                        attempt.error() == null ? "" : " error=" + attempt.error()));
    }

    private Uni<DeliveryAttempt> post(PostbackPayload payload, String json, String url) {
        return sender.post(url, payload.eventId(), json)
                .map(answer -> answer.statusCode() == null
                        ? DeliveryAttempt.unanswered(payload, json, url, answer.error(), answer.durationMs(),
                                answer.startedAt())
                        : DeliveryAttempt.answered(payload, json, url, answer.statusCode(), answer.body(),
                                answer.durationMs(), answer.startedAt()));
    }

    /** A database call, repeated with backoff until the database answers: the record itself is fine. */
    private static <T> Uni<T> retried(String what, Supplier<Uni<? extends T>> call) {
        return Uni.createFrom().deferred(call)
                .onFailure(PostbackDelivery::isTransient)
                .invoke(e -> LOG.warnf("%s failed, retrying: %s", what, e.getMessage()))
                .onFailure(PostbackDelivery::isTransient)
                .retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely();
    }

    /**
     * Everything but a refusal of this very data: a bug of ours or a value PostgreSQL will never take (SQLSTATE class
     * 22 data exception, 23 constraint violation). Retrying those would block the partition forever.
     */
    private static boolean isTransient(Throwable failure) {
        if (failure instanceof IllegalArgumentException || failure instanceof IllegalStateException) {
            return false;
        }
        if (failure instanceof DatabaseException db && db.getSqlState() != null) {
            return !(db.getSqlState().startsWith("22") || db.getSqlState().startsWith("23"));
        }
        return true;
    }
}
