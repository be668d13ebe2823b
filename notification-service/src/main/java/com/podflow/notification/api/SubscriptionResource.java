package com.podflow.notification.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;

import com.podflow.events.FulfillmentStatus;
import com.podflow.notification.config.NotificationConfig;
import com.podflow.notification.domain.DeliveryPlan.EmailRule;
import com.podflow.notification.domain.PostbackUrl;
import com.podflow.notification.domain.WebhookEventType;
import com.podflow.notification.persistence.EmailSettings;
import com.podflow.notification.persistence.Endpoints;
import com.podflow.notification.persistence.Endpoints.Endpoint;
import com.podflow.notification.persistence.Webhooks;
import com.podflow.support.api.ApiException;

/**
 * A client's subscriptions: postback URL, webhook endpoints, e-mail rule. Served twice: under {@code /admin/v1}
 * (header {@code X-ADMIN-KEY}) for operators, and under {@code /internal/v1} for intake-api, which authenticates the
 * client's {@code X-API-KEY} and proxies its own client id only. Another client's ids answer 404.
 */
@Path("/{scope}/v1/clients/{clientId}")
@Produces(MediaType.APPLICATION_JSON)
public class SubscriptionResource {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final Endpoints endpoints;
    private final Webhooks webhooks;
    private final EmailSettings emails;
    private final NotificationConfig config;

    public SubscriptionResource(Endpoints endpoints, Webhooks webhooks, EmailSettings emails,
            NotificationConfig config) {
        this.endpoints = endpoints;
        this.webhooks = webhooks;
        this.emails = emails;
        this.config = config;
    }

    /** The body of {@code PUT .../postback}. */
    public record PostbackRequest(String url, String contactEmail) {}

    /** A client's postback target. */
    public record PostbackView(String clientId, String url, boolean enabled, String disabledReason,
            Instant disabledAt, String contactEmail) {
        static PostbackView of(Endpoint e) {
            return new PostbackView(e.clientId(), e.url(), e.enabled(), e.disabledReason(), e.disabledAt(),
                    e.contactEmail());
        }
    }

    /** The body of {@code POST .../webhooks} and {@code PUT .../webhooks/{id}}. */
    public record WebhookRequest(String url, List<String> eventTypes, Boolean enabled, String contactEmail) {}

    /** A webhook endpoint; {@code secret} only in the answers that create or rotate it. */
    public record WebhookView(UUID id, String clientId, String url, List<String> eventTypes, boolean enabled,
            String disabledReason, Instant disabledAt, Instant failingSince, String contactEmail, Instant createdAt,
            String secret, Instant previousSecretValidUntil) {
        static WebhookView of(Endpoint e, String secret) {
            return new WebhookView(e.id(), e.clientId(), e.url(), e.eventTypes(), e.enabled(), e.disabledReason(),
                    e.disabledAt(), e.failingSince(), e.contactEmail(), e.createdAt(), secret,
                    e.previousSecretUntil());
        }
    }

    /** The secret of a webhook endpoint. */
    public record SecretView(String secret) {}

    /** The body of {@code PUT .../email-settings}, and its answer. */
    public record EmailSettingsView(List<String> statuses, String clientAddress, Boolean toRecipient) {}

    @PUT
    @Path("/postback")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<PostbackView> setPostback(@PathParam("clientId") String clientId, PostbackRequest request) {
        PostbackUrl url = url(request == null ? null : request.url());
        String contact = contact(request == null ? null : request.contactEmail());
        return endpoints.savePostback(clientId, url.value(), contact).map(PostbackView::of);
    }

    @GET
    @Path("/postback")
    public Uni<PostbackView> getPostback(@PathParam("clientId") String clientId) {
        return endpoints.postback(clientId).map(e -> e.map(PostbackView::of)
                .orElseThrow(() -> new ApiException(404, "Client '" + clientId + "' has no postback URL")));
    }

    @DELETE
    @Path("/postback")
    public Uni<Response> deletePostback(@PathParam("clientId") String clientId) {
        return endpoints.deletePostback(clientId).map(deleted -> {
            if (!deleted) {
                throw new ApiException(404, "Client '" + clientId + "' has no postback URL");
            }
            return Response.noContent().build();
        });
    }

    @POST
    @Path("/webhooks")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> createWebhook(@PathParam("clientId") String clientId, WebhookRequest request) {
        WebhookRequest r = required(request);
        return webhooks.create(clientId, url(r.url()).value(), eventTypes(r.eventTypes()),
                r.enabled() == null || r.enabled(), contact(r.contactEmail()))
                .map(created -> Response.status(201).entity(WebhookView.of(created.endpoint(), created.secret()))
                        .build());
    }

    @GET
    @Path("/webhooks")
    public Uni<List<WebhookView>> webhooks(@PathParam("clientId") String clientId) {
        return endpoints.webhooks(clientId).map(list -> list.stream().map(e -> WebhookView.of(e, null)).toList());
    }

    @GET
    @Path("/webhooks/{id}")
    public Uni<WebhookView> webhook(@PathParam("clientId") String clientId, @PathParam("id") String id) {
        return endpoints.webhook(clientId, uuid(id)).map(e -> e.map(w -> WebhookView.of(w, null))
                .orElseThrow(() -> notFound(id)));
    }

    @PUT
    @Path("/webhooks/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<WebhookView> updateWebhook(@PathParam("clientId") String clientId, @PathParam("id") String id,
            WebhookRequest request) {
        WebhookRequest r = required(request);
        return endpoints.updateWebhook(clientId, uuid(id), url(r.url()).value(), eventTypes(r.eventTypes()),
                r.enabled() == null || r.enabled(), contact(r.contactEmail()))
                .map(e -> e.map(w -> WebhookView.of(w, null)).orElseThrow(() -> notFound(id)));
    }

    @DELETE
    @Path("/webhooks/{id}")
    public Uni<Response> deleteWebhook(@PathParam("clientId") String clientId, @PathParam("id") String id) {
        return endpoints.deleteWebhook(clientId, uuid(id)).map(deleted -> {
            if (!deleted) {
                throw notFound(id);
            }
            return Response.noContent().build();
        });
    }

    @GET
    @Path("/webhooks/{id}/secret")
    public Uni<SecretView> secret(@PathParam("clientId") String clientId, @PathParam("id") String id) {
        return webhooks.secret(clientId, uuid(id)).map(s -> new SecretView(s.orElseThrow(() -> notFound(id))));
    }

    @POST
    @Path("/webhooks/{id}/rotate-secret")
    public Uni<WebhookView> rotate(@PathParam("clientId") String clientId, @PathParam("id") String id) {
        return webhooks.rotate(clientId, uuid(id))
                .map(c -> c.map(r -> WebhookView.of(r.endpoint(), r.secret())).orElseThrow(() -> notFound(id)));
    }

    @PUT
    @Path("/email-settings")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<EmailSettingsView> setEmails(@PathParam("clientId") String clientId, EmailSettingsView request) {
        EmailSettingsView r = required(request);
        if (r.statuses() == null) {
            throw new ApiException(400, "statuses is required (a list of fulfillment statuses, may be empty)");
        }
        Set<String> statuses = new LinkedHashSet<>();
        for (String s : r.statuses()) {
            try {
                statuses.add(FulfillmentStatus.fromWireName(s).wireName());
            } catch (IllegalArgumentException e) {
                throw new ApiException(400, "statuses: unknown status '" + s + "'");
            }
        }
        String address = r.clientAddress() == null || r.clientAddress().isBlank() ? null : r.clientAddress().strip();
        if (address != null && !EMAIL.matcher(address).matches()) {
            throw new ApiException(400, "clientAddress must be an e-mail address");
        }
        boolean toRecipient = r.toRecipient() != null && r.toRecipient();
        return emails.save(clientId, new EmailRule(statuses, address, toRecipient))
                .map(rule -> new EmailSettingsView(new ArrayList<>(statuses), address, toRecipient));
    }

    @GET
    @Path("/email-settings")
    public Uni<EmailSettingsView> emails(@PathParam("clientId") String clientId) {
        return emails.find(clientId).map(rule -> rule
                .map(e -> new EmailSettingsView(e.statuses().stream().sorted().toList(), e.clientAddress(),
                        e.toRecipient()))
                .orElseThrow(() -> new ApiException(404, "Client '" + clientId + "' has no e-mail settings")));
    }

    @DELETE
    @Path("/email-settings")
    public Uni<Response> deleteEmails(@PathParam("clientId") String clientId) {
        return emails.delete(clientId).map(deleted -> {
            if (!deleted) {
                throw new ApiException(404, "Client '" + clientId + "' has no e-mail settings");
            }
            return Response.noContent().build();
        });
    }

    private PostbackUrl url(String text) {
        return PostbackUrl.parse(text).requireHttps(config.allowHttp());
    }

    private static String contact(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (!EMAIL.matcher(text.strip()).matches()) {
            throw new ApiException(400, "contactEmail must be an e-mail address");
        }
        return text.strip();
    }

    private static List<String> eventTypes(List<String> types) {
        if (types == null) {
            return List.of();
        }
        Set<String> unique = new LinkedHashSet<>();
        for (String t : types) {
            unique.add(WebhookEventType.fromWireName(t).wireName());
        }
        return List.copyOf(unique);
    }

    private static <T> T required(T body) {
        if (body == null) {
            throw new ApiException(400, "a JSON body is required");
        }
        return body;
    }

    static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound(id);
        }
    }

    private static ApiException notFound(String id) {
        return new ApiException(404, "Webhook endpoint '" + id + "' not found");
    }
}
