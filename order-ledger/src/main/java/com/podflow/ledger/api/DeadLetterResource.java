package com.podflow.ledger.api;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

import com.podflow.ledger.persistence.DeadLetterStore;
import com.podflow.ledger.persistence.DeadLetterStore.DeadLetter;
import com.podflow.ledger.support.DeadLetterService;
import com.podflow.support.api.ApiError;
import com.podflow.support.api.ApiException;

/**
 * The dead-letter records of every {@code *.dlq} topic, for support (intake-api's {@code /admin/v1/dead-letters}):
 * list, replay one or all of an order's to the source topic, resolve (ADR 31).
 */
@Path("/internal/v1/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
public class DeadLetterResource {
    private final DeadLetterService service;

    public DeadLetterResource(DeadLetterService service) {
        this.service = service;
    }

    /** Newest first; {@code topic} matches the dead-letter topic or the source topic; limit 100 (1–1000). */
    @GET
    public Uni<Map<String, List<DeadLetter>>> list(@QueryParam("orderId") String orderId,
            @QueryParam("topic") String topic, @QueryParam("status") String status,
            @QueryParam("limit") String limit) {
        DeadLetterStore.Status wanted = status == null || status.isBlank()
                ? null
                : DeadLetterStore.Status.of(status).orElseThrow(() -> invalid("status",
                        "status must be one of parked, replayed, resolved"));
        int max = 100;
        if (limit != null && !limit.isBlank()) {
            try {
                max = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                max = -1;
            }
            if (max < 1 || max > 1000) {
                throw invalid("limit", "limit must be a whole number from 1 to 1000");
            }
        }
        return service.list(new DeadLetterStore.Query(blankToNull(orderId), blankToNull(topic), wanted, max))
                .map(list -> Map.of("deadLetters", list));
    }

    @GET
    @Path("/{id}")
    public Uni<DeadLetter> get(@PathParam("id") String id) {
        return service.find(id(id)).map(found -> found.orElseThrow(() -> notFound(id)));
    }

    /** Re-publishes the record to its source topic (same key, value and headers, minus the dead-letter ones). */
    @POST
    @Path("/{id}/replay")
    public Uni<DeadLetter> replay(@PathParam("id") String id) {
        return service.replay(id(id)).map(found -> found.orElseThrow(() -> notFound(id)));
    }

    /** Re-publishes every record of the order that is still parked, in the order they were parked. */
    @POST
    @Path("/replay")
    public Uni<Map<String, Object>> replayOrder(@QueryParam("orderId") String orderId) {
        if (orderId == null || orderId.isBlank()) {
            throw invalid("orderId", "orderId is required: the order whose parked records to replay");
        }
        return service.replayOrder(orderId).map(replayed -> Map.of("orderId", orderId, "replayed",
                replayed.size(), "deadLetters", replayed));
    }

    @POST
    @Path("/{id}/resolve")
    public Uni<DeadLetter> resolve(@PathParam("id") String id) {
        return service.resolve(id(id)).map(found -> found.orElseThrow(() -> notFound(id)));
    }

    private static long id(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw notFound(id);
        }
    }

    private static ApiException notFound(String id) {
        return new ApiException(404, "Dead letter '" + id + "' not found");
    }

    private static ApiException invalid(String field, String message) {
        return new ApiException(400, message, List.of(new ApiError.FieldError(field, "invalid_field", message)),
                null);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
