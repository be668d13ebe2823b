package com.podflow.intake.api;

import java.net.URI;

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
import com.podflow.intake.client.OrderReader;
import com.podflow.intake.persistence.OrderStore;
import com.podflow.support.api.ApiException;

/** The Order API: submit an order, get it by id or by your reference. */
@Path("/v1/orders")
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {
    private final OrderStore store;
    private final OrderReader reader;
    private final CurrentClient client;

    public OrderResource(OrderStore store, OrderReader reader, CurrentClient client) {
        this.store = store;
        this.reader = reader;
        this.client = client;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> submit(Order order) {
        if (order == null) {
            throw new ApiException(400, "The request body must be an order as JSON");
        }
        return store.accept(client.id(), order, "api")
                .map(accepted -> Response.created(URI.create("/v1/orders/" + accepted.id())).entity(accepted).build());
    }

    @GET
    @Path("/{idOrReference}")
    public Uni<Response> get(@PathParam("idOrReference") String idOrReference) {
        return reader.find(client.id(), idOrReference)
                .map(found -> found.map(order -> Response.ok(order).build())
                        .orElseThrow(() -> new ApiException(404, "Order '" + idOrReference + "' not found")));
    }
}
