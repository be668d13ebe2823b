package com.podflow.ledger.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;

import com.podflow.events.order.Order;
import com.podflow.events.order.ShippingAddress;
import com.podflow.ledger.domain.OrderState;
import com.podflow.ledger.persistence.LedgerRepository;
import com.podflow.support.api.ApiError;

/**
 * Read side for other services (intake-api answers its clients' GET from here). Scoped by client: a client's id in
 * the path never finds another client's order.
 */
@Path("/internal/v1/clients/{clientId}/orders")
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {
    private final LedgerRepository repository;

    public OrderResource(LedgerRepository repository) {
        this.repository = repository;
    }

    @GET
    @Path("/{idOrReference}")
    public Uni<Response> get(@PathParam("clientId") String clientId, @PathParam("idOrReference") String idOrReference) {
        return repository.find(clientId, idOrReference)
                .map(found -> found
                        .map(state -> Response.ok(OrderView.from(state)).build())
                        .orElseGet(() -> Response.status(Response.Status.NOT_FOUND)
                                .entity(new ApiError(404, "Order '" + idOrReference + "' not found"))
                                .build()));
    }

    /** A search, as intake-api checked it: statuses in wire spelling, dates as instants, limit 1–100. */
    public record SearchRequest(List<String> fulfillmentStatus, List<String> financialStatus,
            List<String> orderReferenceIds, Instant startDate, Instant endDate, List<String> countries, Integer limit,
            Integer offset) {}

    /** One order of a search answer, in the API reference's shape. */
    public record OrderSummary(String id, String clientId, String orderReferenceId, String customerReferenceId,
            String fulfillmentStatus, String financialStatus, String currency, String orderType, String channel,
            String firstName, String lastName, String country, int itemsCount, Instant createdAt, Instant updatedAt,
            Instant orderedAt, String refusalReasonCode) {

        static OrderSummary of(OrderState s) {
            Order o = s.order();
            ShippingAddress a = o == null ? null : o.shippingAddress();
            return new OrderSummary(s.orderId(), s.clientId(), s.orderReferenceId(),
                    o == null ? null : o.customerReferenceId(), s.status().wireName(), null,
                    o == null ? null : o.currency(), o == null ? null : o.orderType(), s.channel(),
                    a == null ? null : a.firstName(), a == null ? null : a.lastName(), a == null ? null : a.country(),
                    o == null || o.items() == null ? 0 : o.items().size(), s.receivedAt(), s.updatedAt(),
                    s.receivedAt(), s.refusalReasonCode());
        }
    }

    /**
     * The client's orders matching every given filter, newest first; {@code {"orders": [...]}}. Financial statuses
     * are not tracked yet: a financialStatus filter matches nothing.
     */
    @POST
    @Path("/search")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Map<String, List<OrderSummary>>> search(@PathParam("clientId") String clientId,
            SearchRequest request) {
        return search(repository, clientId, request);
    }

    /** The search of one client's orders, or of every client's for a null {@code clientId} (operators). */
    static Uni<Map<String, List<OrderSummary>>> search(LedgerRepository repository, String clientId,
            SearchRequest request) {
        SearchRequest r = request == null
                ? new SearchRequest(null, null, null, null, null, null, null, null)
                : request;
        if (r.financialStatus() != null && !r.financialStatus().isEmpty()) {
            return Uni.createFrom().item(Map.of("orders", List.of()));
        }
        int limit = r.limit() == null ? 50 : Math.max(1, Math.min(100, r.limit()));
        int offset = r.offset() == null ? 0 : Math.max(0, r.offset());
        var query = new LedgerRepository.SearchQuery(r.fulfillmentStatus(), r.orderReferenceIds(), r.startDate(),
                r.endDate(), r.countries(), limit, offset);
        return repository.search(clientId, query)
                .map(states -> Map.of("orders", states.stream().map(OrderSummary::of).toList()));
    }
}
