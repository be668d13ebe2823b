package com.podflow.ledger.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;

import com.podflow.ledger.persistence.LedgerRepository;

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

    /** The error shape of the Order API. */
    public record ApiError(int code, String message) {}
}
