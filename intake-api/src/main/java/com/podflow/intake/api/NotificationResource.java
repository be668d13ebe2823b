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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;

import com.podflow.intake.api.openapi.ApiDefinition;
import com.podflow.intake.api.openapi.ApiSchemas;
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
@Tag(name = ApiDefinition.NOTIFICATIONS)
@APIResponse(responseCode = "503", ref = "ServiceUnavailable")
public class NotificationResource {
    private final CurrentClient client;
    private final NotificationForwarder notifications;

    public NotificationResource(CurrentClient client, NotificationForwarder notifications) {
        this.client = client;
        this.notifications = notifications;
    }

    @GET
    @Path("/postback")
    @Operation(operationId = "getPostback", summary = "Get the postback URL", description = "Where the status changes of the client's orders are posted; 404 when none is set.")
    @APIResponse(responseCode = "200", description = "The postback target", content = @Content(schema = @Schema(implementation = ApiSchemas.Postback.class)))
    public Uni<Response> getPostback(@Context UriInfo uri) {
        return forward(HttpMethod.GET, "/postback", uri, null);
    }

    @PUT
    @Path("/postback")
    @Operation(operationId = "setPostback", summary = "Set the postback URL", description = "Every status change of the client's orders is posted there")
    @APIResponse(responseCode = "200", description = "The postback target", content = @Content(schema = @Schema(implementation = ApiSchemas.Postback.class)))
    public Uni<Response> setPostback(@Context UriInfo uri,
            @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ApiSchemas.PostbackRequest.class))) byte[] body) {
        return forward(HttpMethod.PUT, "/postback", uri, body);
    }

    @DELETE
    @Path("/postback")
    @Operation(operationId = "deletePostback", summary = "Remove the postback URL", description = "Status changes are no longer posted.")
    @APIResponse(responseCode = "204", description = "Removed")
    public Uni<Response> deletePostback(@Context UriInfo uri) {
        return forward(HttpMethod.DELETE, "/postback", uri, null);
    }

    @GET
    @Path("/postbacks")
    @Operation(operationId = "listPostbacks", summary = "List delivery attempts", description = "Postbacks, webhooks and e-mails, newest first")
    @Parameter(name = "from", in = ParameterIn.QUERY, description = "Attempted at or after this RFC 3339 time")
    @Parameter(name = "to", in = ParameterIn.QUERY, description = "Attempted before this RFC 3339 time")
    @Parameter(name = "orderId", in = ParameterIn.QUERY, description = "Only this order's")
    @Parameter(name = "outcome", in = ParameterIn.QUERY, description = "Only attempts with this outcome")
    @Parameter(name = "channel", in = ParameterIn.QUERY, description = "Only this channel", schema = @Schema(type = SchemaType.STRING, enumeration = {
            "postback", "webhook", "email"}))
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "At most this many", schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
    @APIResponse(responseCode = "200", description = "Attempts", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ApiSchemas.DeliveryAttempt.class)))
    public Uni<Response> postbacks(@Context UriInfo uri) {
        return forward(HttpMethod.GET, "/postbacks", uri, null);
    }

    @GET
    @Path("/webhooks")
    @Operation(operationId = "listWebhooks", summary = "List webhook endpoints", description = "The client's webhook endpoints, without their secrets.")
    @APIResponse(responseCode = "200", description = "The endpoints", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ApiSchemas.Webhook.class)))
    public Uni<Response> webhooks(@Context UriInfo uri) {
        return forward(HttpMethod.GET, "/webhooks", uri, null);
    }

    @POST
    @Path("/webhooks")
    @Operation(operationId = "createWebhook", summary = "Add a webhook endpoint", description = "Signed (Standard Webhooks); the answer holds the signing secret")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = ApiSchemas.Webhook.class)))
    public Uni<Response> createWebhook(@Context UriInfo uri,
            @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ApiSchemas.WebhookRequest.class))) byte[] body) {
        return forward(HttpMethod.POST, "/webhooks", uri, body);
    }

    @GET
    @Path("/webhooks/{id}")
    @Operation(operationId = "getWebhook", summary = "Get a webhook endpoint", description = "One webhook endpoint, without its secret.")
    @APIResponse(responseCode = "200", description = "The endpoint", content = @Content(schema = @Schema(implementation = ApiSchemas.Webhook.class)))
    public Uni<Response> webhook(@Parameter(description = "The id") @PathParam("id") String id, @Context UriInfo uri) {
        return forward(HttpMethod.GET, "/webhooks/" + segment(id), uri, null);
    }

    @PUT
    @Path("/webhooks/{id}")
    @Operation(operationId = "updateWebhook", summary = "Change a webhook endpoint", description = "URL, event types, enabled and contact e-mail of a webhook endpoint.")
    @APIResponse(responseCode = "200", description = "The endpoint", content = @Content(schema = @Schema(implementation = ApiSchemas.Webhook.class)))
    public Uni<Response> updateWebhook(@Parameter(description = "The id") @PathParam("id") String id,
            @Context UriInfo uri,
            @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ApiSchemas.WebhookRequest.class))) byte[] body) {
        return forward(HttpMethod.PUT, "/webhooks/" + segment(id), uri, body);
    }

    @DELETE
    @Path("/webhooks/{id}")
    @Operation(operationId = "deleteWebhook", summary = "Delete a webhook endpoint", description = "No more deliveries are made to it.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Uni<Response> deleteWebhook(@Parameter(description = "The id") @PathParam("id") String id,
            @Context UriInfo uri) {
        return forward(HttpMethod.DELETE, "/webhooks/" + segment(id), uri, null);
    }

    @GET
    @Path("/webhooks/{id}/secret")
    @Operation(operationId = "getWebhookSecret", summary = "Get a webhook's signing secret", description = "The secret that signs the webhook's deliveries (Standard Webhooks).")
    @APIResponse(responseCode = "200", description = "The secret", content = @Content(schema = @Schema(implementation = ApiSchemas.WebhookSecret.class)))
    public Uni<Response> secret(@Parameter(description = "The id") @PathParam("id") String id, @Context UriInfo uri) {
        return forward(HttpMethod.GET, "/webhooks/" + segment(id) + "/secret", uri, null);
    }

    @POST
    @Path("/webhooks/{id}/rotate-secret")
    @Operation(operationId = "rotateWebhookSecret", summary = "Rotate a webhook's signing secret", description = "The previous secret stays valid for a while, see previousSecretValidUntil")
    @APIResponse(responseCode = "200", description = "The endpoint with its new secret", content = @Content(schema = @Schema(implementation = ApiSchemas.Webhook.class)))
    public Uni<Response> rotateSecret(@Parameter(description = "The id") @PathParam("id") String id,
            @Context UriInfo uri) {
        return forward(HttpMethod.POST, "/webhooks/" + segment(id) + "/rotate-secret", uri, null);
    }

    @GET
    @Path("/email-settings")
    @Operation(operationId = "getEmailSettings", summary = "Get the e-mail settings", description = "Which order statuses are e-mailed, and to whom.")
    @APIResponse(responseCode = "200", description = "The settings", content = @Content(schema = @Schema(implementation = ApiSchemas.EmailSettings.class)))
    public Uni<Response> emailSettings(@Context UriInfo uri) {
        return forward(HttpMethod.GET, "/email-settings", uri, null);
    }

    @PUT
    @Path("/email-settings")
    @Operation(operationId = "setEmailSettings", summary = "Set the e-mail settings", description = "Which order statuses are e-mailed, to the client's address and/or the order's recipient.")
    @APIResponse(responseCode = "200", description = "The settings", content = @Content(schema = @Schema(implementation = ApiSchemas.EmailSettings.class)))
    public Uni<Response> setEmailSettings(@Context UriInfo uri,
            @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ApiSchemas.EmailSettings.class))) byte[] body) {
        return forward(HttpMethod.PUT, "/email-settings", uri, body);
    }

    @DELETE
    @Path("/email-settings")
    @Operation(operationId = "deleteEmailSettings", summary = "Remove the e-mail settings", description = "No more status e-mails are sent.")
    @APIResponse(responseCode = "204", description = "Removed")
    public Uni<Response> deleteEmailSettings(@Context UriInfo uri) {
        return forward(HttpMethod.DELETE, "/email-settings", uri, null);
    }

    @GET
    @Path("/deliveries/{id}")
    @Operation(operationId = "getDelivery", summary = "Get a delivery's attempts", description = "Newest first")
    @APIResponse(responseCode = "200", description = "Attempts", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ApiSchemas.DeliveryAttempt.class)))
    public Uni<Response> delivery(@Parameter(description = "The id") @PathParam("id") String id, @Context UriInfo uri) {
        return forward(HttpMethod.GET, "/deliveries/" + segment(id), uri, null);
    }

    @POST
    @Path("/deliveries/{id}/redeliver")
    @Operation(operationId = "redeliverDelivery", summary = "Send a delivery again", description = "Under its original message id")
    @APIResponse(responseCode = "202", description = "Scheduled", content = @Content(schema = @Schema(implementation = ApiSchemas.Redelivered.class)))
    @APIResponse(responseCode = "409", description = "The delivery is not finished, or its endpoint is disabled or deleted")
    public Uni<Response> redeliver(@Parameter(description = "The id") @PathParam("id") String id,
            @Context UriInfo uri) {
        return forward(HttpMethod.POST, "/deliveries/" + segment(id) + "/redeliver", uri, null);
    }

    @POST
    @Path("/deliveries/redeliver")
    @Operation(operationId = "redeliverFailed", summary = "Send every given-up delivery again", description = "Those created in [from, to)")
    @APIResponse(responseCode = "202", description = "Scheduled", content = @Content(schema = @Schema(implementation = ApiSchemas.Redelivered.class)))
    public Uni<Response> redeliverFailed(@Context UriInfo uri,
            @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ApiSchemas.RedeliverRequest.class))) byte[] body) {
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
