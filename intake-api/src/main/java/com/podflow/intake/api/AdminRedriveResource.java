package com.podflow.intake.api;

import java.util.List;
import java.util.Set;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import com.fasterxml.jackson.databind.JsonNode;
import com.podflow.events.Validators;
import com.podflow.intake.api.openapi.ApiDefinition;
import com.podflow.intake.client.LedgerSupportClient;
import com.podflow.intake.persistence.RedriveStore;
import com.podflow.support.api.ApiError;
import com.podflow.support.api.ApiException;

/**
 * Re-drive (X-ADMIN-KEY; issue 11 item 5, ADR 0029): re-sends the one step of an order that never answered, when the
 * ledger says the order waits for it. A validator: intake re-publishes the current attempt's OrderReceived addressed
 * to that validator; the production request: the ledger re-sends it. Idempotent: the same step re-driven twice is
 * the same event id, and a late original answer and the re-driven one count once.
 */
@Path("/admin/v1/orders/{orderId}/redrive")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = ApiDefinition.ADMIN)
public class AdminRedriveResource {
    private static final Logger LOG = Logger.getLogger(AdminRedriveResource.class);
    private static final Set<String> VALIDATORS = Set.of(Validators.DATA, Validators.PRODUCT, Validators.RULES,
            Validators.FILES);

    private final LedgerSupportClient ledger;
    private final RedriveStore store;

    public AdminRedriveResource(@RestClient LedgerSupportClient ledger, RedriveStore store) {
        this.ledger = ledger;
        this.store = store;
    }

    @Schema(name = "RedriveRequest", description = "The step to re-send", requiredProperties = "step")
    public record RedriveRequest(
            @Schema(enumeration = {"validator", "production"}, description = "validator: the current attempt's"
                    + " order to one validator; production: the production request to the facility") String step,
            @Schema(enumeration = {"data", "product", "rules", "files"}, description = "Required with step"
                    + " validator") String validator){}

    @Schema(name = "Redriven", description = "What was re-sent")
    public record Redriven(String orderId, String step, String validator, int attempt,
            @Schema(description = "The re-sent event's id: the same for every re-drive of this step") String eventId) {}

    @POST
    @Operation(operationId = "redriveOrder", summary = "Re-drive an order's stuck step", description = "Re-sends the"
            + " one step the order waits for (see listStalledOrders): the current attempt's order to one validator,"
            + " or the production request to the facility that has not confirmed it. 409 when the order is final or"
            + " does not wait for that step. Failed orders are reprocessed instead (a new attempt).")
    @APIResponse(responseCode = "202", description = "Re-sent", content = @Content(schema = @Schema(implementation = Redriven.class)))
    @APIResponse(responseCode = "409", description = "The order does not wait for this step", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<Response> redrive(@Parameter(description = "The order's id") @PathParam("orderId") String orderId,
            @RequestBody(required = true) RedriveRequest request) {
        if (request == null || request.step() == null || request.step().isBlank()) {
            throw field("step", "step is required: validator or production");
        }
        return switch (request.step()) {
            case "validator" -> validator(orderId, request.validator());
            case "production" -> production(orderId);
            default -> throw field("step", "step must be validator or production");
        };
    }

    private Uni<Response> validator(String orderId, String validator) {
        if (validator == null || !VALIDATORS.contains(validator)) {
            throw field("validator", "validator must be one of data, product, rules, files");
        }
        return ledger.waitingFor(orderId)
                .onFailure().transform(e -> ledgerFailure(e, orderId))
                .flatMap(waiting -> {
                    String status = waiting.path("fulfillmentStatus").asText();
                    int attempt = waiting.path("attempt").asInt();
                    boolean awaited = false;
                    for (JsonNode input : waiting.path("waitingFor")) {
                        awaited |= "validator".equals(input.path("input").asText())
                                && validator.equals(input.path("source").asText());
                    }
                    if (!awaited) {
                        throw new ApiException(409, "Order " + orderId + " is " + status + " at attempt " + attempt
                                + " and does not wait for validator " + validator);
                    }
                    return store.find(orderId).flatMap(found -> {
                        var stored = found.orElseThrow(() -> new ApiException(404, "Order '" + orderId
                                + "' not found"));
                        if (stored.attempt() != attempt) {
                            throw new ApiException(409, "Order " + orderId + " is at attempt " + stored.attempt()
                                    + " here and " + attempt + " in the ledger; try again in a moment");
                        }
                        return store.redriveValidator(stored, validator);
                    });
                })
                .map(sent -> Response.accepted(new Redriven(orderId, "validator", validator, sent.attempt(),
                        sent.id())).build());
    }

    private Uni<Response> production(String orderId) {
        return ledger.redriveProduction(orderId)
                .onFailure().transform(e -> ledgerFailure(e, orderId))
                .map(sent -> Response.accepted(new Redriven(orderId, "production", null,
                        sent.path("attempt").asInt(), sent.path("eventId").asText())).build());
    }

    /** The ledger's 404 and 409 passed on with its message; anything else is a 503. */
    private static Throwable ledgerFailure(Throwable e, String orderId) {
        if (e instanceof ApiException) {
            return e;
        }
        if (e instanceof WebApplicationException wae) {
            int status = wae.getResponse().getStatus();
            if (status == 404) {
                return new ApiException(404, "Order '" + orderId + "' not found");
            }
            if (status == 409) {
                String message = "Order " + orderId + " does not wait for its facility's receipt";
                try {
                    message = wae.getResponse().readEntity(JsonNode.class).path("message").asText(message);
                } catch (RuntimeException ignored) {
                    // keep the general message
                }
                return new ApiException(409, message);
            }
        }
        LOG.warnf("order-ledger did not answer: %s", e.toString());
        return new ApiException(503, "Order status is temporarily unavailable; please retry in a few seconds");
    }

    private static ApiException field(String field, String message) {
        return new ApiException(400, message, List.of(new ApiError.FieldError(field, "invalid_field", message)),
                null);
    }

}
