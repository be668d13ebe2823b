package com.podflow.intake.api;

import java.net.URI;
import java.time.Duration;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

import com.podflow.intake.config.IntakeConfig;
import com.podflow.support.api.ApiException;

/**
 * Forwards a call about one client's notification settings or deliveries to notification-service's client-scoped
 * internal API ({@code /internal/v1/clients/{clientId}/...}) and answers with what it answered. The client id is
 * always intake's own (the authenticated client, or the client an operator named), never taken from the path a client
 * sent.
 */
@ApplicationScoped
public class NotificationForwarder {
    private static final Logger LOG = Logger.getLogger(NotificationForwarder.class);

    private final WebClient http;
    private final URI base;

    public NotificationForwarder(Vertx vertx, IntakeConfig config) {
        this.base = URI.create(config.notificationUrl());
        this.http = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(5_000)
                .setFollowRedirects(false));
    }

    @PreDestroy
    void close() {
        http.close();
    }

    public Uni<Response> forward(String clientId, HttpMethod method, String path, String rawQuery, byte[] body) {
        String target = "/internal/v1/clients/" + NotificationResource.segment(clientId) + path
                + (rawQuery == null ? "" : "?" + rawQuery);
        var request = http.requestAbs(method, base.toString().replaceAll("/+$", "") + target).timeout(15_000);
        Uni<HttpResponse<Buffer>> sent = body == null || body.length == 0
                ? request.send()
                : request.putHeader("Content-Type", MediaType.APPLICATION_JSON).sendBuffer(Buffer.buffer(body));
        return sent
                .onFailure().retry().withBackOff(Duration.ofMillis(100)).atMost(method == HttpMethod.GET ? 2 : 0)
                .map(answer -> {
                    Response.ResponseBuilder built = Response.status(answer.statusCode());
                    String type = answer.getHeader("Content-Type");
                    if (type != null) {
                        built.type(type);
                    }
                    return answer.body() == null ? built.build() : built.entity(answer.body().getBytes()).build();
                })
                .onFailure(e -> !(e instanceof ApiException)).transform(e -> {
                    LOG.warnf("notification-service did not answer %s %s: %s", method, path, e.toString());
                    return new ApiException(503, "Notification settings are temporarily unavailable; please retry"
                            + " in a few seconds");
                });
    }
}
