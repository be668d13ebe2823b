package com.podflow.intake.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;

import com.podflow.intake.api.openapi.ApiDefinition;
import com.podflow.intake.client.LedgerForwarder;

/**
 * Operator API (header {@code X-ADMIN-KEY}): rebuilds of the ledger's projection from its event log, what-ifs, replays
 * from Kafka, forwarded to the ledger (order-ledger/README.md, "Support: replay and rebuild"; ADR 0034, 0035).
 */
@Path("/admin/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
@Tag(name = ApiDefinition.ADMIN)
@APIResponse(responseCode = "503", ref = "ServiceUnavailable")
public class ReplayAdminResource {
    private static final String REBUILD = "A rebuild: id, scope, dryRun, orders, events, rejected (events the fold"
            + " refuses now), elapsedMs, eventsPerSecond, differences (count), differing (orderId, liveStatus,"
            + " rebuiltStatus, fields, liveSeq, rebuiltSeq, stale), swappedAt, swapped";

    private final LedgerForwarder ledger;

    public ReplayAdminResource(LedgerForwarder ledger) {
        this.ledger = ledger;
    }

    /** A rebuild's body, for the document. */
    @Schema(name = "RebuildRequest", description = "Which orders to fold again from the event log")
    public record RebuildRequest(
            @Schema(enumeration = {"all", "range", "order"}, description = "all (default), range (orders received"
                    + " from/to) or one order") String scope,
            @Schema(description = "For range: received at or after (RFC 3339)") String from,
            @Schema(description = "For range: received before (RFC 3339)") String to,
            @Schema(description = "For order: its id") String orderId,
            @Schema(description = "Compare only; the rebuild cannot be swapped in") Boolean dryRun){}

    /** A what-if's body, for the document. */
    @Schema(name = "WhatIfRequest", description = "Another configuration of the fold, over a scope as for a rebuild")
    public record WhatIfRequest(
            @Schema(description = "The validators every attempt would need", required = true) java.util.List<String> requiredValidators,
            @Schema(enumeration = {"all", "range", "order"}) String scope, String from, String to,
            String orderId){}

    /** A replay's body, for the document. */
    @Schema(name = "ReplayRequest", description = "A range of one of the ledger's input topics to consume again")
    public record ReplayRequest(
            @Schema(required = true, enumeration = {"orders.intake", "orders.validation",
                    "orders.production-reports"}) String topic,
            @Schema(description = "One partition (required with fromOffset); all when absent") Integer partition,
            @Schema(description = "From this offset of the partition") Long fromOffset,
            @Schema(description = "From this time (RFC 3339), on every partition") String fromTime){}

    @POST
    @Path("/rebuilds")
    @Operation(operationId = "startRebuild", summary = "Rebuild the order projection", description = "Folds the"
            + " scope's orders from the ledger's event log into a shadow table (no notifications), then compares it"
            + " with the live projection. Answers when done, with the rate in events per second.")
    @APIResponse(responseCode = "200", description = REBUILD, content = @Content(schema = @Schema(type = SchemaType.OBJECT, description = REBUILD)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Uni<Response> rebuild(
            @RequestBody(content = @Content(schema = @Schema(implementation = RebuildRequest.class))) byte[] body) {
        return ledger.forward(HttpMethod.POST, "/rebuilds", null, body);
    }

    @GET
    @Path("/rebuilds/{rebuildId}")
    @Operation(operationId = "getRebuild", summary = "Get a rebuild and its differences", description = "The"
            + " rebuild compared with the live projection now: every order whose rows differ, and which columns.")
    @APIResponse(responseCode = "200", description = REBUILD, content = @Content(schema = @Schema(type = SchemaType.OBJECT, description = REBUILD)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Uni<Response> getRebuild(@Parameter(description = "The rebuild's id") @PathParam("rebuildId") String id) {
        return ledger.forward(HttpMethod.GET, "/rebuilds/" + NotificationResource.segment(id), null, null);
    }

    @POST
    @Path("/rebuilds/{rebuildId}/swap")
    @Operation(operationId = "swapRebuild", summary = "Swap a rebuild in", description = "Replaces the live rows that"
            + " differ by the rebuilt ones, in one transaction, except orders that received events since the"
            + " rebuild (stale). Nobody is notified. 409 for a dry run or a rebuild swapped before.")
    @APIResponse(responseCode = "200", description = REBUILD, content = @Content(schema = @Schema(type = SchemaType.OBJECT, description = REBUILD)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", description = "A dry run, or swapped before", content = @Content(schema = @Schema(ref = "ApiError")))
    public Uni<Response> swap(@Parameter(description = "The rebuild's id") @PathParam("rebuildId") String id) {
        return ledger.forward(HttpMethod.POST, "/rebuilds/" + NotificationResource.segment(id) + "/swap", null,
                null);
    }

    @POST
    @Path("/what-if")
    @Operation(operationId = "whatIf", summary = "Fold the log with another configuration", description = "Lists"
            + " the orders whose status would differ with these required validators; writes nothing.")
    @APIResponse(responseCode = "200", description = "requiredValidators, currentValidators, scope, orders, events,"
            + " elapsedMs, changes (orderId, clientId, liveStatus, status, whatIfStatus, whatIfRefusalReasonCode)", content = @Content(schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Uni<Response> whatIf(
            @RequestBody(required = true, content = @Content(schema = @Schema(implementation = WhatIfRequest.class))) byte[] body) {
        return ledger.forward(HttpMethod.POST, "/what-if", null, body);
    }

    @POST
    @Path("/replays")
    @Operation(operationId = "replayTopic", summary = "Replay a topic into the ledger", description = "Consumes a"
            + " range of orders.intake, orders.validation or orders.production-reports again (within its retention,"
            + " ADR 0034) into the ledger; events it recorded before are dropped by id.")
    @APIResponse(responseCode = "200", description = "topic, partitions (partition, fromOffset, toOffset), read,"
            + " applied, duplicates, unreadable, refused, elapsedMs, complete", content = @Content(schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Uni<Response> replay(
            @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ReplayRequest.class))) byte[] body) {
        return ledger.forward(HttpMethod.POST, "/replays", null, body);
    }
}
