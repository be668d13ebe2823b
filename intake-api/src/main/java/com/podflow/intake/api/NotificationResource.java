package com.podflow.intake.api;

import java.net.URI;
import java.time.Duration;

import jakarta.annotation.PreDestroy;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

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
 * The client's own notification settings and postbacks log, under its API key: forwarded as they are to
 * notification-service's client-scoped internal API ({@code /internal/v1/clients/{the authenticated client}/...}), so
 * a client only ever reaches its own postback URL, webhooks, e-mail rules and deliveries. See
 * notification-service/README.md for the bodies and answers.
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class NotificationResource {
    private static final Logger LOG = Logger.getLogger(NotificationResource.class);

    private final CurrentClient client;
    private final WebClient http;
    private final URI base;

    public NotificationResource(CurrentClient client, Vertx vertx, IntakeConfig config) {
        this.client = client;
        this.base = URI.create(config.notificationUrl());
        this.http = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(5_000)
                .setFollowRedirects(false));
    }

    @PreDestroy
    void close() {
        http.close();
    }

    @GET
    @Path("/postback")
    public Uni<Response> getPostback(@Context UriInfo uri) {
        return forward(HttpMethod.GET, "/postback", uri, null);
    }

    @PUT
    @Path("/postback")
    public Uni<Response> setPostback(@Context UriInfo uri, byte[] body) {
        return forward(HttpMethod.PUT, "/postback", uri, body);
    }

    @DELETE
    @Path("/postback")
    public Uni<Response> deletePostback(@Context UriInfo uri) {
        return forward(HttpMethod.DELETE, "/postback", uri, null);
    }

    @GET
    @Path("/postbacks")
    public Uni<Response> postbacks(@Context UriInfo uri) {
        return forward(HttpMethod.GET, "/postbacks", uri, null);
    }

    @GET
    @Path("/webhooks")
    public Uni<Response> webhooks(@Context UriInfo uri) {
        return forward(HttpMethod.GET, "/webhooks", uri, null);
    }

    @POST
    @Path("/webhooks")
    public Uni<Response> createWebhook(@Context UriInfo uri, byte[] body) {
        return forward(HttpMethod.POST, "/webhooks", uri, body);
    }

    @GET
    @Path("/webhooks/{id}")
    public Uni<Response> webhook(@PathParam("id") String id, @Context UriInfo uri) {
        return forward(HttpMethod.GET, "/webhooks/" + segment(id), uri, null);
    }

    @PUT
    @Path("/webhooks/{id}")
    public Uni<Response> updateWebhook(@PathParam("id") String id, @Context UriInfo uri, byte[] body) {
        return forward(HttpMethod.PUT, "/webhooks/" + segment(id), uri, body);
    }

    @DELETE
    @Path("/webhooks/{id}")
    public Uni<Response> deleteWebhook(@PathParam("id") String id, @Context UriInfo uri) {
        return forward(HttpMethod.DELETE, "/webhooks/" + segment(id), uri, null);
    }

    @GET
    @Path("/webhooks/{id}/secret")
    public Uni<Response> secret(@PathParam("id") String id, @Context UriInfo uri) {
        return forward(HttpMethod.GET, "/webhooks/" + segment(id) + "/secret", uri, null);
    }

    @POST
    @Path("/webhooks/{id}/rotate-secret")
    public Uni<Response> rotateSecret(@PathParam("id") String id, @Context UriInfo uri) {
        return forward(HttpMethod.POST, "/webhooks/" + segment(id) + "/rotate-secret", uri, null);
    }

    @GET
    @Path("/email-settings")
    public Uni<Response> emailSettings(@Context UriInfo uri) {
        return forward(HttpMethod.GET, "/email-settings", uri, null);
    }

    @PUT
    @Path("/email-settings")
    public Uni<Response> setEmailSettings(@Context UriInfo uri, byte[] body) {
        return forward(HttpMethod.PUT, "/email-settings", uri, body);
    }

    @DELETE
    @Path("/email-settings")
    public Uni<Response> deleteEmailSettings(@Context UriInfo uri) {
        return forward(HttpMethod.DELETE, "/email-settings", uri, null);
    }

    @GET
    @Path("/deliveries/{id}")
    public Uni<Response> delivery(@PathParam("id") String id, @Context UriInfo uri) {
        return forward(HttpMethod.GET, "/deliveries/" + segment(id), uri, null);
    }

    @POST
    @Path("/deliveries/{id}/redeliver")
    public Uni<Response> redeliver(@PathParam("id") String id, @Context UriInfo uri) {
        return forward(HttpMethod.POST, "/deliveries/" + segment(id) + "/redeliver", uri, null);
    }

    @POST
    @Path("/deliveries/redeliver")
    public Uni<Response> redeliverFailed(@Context UriInfo uri, byte[] body) {
        return forward(HttpMethod.POST, "/deliveries/redeliver", uri, body);
    }

    private Uni<Response> forward(HttpMethod method, String path, UriInfo uri, byte[] body) {
        String query = uri.getRequestUri().getRawQuery();
        String target = "/internal/v1/clients/" + segment(client.id()) + path + (query == null ? "" : "?" + query);
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

    /** A path segment from a client's input: only characters that cannot leave the segment. */
    private static String segment(String value) {
        if (!value.matches("[A-Za-z0-9._~-]{1,200}")) {
            throw new ApiException(404, "Not found");
        }
        return value;
    }
}
