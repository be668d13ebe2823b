package com.podflow.intake.client;

import java.time.Duration;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

import com.podflow.support.api.ApiException;

/**
 * Forwards an operator's or a client's support call (time travel, rebuilds, what-if, Kafka replays, analytics) to the
 * ledger's internal API and answers with what the ledger answered, status and body (its 4xx name the field). Reads are
 * retried twice; commands (a rebuild, a swap, a replay) never, and may run long.
 */
@ApplicationScoped
public class LedgerForwarder {
    private static final Logger LOG = Logger.getLogger(LedgerForwarder.class);
    /** A rebuild of everything or a Kafka replay folds for a while: the ledger answers when done. */
    static final int COMMAND_TIMEOUT_MS = 300_000;
    static final int READ_TIMEOUT_MS = 30_000;

    private final WebClient http;
    private final String base;

    public LedgerForwarder(Vertx vertx, @ConfigProperty(name = "quarkus.rest-client.ledger.url") String ledgerUrl) {
        this.base = ledgerUrl.replaceAll("/+$", "");
        this.http = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(5_000)
                .setFollowRedirects(false));
    }

    @PreDestroy
    void close() {
        http.close();
    }

    /** {@code path} below {@code /internal/v1}, already encoded; {@code rawQuery} as the caller sent it (may be null). */
    public Uni<Response> forward(HttpMethod method, String path, String rawQuery, byte[] body) {
        String target = base + "/internal/v1" + path + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery);
        boolean read = method == HttpMethod.GET;
        var request = http.requestAbs(method, target).timeout(read ? READ_TIMEOUT_MS : COMMAND_TIMEOUT_MS);
        Uni<HttpResponse<Buffer>> sent = body == null || body.length == 0
                ? (method == HttpMethod.POST
                        ? request.putHeader("Content-Type", MediaType.APPLICATION_JSON).sendBuffer(Buffer.buffer("{}"))
                        : request.send())
                : request.putHeader("Content-Type", MediaType.APPLICATION_JSON).sendBuffer(Buffer.buffer(body));
        return sent
                .onFailure().retry().withBackOff(Duration.ofMillis(100)).atMost(read ? 2 : 0)
                .map(answer -> {
                    Response.ResponseBuilder built = Response.status(answer.statusCode());
                    String type = answer.getHeader("Content-Type");
                    if (type != null) {
                        built.type(type);
                    }
                    return answer.body() == null ? built.build() : built.entity(answer.body().getBytes()).build();
                })
                .onFailure(e -> !(e instanceof ApiException)).transform(e -> {
                    LOG.warnf("order-ledger did not answer %s %s: %s", method, path, e.toString());
                    return new ApiException(503, "The order ledger is temporarily unavailable; please retry in a few"
                            + " seconds");
                });
    }
}
