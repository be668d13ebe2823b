package com.podflow.intake.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

import com.fasterxml.jackson.databind.JsonNode;
import com.podflow.intake.api.openapi.ApiDefinition;
import com.podflow.intake.api.openapi.SupportSchemas;
import com.podflow.intake.service.TimelineComposer;
import com.podflow.support.api.ApiException;

/** The client's version of an order's timeline, to attach to a support ticket (ADR 32). */
@Path("/v1/orders/{idOrReference}/timeline")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDefinition.ORDERS)
public class OrderTimelineResource {
    private final TimelineComposer timelines;
    private final CurrentClient client;

    public OrderTimelineResource(TimelineComposer timelines, CurrentClient client) {
        this.timelines = timelines;
        this.client = client;
    }

    @GET
    @Operation(operationId = "getOrderTimeline", summary = "Get an order's timeline", description = "Everything that"
            + " touched the order, oldest first, each entry with the gap since the previous one: the events (received,"
            + " each validator's result per attempt with its codes, production reports), a record of it held back for"
            + " support, your requests about it (their bodies: GET /v1/requests/{id}) and the notifications sent"
            + " about it with every attempt. Attach it to a support ticket.")
    @APIResponse(responseCode = "200", description = "The timeline", content = @Content(schema = @Schema(implementation = SupportSchemas.OrderTimeline.class)))
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    public Uni<JsonNode> timeline(
            @Parameter(description = OrderResource.ID_OR_REFERENCE) @PathParam("idOrReference") String idOrReference) {
        return timelines.forClient(client.id(), idOrReference).map(found -> found.<JsonNode>map(t -> t)
                .orElseThrow(() -> new ApiException(404, "Order '" + idOrReference + "' not found")));
    }
}
