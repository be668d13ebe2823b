package com.podflow.intake.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

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
import com.podflow.intake.api.openapi.SupportSchemas;
import com.podflow.intake.client.SupportClient;

/**
 * Operators' dead-letter tools (header {@code X-ADMIN-KEY}), answered by the ledger's dead-letter reader (ADR 31):
 * every record parked on a {@code <topic>.dlq}, with the consumer group that parked it and why; replay one, or all of
 * an order's, to the source topic; mark one resolved.
 */
@Path("/admin/v1/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDefinition.ADMIN)
public class AdminDeadLetterResource {
    private static final String BASE = "/internal/v1/dead-letters";
    private final SupportClient ledger;

    public AdminDeadLetterResource(SupportClient ledger) {
        this.ledger = ledger;
    }

    @GET
    @Operation(operationId = "listDeadLetters", summary = "List dead-letter records", description = "Newest first,"
            + " with the source topic and position, the consumer group that parked the record, the reason and the"
            + " payload.")
    @APIResponse(responseCode = "200", description = "The records", content = @Content(schema = @Schema(implementation = SupportSchemas.DeadLetterList.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    public Uni<Response> list(@Context UriInfo uri,
            @Parameter(description = "Only this order's records") @QueryParam("orderId") String orderId,
            @Parameter(description = "Only records of this dead-letter topic or source topic") @QueryParam("topic") String topic,
            @Parameter(description = "Only records in this state", schema = @Schema(type = SchemaType.STRING, enumeration = {
                    "parked", "replayed", "resolved"})) @QueryParam("status") String status,
            @Parameter(description = "At most this many (100 by default)", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000")) @QueryParam("limit") String limit) {
        return ledger.forward(HttpMethod.GET, BASE, uri.getRequestUri().getRawQuery(), null);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getDeadLetter", summary = "Get a dead-letter record")
    @APIResponse(responseCode = "200", description = "The record", content = @Content(schema = @Schema(implementation = SupportSchemas.DeadLetter.class)))
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    public Uni<Response> get(@Parameter(description = "The record's id") @PathParam("id") String id) {
        return ledger.forward(HttpMethod.GET, BASE + "/" + NotificationResource.segment(id), null, null);
    }

    @POST
    @Path("/{id}/replay")
    @Operation(operationId = "replayDeadLetter", summary = "Replay a dead-letter record", description = "Publishes"
            + " the record again to its source topic, with its key, value and headers (without the dead-letter"
            + " headers); every consumer ignores an event it has applied already. Use after fixing the cause.")
    @APIResponse(responseCode = "200", description = "The record, now replayed", content = @Content(schema = @Schema(implementation = SupportSchemas.DeadLetter.class)))
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    public Uni<Response> replay(@Parameter(description = "The record's id") @PathParam("id") String id) {
        return ledger.forward(HttpMethod.POST, BASE + "/" + NotificationResource.segment(id) + "/replay", null, null);
    }

    @POST
    @Path("/replay")
    @Operation(operationId = "replayOrderDeadLetters", summary = "Replay an order's dead-letter records", description = "Replays every record of the order that is still parked, in the order they were parked.")
    @APIResponse(responseCode = "200", description = "The records replayed", content = @Content(schema = @Schema(implementation = SupportSchemas.DeadLetterReplay.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    public Uni<Response> replayOrder(
            @Parameter(description = "The order", required = true) @QueryParam("orderId") String orderId) {
        return ledger.forward(HttpMethod.POST, BASE + "/replay",
                orderId == null ? null : "orderId=" + AdminOrderResource.encoded(orderId), null);
    }

    @POST
    @Path("/{id}/resolve")
    @Operation(operationId = "resolveDeadLetter", summary = "Resolve a dead-letter record", description = "Marks"
            + " the record resolved (nothing more to do); it stays listed.")
    @APIResponse(responseCode = "200", description = "The record, now resolved", content = @Content(schema = @Schema(implementation = SupportSchemas.DeadLetter.class)))
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    public Uni<Response> resolve(@Parameter(description = "The record's id") @PathParam("id") String id) {
        return ledger.forward(HttpMethod.POST, BASE + "/" + NotificationResource.segment(id) + "/resolve", null,
                null);
    }
}
