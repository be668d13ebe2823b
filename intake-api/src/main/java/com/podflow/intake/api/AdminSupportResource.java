package com.podflow.intake.api;

import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import com.fasterxml.jackson.databind.JsonNode;
import com.podflow.events.FulfillmentStatus;
import com.podflow.intake.api.openapi.ApiDefinition;
import com.podflow.intake.client.LedgerSupportClient;
import com.podflow.support.api.ApiError;
import com.podflow.support.api.ApiException;

/**
 * Support engineers' view of stuck orders (X-ADMIN-KEY; issue 11 item 4, ADR 0030): the ledger's stalled orders across
 * clients, each with what it waits for.
 */
@Path("/admin/v1/orders/stalled")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDefinition.ADMIN)
public class AdminSupportResource {
    private static final Logger LOG = Logger.getLogger(AdminSupportResource.class);
    private final LedgerSupportClient ledger;

    public AdminSupportResource(@RestClient LedgerSupportClient ledger) {
        this.ledger = ledger;
    }

    @Schema(name = "WaitingFor", description = "One input the ledger still expects for the order")
    public record WaitingInput(
            @Schema(enumeration = {"validator", "facility_receipt", "facility_progress", "cancel_answer"}) String input,
            @Schema(description = "Who must send it: the validator's name or the facility's id") String source,
            Integer attempt,
            @Schema(example = "validator files for attempt 1: none for 14 min") String detail,
            @Schema(description = "When the wait began") Instant since, long waitingSeconds){}

    @Schema(name = "StalledOrder", description = "An order longer than its status's time limit in it")
    public record StalledOrder(String id, String clientId, String orderReferenceId,
            FulfillmentStatus fulfillmentStatus, int attempt,
            @Schema(description = "When its current wait began") Instant since,
            @Schema(description = "When the stall was announced (order_stalled); null for a created order the"
                    + " handover check flagged") Instant stalledAt,
            @Schema(description = "Created, and its facility has not confirmed receipt in time") boolean handoverOverdue,
            List<WaitingInput> waitingFor) {}

    @Schema(name = "StalledOrders")
    public record StalledOrders(List<StalledOrder> orders) {}

    @GET
    @Operation(operationId = "listStalledOrders", summary = "List stalled orders", description = "Orders of every"
            + " client that stayed in their status longer than its limit (ledger.stalled.*; for created without the"
            + " facility's receipt: ledger.handover-timeout), longest waiting first, each with what it waits for.")
    @APIResponse(responseCode = "200", description = "A page of stalled orders", content = @Content(schema = @Schema(implementation = StalledOrders.class)))
    public Uni<JsonNode> list(
            @Parameter(description = "At most this many (1-500)", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "100")) @QueryParam("limit") String limit,
            @Parameter(description = "Skip this many", schema = @Schema(type = SchemaType.INTEGER, minimum = "0", maximum = "100000", defaultValue = "0")) @QueryParam("offset") String offset) {
        int max = number("limit", limit, 100, 1, 500);
        int skip = number("offset", offset, 0, 0, 100_000);
        return ledger.stalled(max, skip)
                .onFailure(f -> !(f instanceof ApiException))
                .transform(e -> {
                    LOG.warnf("order-ledger did not answer: %s", e.toString());
                    return new ApiException(503, "Order status is temporarily unavailable; please retry in a few"
                            + " seconds");
                });
    }

    private static int number(String field, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        String message = field + " must be a whole number from " + min + " to " + max;
        throw new ApiException(400, message, List.of(new ApiError.FieldError(field, "invalid_field", message)), null);
    }
}
