package com.podflow.notification.messaging;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.net.SocketAddress;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.ext.web.codec.BodyCodec;

import com.podflow.notification.config.NotificationConfig;
import com.podflow.notification.domain.DeliveryAttempt;
import com.podflow.notification.domain.WebhookSignature;
import com.podflow.support.net.PublicAddresses;

/**
 * POSTs one JSON body to one URL, once, and reports what happened; it never fails: a refused target, a timeout or a
 * refused connection is an answer too. The host is resolved here, every address checked, and the connection made to
 * the checked address (no second DNS lookup that could be rebound); redirects are not followed; only the start of the
 * answer is kept.
 */
@ApplicationScoped
public class HttpSender {
    /** Enough bytes for {@link DeliveryAttempt#EXCERPT_CHARS} characters of any UTF-8 text. */
    static final int EXCERPT_BYTES = 4 * DeliveryAttempt.EXCERPT_CHARS;

    private final WebClient client;
    private final long timeoutMs;
    private final boolean allowHttp;
    private final PublicAddresses addresses;

    public HttpSender(Vertx vertx, NotificationConfig config) {
        this.timeoutMs = config.postbackTimeoutMs();
        this.allowHttp = config.allowHttp();
        this.addresses = new PublicAddresses(config.allowedTargetCidrs().orElse(List.of()));
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setFollowRedirects(false)
                .setConnectTimeout((int) Math.min(timeoutMs, Integer.MAX_VALUE))
                .setMaxPoolSize(64)
                .setUserAgent("podflow-notification-service"));
    }

    /** The target's answer (status code, Retry-After and the start of the body), or why there was none. */
    public record Answer(Instant startedAt, long durationMs, Integer statusCode, String body, String retryAfter,
            String error) {}

    /**
     * Sends {@code json} with the Standard Webhooks headers; {@code secrets} (plain, {@code whsec_...}) sign it, one
     * signature each; none: unsigned (a postback).
     */
    public Uni<Answer> post(String url, String messageId, String json, List<String> secrets) {
        return Uni.createFrom().deferred(() -> {
            Instant startedAt = Instant.now();
            long start = System.nanoTime();
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                return refused(startedAt, start, "url cannot be parsed: " + e.getMessage());
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
                return refused(startedAt, start, "target refused: url must use https");
            }
            if (uri.getRawUserInfo() != null || uri.getHost() == null) {
                return refused(startedAt, start, "target refused: url needs a host and no credentials");
            }
            String host = uri.getHost().startsWith("[")
                    ? uri.getHost().substring(1, uri.getHost().length() - 1)
                    : uri.getHost();
            int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
            return resolve(host)
                    .flatMap(address -> {
                        long timestamp = Instant.now().getEpochSecond();
                        return send(SocketAddress.inetSocketAddress(port, address.getHostAddress()), url,
                                messageId, timestamp, json, secrets);
                    })
                    // the client's timeout restarts with every byte received: this one bounds the whole exchange
                    .ifNoItem().after(Duration.ofMillis(timeoutMs + 1000)).fail()
                    .map(response -> new Answer(startedAt, millisSince(start), response.statusCode(),
                            response.body(), response.getHeader("Retry-After"), null))
                    .onFailure().recoverWithItem(e -> new Answer(startedAt, millisSince(start), null, null, null,
                            describe(e)));
        });
    }

    /** Resolves the host and checks every address it has: one forbidden address refuses the target. */
    private Uni<InetAddress> resolve(String host) {
        return Uni.createFrom().item(() -> {
            InetAddress[] all;
            try {
                all = InetAddress.getAllByName(host);
            } catch (java.net.UnknownHostException e) {
                throw new TargetRefused("unknown host " + host);
            }
            for (InetAddress address : all) {
                addresses.refusal(address).ifPresent(refusal -> {
                    throw new TargetRefused("target refused: " + host + " is not public: " + refusal);
                });
            }
            return all[0];
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private Uni<HttpResponse<String>> send(SocketAddress server, String url, String messageId, long timestamp,
            String json, List<String> secrets) {
        // deferred: requestAbs throws at once on a URL it cannot use, which must become a failed attempt too
        return Uni.createFrom().deferred(() -> {
            var request = client.requestAbs(HttpMethod.POST, server, url)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("webhook-id", messageId)
                    .putHeader("webhook-timestamp", Long.toString(timestamp))
                    .followRedirects(false)
                    .timeout(timeoutMs);
            if (!secrets.isEmpty()) {
                request.putHeader("webhook-signature", WebhookSignature.header(secrets, messageId, timestamp, json));
            }
            return request.as(BodyCodec.<String>newInstance(new ExcerptBodyCodec(EXCERPT_BYTES)))
                    .sendBuffer(Buffer.buffer(json));
        });
    }

    @PreDestroy
    void close() {
        client.close();
    }

    private static Uni<Answer> refused(Instant startedAt, long start, String why) {
        return Uni.createFrom().item(new Answer(startedAt, millisSince(start), null, null, null, why));
    }

    private String describe(Throwable failure) {
        if (failure instanceof TargetRefused) {
            return failure.getMessage();
        }
        if (failure instanceof TimeoutException || failure.getClass().getSimpleName().contains("Timeout")) {
            return "no answer within " + timeoutMs + " ms";
        }
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** A target this service will not connect to. */
    static final class TargetRefused extends RuntimeException {
        TargetRefused(String message) {
            super(message, null, false, false);
        }
    }
}
