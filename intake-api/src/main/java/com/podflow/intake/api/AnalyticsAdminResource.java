package com.podflow.intake.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

import com.podflow.intake.api.openapi.ApiDefinition;
import com.podflow.intake.client.LedgerForwarder;

/** Operator API (header {@code X-ADMIN-KEY}): any client's order analytics, or every client's together. */
@Path("/admin/v1/analytics")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
@Tag(name = ApiDefinition.ADMIN)
@APIResponse(responseCode = "503", ref = "ServiceUnavailable")
public class AnalyticsAdminResource {
    private final LedgerForwarder ledger;

    public AnalyticsAdminResource(LedgerForwarder ledger) {
        this.ledger = ledger;
    }

    @GET
    @Operation(operationId = "getClientOrderAnalytics", summary = "Order analytics of any client", description = "One"
            + " client's orders, or every client's without clientId. " + AnalyticsResource.DESCRIPTION)
    @APIResponse(responseCode = "200", description = "The analytics", content = @Content(schema = @Schema(implementation = AnalyticsResource.Report.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Uni<Response> get(
            @Parameter(description = "The client's id; every client when absent") @QueryParam("clientId") String clientId,
            @Parameter(description = AnalyticsResource.FROM, required = true) @QueryParam("from") String from,
            @Parameter(description = AnalyticsResource.TO, required = true) @QueryParam("to") String to) {
        return AnalyticsResource.forward(ledger, clientId == null || clientId.isBlank() ? null : clientId, from, to);
    }
}
