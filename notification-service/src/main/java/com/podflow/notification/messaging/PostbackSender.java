package com.podflow.notification.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.ext.web.codec.BodyCodec;

import com.podflow.notification.config.NotificationConfig;
import com.podflow.notification.domain.DeliveryAttempt;

/**
 * POSTs one JSON body to one URL, once, and reports what happened; it never fails: a timeout or a refused connection
 * is an answer too. Redirects are not followed (a postback target must answer itself).
 */
@ApplicationScoped
public class PostbackSender {
    /** Enough bytes for {@link DeliveryAttempt#EXCERPT_CHARS} characters of any UTF-8 text. */
    static final int EXCERPT_BYTES = 4 * DeliveryAttempt.EXCERPT_CHARS;

    private final WebClient client;
    private final long timeoutMs;

    public PostbackSender(Vertx vertx, NotificationConfig config) {
        this.timeoutMs = config.postbackTimeoutMs();
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setFollowRedirects(false)
                .setConnectTimeout((int) Math.min(timeoutMs, Integer.MAX_VALUE))
                .setUserAgent("podflow-notification-service"));
    }

    /** The target's answer (status code and the start of the body), or why there was none. */
    public record Answer(Instant startedAt, long durationMs, Integer statusCode, String body, String error) {}

    public Uni<Answer> post(String url, String webhookId, String json) {
        return Uni.createFrom().deferred(() -> {
            Instant startedAt = Instant.now();
            long start = System.nanoTime();
            return send(url, webhookId, json)
                    // the client's timeout restarts with every byte received: this one bounds the whole exchange
                    .ifNoItem().after(Duration.ofMillis(timeoutMs + 1000)).fail()
                    .map(response -> new Answer(startedAt, millisSince(start), response.statusCode(),
                            response.body(), null))
                    .onFailure().recoverWithItem(e -> new Answer(startedAt, millisSince(start), null, null,
                            describe(e)));
        });
    }

    private Uni<HttpResponse<String>> send(String url, String webhookId, String json) {
        // deferred: postAbs throws at once on a URL it cannot use, which must become a failed attempt too
        return Uni.createFrom().deferred(() -> client.postAbs(url)
                .putHeader("Content-Type", "application/json")
                .putHeader("webhook-id", webhookId)
                .followRedirects(false)
                .timeout(timeoutMs)
                .as(BodyCodec.<String>newInstance(new ExcerptBodyCodec(EXCERPT_BYTES)))
                .sendBuffer(Buffer.buffer(json)));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    private String describe(Throwable failure) {
        if (failure instanceof TimeoutException || failure.getClass().getSimpleName().contains("Timeout")) {
            return "no answer within " + timeoutMs + " ms";
        }
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
