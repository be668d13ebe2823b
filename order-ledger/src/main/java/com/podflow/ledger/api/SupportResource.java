package com.podflow.ledger.api;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;

import com.podflow.events.FulfillmentStatus;
import com.podflow.ledger.config.LedgerConfig;
import com.podflow.ledger.domain.OrderFold;
import com.podflow.ledger.domain.OrderState;
import com.podflow.ledger.domain.WaitingFor;
import com.podflow.ledger.persistence.StalledRepository;
import com.podflow.support.api.ApiError;

/**
 * One order for support tools, across clients (issue 11 items 3 and 5): what it waits for, and the production
 * request's re-drive (ADR 0029). intake-api's {@code POST /admin/v1/orders/{id}/redrive} uses both.
 */
@Path("/internal/v1/support/orders/{orderId}")
@Produces(MediaType.APPLICATION_JSON)
public class SupportResource {
    private final StalledRepository repository;
    private final OrderFold fold;
    private final Clock clock = Clock.systemUTC();

    public SupportResource(StalledRepository repository, LedgerConfig config) {
        this.repository = repository;
        this.fold = new OrderFold(config.requiredValidators());
    }

    /** The order's status and attempt with what the fold still expects. */
    public record Waiting(String id, String clientId, FulfillmentStatus fulfillmentStatus, int attempt,
            List<WaitingFor.Input> waitingFor) {}

    @GET
    @Path("/waiting-for")
    public Uni<Response> waitingFor(@PathParam("orderId") String orderId) {
        return repository.find(orderId).map(found -> found
                .map(state -> Response.ok(waiting(state)).build())
                .orElseGet(() -> notFound(orderId)));
    }

    /** 202 with the event sent; 409 when the order does not wait for its facility's receipt; 404 when unknown. */
    @POST
    @Path("/redrive/production")
    public Uni<Response> redriveProduction(@PathParam("orderId") String orderId) {
        return repository.redriveProduction(orderId).map(redriven -> {
            if (redriven.order().isEmpty()) {
                return notFound(orderId);
            }
            OrderState state = redriven.order().get();
            if (redriven.sent().isEmpty()) {
                return Response.status(409).entity(new ApiError(409, "Order " + orderId + " is "
                        + state.status().wireName() + " and does not wait for a facility's receipt; nothing to"
                        + " re-drive")).build();
            }
            return Response.accepted(Map.of("orderId", orderId, "step", "production", "attempt", state.attempt(),
                    "facilityId", String.valueOf(state.production().facilityId()), "eventId",
                    redriven.sent().get().id())).build();
        });
    }

    private Waiting waiting(OrderState state) {
        return new Waiting(state.orderId(), state.clientId(), state.status(), state.attempt(),
                WaitingFor.of(state, fold, clock.instant()));
    }

    private static Response notFound(String orderId) {
        return Response.status(404).entity(new ApiError(404, "Order '" + orderId + "' not found")).build();
    }
}
