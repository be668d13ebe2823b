package com.podflow.intake.client;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

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

import com.fasterxml.jackson.databind.JsonNode;
import com.podflow.events.EventJson;
import com.podflow.support.api.ApiException;

/**
 * The ledger's support API ({@code /internal/v1/orders}, {@code /internal/v1/dead-letters}), which is not scoped by
 * client: only intake's admin resources (behind {@code X-ADMIN-KEY}) and the client timeline (which checks the
 * order's client first) call it. Answers pass through with their status.
 */
@ApplicationScoped
public class SupportClient {
    private static final Logger LOG = Logger.getLogger(SupportClient.class);

    private final WebClient http;
    private final String base;

    public SupportClient(Vertx vertx,
            @ConfigProperty(name = "quarkus.rest-client.ledger-support.url") String ledgerUrl) {
        this.base = URI.create(ledgerUrl).toString().replaceAll("/+$", "");
        this.http = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(5_000)
                .setFollowRedirects(false));
    }

    @PreDestroy
    void close() {
        http.close();
    }

    /** Forwards a call to {@code path} (with {@code rawQuery}) and answers with the ledger's status and body. */
    public Uni<Response> forward(HttpMethod method, String path, String rawQuery, byte[] body) {
        return send(method, path, rawQuery, body).map(answer -> {
            Response.ResponseBuilder built = Response.status(answer.statusCode());
            String type = answer.getHeader("Content-Type");
            if (type != null) {
                built.type(type);
            }
            return answer.body() == null ? built.build() : built.entity(answer.body().getBytes()).build();
        });
    }

    /** A GET answered with JSON; empty for a 404; any other failure is a 503. */
    public Uni<Optional<JsonNode>> json(String path, String rawQuery) {
        return send(HttpMethod.GET, path, rawQuery, null).map(answer -> {
            if (answer.statusCode() == 404) {
                return Optional.<JsonNode>empty();
            }
            if (answer.statusCode() != 200 || answer.body() == null) {
                throw unavailable("GET " + path + " answered " + answer.statusCode());
            }
            try {
                return Optional.of(EventJson.mapper().readTree(answer.body().getBytes()));
            } catch (java.io.IOException e) {
                throw unavailable("GET " + path + " answered no JSON: " + e.getMessage());
            }
        });
    }

    private Uni<HttpResponse<Buffer>> send(HttpMethod method, String path, String rawQuery, byte[] body) {
        var request = http.requestAbs(method, base + path + (rawQuery == null ? "" : "?" + rawQuery))
                .timeout(15_000);
        Uni<HttpResponse<Buffer>> sent = body == null || body.length == 0
                ? request.send()
                : request.putHeader("Content-Type", MediaType.APPLICATION_JSON).sendBuffer(Buffer.buffer(body));
        return sent
                .onFailure().retry().withBackOff(Duration.ofMillis(100)).atMost(method == HttpMethod.GET ? 2 : 0)
                .onFailure(e -> !(e instanceof ApiException)).transform(e -> unavailable(method + " " + path + ": "
                        + e));
    }

    private static ApiException unavailable(String what) {
        LOG.warnf("order-ledger did not answer %s", what);
        return new ApiException(503, "The order ledger is temporarily unavailable; please retry in a few seconds");
    }
}
