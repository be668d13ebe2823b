package com.podflow.notification.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.podflow.events.EventJson;
import com.podflow.notification.persistence.Deliveries;
import com.podflow.notification.persistence.Deliveries.LogEntry;
import com.podflow.notification.persistence.Deliveries.LogQuery;
import com.podflow.support.api.ApiException;

/**
 * The postbacks log (every attempt of every postback, webhook call and e-mail) and redelivery, under
 * {@code /admin/v1} and {@code /internal/v1} like {@link SubscriptionResource}.
 */
@Path("/{scope}/v1/clients/{clientId}")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryLogResource {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    static final Set<String> OUTCOMES = Set.of("delivered", "failed", "pending", "no_target");
    static final Set<String> CHANNELS = Set.of("postback", "webhook", "email");

    private final Deliveries deliveries;

    public DeliveryLogResource(Deliveries deliveries) {
        this.deliveries = deliveries;
    }

    /**
     * One line of the log. {@code eventId} is the message id (the {@code webhook-id} header), {@code payload} the JSON
     * that was posted (the text for an e-mail), {@code url} the target (the address for an e-mail).
     */
    public record AttemptView(long deliveryId, String channel, String eventId, String eventType, String clientId,
            String orderId, String url, JsonNode payload, String subject, Integer attempt, String outcome,
            Integer statusCode, String responseExcerpt, String error, Long durationMs, Instant attemptedAt,
            Instant nextRetryAt, String deliveryState, Instant createdAt) {
        static AttemptView of(LogEntry e) {
            return new AttemptView(e.deliveryId(), e.channel(), e.eventId(), e.eventType(), e.clientId(),
                    e.orderId(), e.url(), payload(e), e.subject(), e.attempt(), e.outcome(), e.statusCode(),
                    e.responseExcerpt(), e.error(), e.durationMs(), e.attemptedAt(), e.nextRetryAt(),
                    e.deliveryState(), e.createdAt());
        }

        private static JsonNode payload(LogEntry e) {
            if (e.channel().equals("email")) {
                return TextNode.valueOf(e.payload());
            }
            try {
                return EventJson.mapper().readTree(e.payload());
            } catch (JsonProcessingException notJson) {
                return TextNode.valueOf(e.payload());
            }
        }
    }

    /** The body of {@code POST .../deliveries/redeliver}. */
    public record RedeliverRequest(String from, String to) {}

    /** How many deliveries were scheduled again. */
    public record Redelivered(int redelivered) {}

    /** Attempts, newest first; filters: from/to (RFC 3339, on the attempt time), orderId, outcome, channel. */
    @GET
    @Path("/postbacks")
    public Uni<List<AttemptView>> log(@PathParam("clientId") String clientId, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("orderId") String orderId, @QueryParam("outcome") String outcome,
            @QueryParam("channel") String channel, @QueryParam("limit") String limit) {
        if (outcome != null && !OUTCOMES.contains(outcome)) {
            throw new ApiException(400, "outcome must be one of " + OUTCOMES.stream().sorted().toList());
        }
        if (channel != null && !CHANNELS.contains(channel)) {
            throw new ApiException(400, "channel must be one of " + CHANNELS.stream().sorted().toList());
        }
        LogQuery query = new LogQuery(clientId, time("from", from), time("to", to), blankToNull(orderId), outcome,
                channel, null, limit(limit));
        return deliveries.log(query).map(rows -> rows.stream().map(AttemptView::of).toList());
    }

    /** One delivery's attempts, newest first. */
    @GET
    @Path("/deliveries/{id}")
    public Uni<List<AttemptView>> delivery(@PathParam("clientId") String clientId, @PathParam("id") String id) {
        long deliveryId = deliveryId(id);
        return deliveries.log(new LogQuery(clientId, null, null, null, null, null, deliveryId, MAX_LIMIT))
                .map(rows -> {
                    if (rows.isEmpty()) {
                        throw notFound(id);
                    }
                    return rows.stream().map(AttemptView::of).toList();
                });
    }

    /** Sends one delivery again (delivered or given up), under its original message id. */
    @POST
    @Path("/deliveries/{id}/redeliver")
    public Uni<Response> redeliver(@PathParam("clientId") String clientId, @PathParam("id") String id) {
        long deliveryId = deliveryId(id);
        return deliveries.find(clientId, deliveryId).flatMap(found -> {
            if (found.isEmpty()) {
                throw notFound(id);
            }
            return deliveries.redeliver(clientId, deliveryId).map(done -> {
                if (!done) {
                    throw new ApiException(409, "Delivery " + id + " is " + found.get().state()
                            + " or its endpoint is disabled or deleted: only a finished delivery to an enabled"
                            + " endpoint can be redelivered");
                }
                return Response.accepted(new Redelivered(1)).build();
            });
        });
    }

    /** Sends again every given-up delivery of the client created in [from, to). */
    @POST
    @Path("/deliveries/redeliver")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> redeliverFailed(@PathParam("clientId") String clientId, RedeliverRequest request) {
        if (request == null || request.from() == null || request.to() == null) {
            throw new ApiException(400, "from and to are required (RFC 3339 times)");
        }
        Instant from = time("from", request.from());
        Instant to = time("to", request.to());
        if (!from.isBefore(to)) {
            throw new ApiException(400, "from must be before to");
        }
        return deliveries.redeliverFailed(clientId, from, to)
                .map(n -> Response.accepted(new Redelivered(n)).build());
    }

    private static Instant time(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new ApiException(400, name + " must be an RFC 3339 UTC time like 2026-11-23T10:00:00Z");
        }
    }

    private static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal
        }
        throw new ApiException(400, "limit must be a whole number from 1 to " + MAX_LIMIT);
    }

    private static long deliveryId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw notFound(id);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static ApiException notFound(String id) {
        return new ApiException(404, "Delivery '" + id + "' not found");
    }
}
