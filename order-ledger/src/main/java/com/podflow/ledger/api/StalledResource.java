package com.podflow.ledger.api;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;

import com.podflow.events.FulfillmentStatus;
import com.podflow.ledger.config.LedgerConfig;
import com.podflow.ledger.domain.OrderFold;
import com.podflow.ledger.domain.WaitingFor;
import com.podflow.ledger.persistence.StalledRepository;
import com.podflow.support.api.ApiError;

/**
 * Stalled orders for operators (issue 11 item 4; intake-api proxies it as {@code GET /admin/v1/orders/stalled}):
 * across clients, longest waiting first, each with what it waits for.
 */
@Path("/internal/v1/orders/stalled")
@Produces(MediaType.APPLICATION_JSON)
public class StalledResource {
    private final StalledRepository repository;
    private final OrderFold fold;
    private final Clock clock = Clock.systemUTC();

    public StalledResource(StalledRepository repository, LedgerConfig config) {
        this.repository = repository;
        this.fold = new OrderFold(config.requiredValidators());
    }

    /**
     * One stalled order: {@code since} when its current wait began, {@code stalledAt} when the stall was announced
     * (null for a created order the handover check flagged: {@code handoverOverdue}), {@code waitingFor} what the
     * fold still expects.
     */
    public record StalledOrder(String id, String clientId, String orderReferenceId,
            FulfillmentStatus fulfillmentStatus, int attempt, Instant since, Instant stalledAt,
            boolean handoverOverdue, List<WaitingFor.Input> waitingFor) {}

    @GET
    public Uni<Response> list(@QueryParam("limit") @DefaultValue("100") int limit,
            @QueryParam("offset") @DefaultValue("0") int offset) {
        if (limit < 1 || limit > 500) {
            return Uni.createFrom().item(bad("limit must be between 1 and 500"));
        }
        if (offset < 0) {
            return Uni.createFrom().item(bad("offset must not be negative"));
        }
        Instant now = clock.instant();
        return repository.list(limit, offset).map(found -> Response.ok(Map.of("orders", found.stream()
                .map(s -> new StalledOrder(s.state().orderId(), s.state().clientId(), s.state().orderReferenceId(),
                        s.state().status(), s.state().attempt(), s.since(), s.stalledAt(),
                        s.state().production() != null && s.state().production().overdue()
                                && s.state().production().acceptedAt() == null,
                        WaitingFor.of(s.state(), fold, now)))
                .toList())).build());
    }

    private static Response bad(String message) {
        return Response.status(400).entity(new ApiError(400, message)).build();
    }
}
