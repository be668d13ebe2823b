package com.podflow.intake.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;

import com.podflow.intake.api.openapi.ApiDefinition;
import com.podflow.intake.client.LedgerForwarder;

/** Operator API (header {@code X-ADMIN-KEY}): time travel through one order, folded from the ledger's event log. */
@Path("/admin/v1/orders")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
@Tag(name = ApiDefinition.ADMIN)
@APIResponse(responseCode = "503", ref = "ServiceUnavailable")
public class OrderStatesAdminResource {
    private static final String STEP = "Per event, oldest first: step, eventId, type, topic, occurredAt,"
            + " statusChanges (e.g. \"received -> passed\"), refused (the fold's reason, when it refuses the event"
            + " now) and state (the order as Get Order shows it, after the event)";

    private final LedgerForwarder ledger;

    public OrderStatesAdminResource(LedgerForwarder ledger) {
        this.ledger = ledger;
    }

    @GET
    @Path("/{orderId}/states")
    @Operation(operationId = "getOrderStates", summary = "Step through an order's states", description = "The"
            + " order's state after each event of the ledger's log, folded again with the live fold; any client.")
    @APIResponse(responseCode = "200", description = STEP, content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = Object.class, description = STEP)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Uni<Response> states(@Parameter(description = "The order's id") @PathParam("orderId") String orderId) {
        return ledger.forward(HttpMethod.GET, "/orders/" + NotificationResource.segment(orderId) + "/states", null,
                null);
    }
}
