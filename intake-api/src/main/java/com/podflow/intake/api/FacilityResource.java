package com.podflow.intake.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

import com.podflow.intake.api.openapi.ApiDefinition;
import com.podflow.intake.service.FacilityReportService;

/**
 * The facilities' API (header {@code X-FACILITY-KEY}), for facilities without Kafka: a report here is the
 * {@code order.production-reported} a facility would send on {@code orders.production-reports}.
 */
@Path("/facility/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = ApiDefinition.FACILITIES)
public class FacilityResource {
    private final FacilityReportService reports;
    private final CurrentFacility facility;

    public FacilityResource(FacilityReportService reports, CurrentFacility facility) {
        this.reports = reports;
        this.facility = facility;
    }

    @POST
    @Path("/orders/{orderId}/reports")
    @Operation(operationId = "reportProduction", summary = "Report progress on an order", description = "Handover"
            + " receipt (accepted), a production step, a shipment, a cancel answer or an error, for the whole order or"
            + " some items. Published on orders.production-reports as order.production-reported, with the facility"
            + " of the key; the ledger applies it (never backwards; a report for an order of another facility is only"
            + " noted). Idempotent: the same reportId again answers 202 with the same eventId and is not published"
            + " again (the first one sent stands).")
    @APIResponse(responseCode = "202", description = "Accepted for publishing", content = @Content(schema = @Schema(implementation = FacilityReportService.Received.class)))
    public Uni<Response> report(
            @Parameter(description = "The order's id (from the production feed)") @PathParam("orderId") String orderId,
            @RequestBody(required = true) FacilityReportService.Report report) {
        return reports.report(facility.id(), orderId, report)
                .map(received -> Response.accepted(received).build());
    }
}
