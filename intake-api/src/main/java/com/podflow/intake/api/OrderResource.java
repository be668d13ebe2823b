package com.podflow.intake.api;

import java.net.URI;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;

import com.fasterxml.jackson.databind.JsonNode;
import com.podflow.events.order.Order;
import com.podflow.intake.client.OrderReader;
import com.podflow.intake.service.OrderService;
import com.podflow.intake.service.RequestSubject;
import com.podflow.support.api.ApiException;

/** The Order API: submit, get, change drafts, cancel, update the shipment, reprocess. */
@Path("/v1/orders")
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {
    private final OrderService orders;
    private final OrderReader reader;
    private final CurrentClient client;
    private final RequestSubject subject;

    public OrderResource(OrderService orders, OrderReader reader, CurrentClient client, RequestSubject subject) {
        this.orders = orders;
        this.reader = reader;
        this.client = client;
        this.subject = subject;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> submit(Order order) {
        return orders.submit(client.id(), order, "api")
                .map(accepted -> Response.created(URI.create("/v1/orders/" + accepted.id())).entity(accepted).build());
    }

    @GET
    @Path("/{idOrReference}")
    public Uni<Response> get(@PathParam("idOrReference") String idOrReference) {
        return reader.find(client.id(), idOrReference)
                .map(found -> found.map(order -> {
                    subject.about(order.path("id").asText(null), order.path("customerReferenceId").asText(null));
                    return Response.ok(order).build();
                })
                        .orElseThrow(() -> new ApiException(404, "Order '" + idOrReference + "' not found")));
    }

    /** Changes a draft (JSON Merge Patch); {@code {"orderType": "order"}} places it. */
    @PATCH
    @Path("/{idOrReference}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public Uni<Map<String, Object>> patch(@PathParam("idOrReference") String idOrReference, JsonNode patch) {
        return orders.patchDraft(client.id(), idOrReference, patch)
                .map(stored -> Map.of("id", stored.id(), "orderReferenceId", stored.order().orderReferenceId(),
                        "orderType", stored.order().orderType(), "updatedAt", stored.updatedAt().toString()));
    }

    @POST
    @Path("/{idOrReference}/cancel")
    public Uni<Map<String, Object>> cancel(@PathParam("idOrReference") String idOrReference) {
        return orders.cancel(client.id(), idOrReference).replaceWith(Map.of("code", 200, "message", "OK"));
    }

    @PUT
    @Path("/{idOrReference}/shipment")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<OrderService.ShipmentAnswer> updateShipment(@PathParam("idOrReference") String idOrReference,
            JsonNode body) {
        return orders.updateShipment(client.id(), idOrReference, body);
    }

    @POST
    @Path("/{idOrReference}/reprocess")
    public Uni<Map<String, Object>> reprocess(@PathParam("idOrReference") String idOrReference) {
        return orders.reprocess(client.id(), idOrReference)
                .map(attempt -> Map.of("code", 200, "message", "OK", "attempt", attempt));
    }
}
