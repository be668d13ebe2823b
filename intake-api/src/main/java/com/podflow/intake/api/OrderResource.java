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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

import com.fasterxml.jackson.databind.JsonNode;
import com.podflow.events.order.Order;
import com.podflow.intake.api.openapi.ApiDefinition;
import com.podflow.intake.api.openapi.ApiSchemas;
import com.podflow.intake.client.OrderReader;
import com.podflow.intake.service.OrderService;
import com.podflow.intake.service.RequestSubject;
import com.podflow.support.api.ApiException;

/** The Order API: submit, get, change drafts, cancel, update the shipment, reprocess. */
@Path("/v1/orders")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDefinition.ORDERS)
public class OrderResource {
    static final String ID_OR_REFERENCE = "The order id, or the client's orderReferenceId";
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
    @Operation(operationId = "submitOrder", summary = "Submit an order", description = "Accepts an order (orderType"
            + " order) or saves a draft (orderType draft). The order is stored before the answer; validation, shipment"
            + " choice and production follow, see getOrder. With preventDuplicate, a second order with the same"
            + " orderReferenceId is refused with 409 naming the existing order (orderId).")
    @APIResponse(responseCode = "201", description = "Accepted; Location names the new order", content = @Content(schema = @Schema(implementation = ApiSchemas.OrderCreated.class)), headers = @Header(name = "Location", description = "/v1/orders/{id}", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "409", description = "A duplicate of an existing order (preventDuplicate); orderId"
            + " names it")
    public Uni<Response> submit(@RequestBody(required = true) Order order) {
        return orders.submit(client.id(), order, "api")
                .map(accepted -> Response.created(URI.create("/v1/orders/" + accepted.id())).entity(accepted).build());
    }

    @GET
    @Path("/{idOrReference}")
    @Operation(operationId = "getOrder", summary = "Get an order", description = "The order as the ledger sees it:"
            + " status, items, the chosen shipment, the refusal reason and code of a failed order, and its status"
            + " history. A moment after submitting, before the ledger has the order, it is answered as received.")
    @APIResponse(responseCode = "200", description = "The order", content = @Content(schema = @Schema(implementation = ApiSchemas.OrderDetails.class)))
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    public Uni<Response> get(
            @Parameter(description = ID_OR_REFERENCE) @PathParam("idOrReference") String idOrReference) {
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
    @Operation(operationId = "updateDraft", summary = "Change a draft", description = "A JSON Merge Patch (RFC 7386)"
            + " of the draft order; {\"orderType\": \"order\"} places it, and it is then checked like a new order.")
    @APIResponse(responseCode = "200", description = "The draft after the change", content = @Content(schema = @Schema(implementation = ApiSchemas.DraftUpdated.class)))
    @APIResponse(responseCode = "409", description = "The order is not a draft")
    public Uni<Map<String, Object>> patch(
            @Parameter(description = ID_OR_REFERENCE) @PathParam("idOrReference") String idOrReference,
            @RequestBody(required = true, description = "The fields to change; null removes one", content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Order.class)),
                    @Content(mediaType = "application/merge-patch+json", schema = @Schema(implementation = Order.class))}) JsonNode patch) {
        return orders.patchDraft(client.id(), idOrReference, patch)
                .map(stored -> Map.of("id", stored.id(), "orderReferenceId", stored.order().orderReferenceId(),
                        "orderType", stored.order().orderType(), "updatedAt", stored.updatedAt().toString()));
    }

    @POST
    @Path("/{idOrReference}/cancel")
    @Operation(operationId = "cancelOrder", summary = "Cancel an order", description = "Stops production and shipping;"
            + " possible until the order has shipped. The ledger applies it.")
    @APIResponse(responseCode = "200", description = "Cancel requested", content = @Content(schema = @Schema(implementation = ApiSchemas.Done.class)))
    @APIResponse(responseCode = "409", description = "The order has shipped, or is canceled already")
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    public Uni<Map<String, Object>> cancel(
            @Parameter(description = ID_OR_REFERENCE) @PathParam("idOrReference") String idOrReference) {
        return orders.cancel(client.id(), idOrReference).replaceWith(Map.of("code", 200, "message", "OK"));
    }

    @PUT
    @Path("/{idOrReference}/shipment")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateShipment", summary = "Change the shipment method or address", description = "A"
            + " new shipmentMethodUid, a new shippingAddress, or both; possible until the order has shipped.")
    @APIResponse(responseCode = "200", description = "The new address and shipment", content = @Content(schema = @Schema(implementation = ApiSchemas.ShipmentUpdated.class)))
    @APIResponse(responseCode = "409", description = "The order has shipped or is canceled")
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    public Uni<OrderService.ShipmentAnswer> updateShipment(
            @Parameter(description = ID_OR_REFERENCE) @PathParam("idOrReference") String idOrReference,
            @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ApiSchemas.ShipmentUpdate.class))) JsonNode body) {
        return orders.updateShipment(client.id(), idOrReference, body);
    }

    @POST
    @Path("/{idOrReference}/reprocess")
    @Operation(operationId = "reprocessOrder", summary = "Validate a failed order again", description = "A failed"
            + " order (after fixing it with updateShipment, or after the reason went away) goes through validation"
            + " again as the next attempt.")
    @APIResponse(responseCode = "200", description = "Reprocessing", content = @Content(schema = @Schema(implementation = ApiSchemas.Reprocessing.class)))
    @APIResponse(responseCode = "409", description = "The order has not failed")
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    public Uni<Map<String, Object>> reprocess(
            @Parameter(description = ID_OR_REFERENCE) @PathParam("idOrReference") String idOrReference) {
        return orders.reprocess(client.id(), idOrReference)
                .map(attempt -> Map.of("code", 200, "message", "OK", "attempt", attempt));
    }
}
