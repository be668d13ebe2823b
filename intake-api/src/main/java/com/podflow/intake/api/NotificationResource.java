package com.podflow.intake.api;

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

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;

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
    private final CurrentClient client;
    private final NotificationForwarder notifications;

    public NotificationResource(CurrentClient client, NotificationForwarder notifications) {
        this.client = client;
        this.notifications = notifications;
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
        return notifications.forward(client.id(), method, path, uri.getRequestUri().getRawQuery(), body);
    }

    /** A path segment from a client's input: only characters that cannot leave the segment. */
    static String segment(String value) {
        if (!value.matches("[A-Za-z0-9._~-]{1,200}")) {
            throw new ApiException(404, "Not found");
        }
        return value;
    }
}
