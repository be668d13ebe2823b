package com.podflow.intake.api;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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
import io.vertx.core.http.HttpMethod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.podflow.events.EventJson;
import com.podflow.intake.api.openapi.ApiDefinition;
import com.podflow.intake.api.openapi.ApiSchemas;
import com.podflow.intake.api.openapi.SupportSchemas;
import com.podflow.intake.client.SupportClient;
import com.podflow.intake.service.TimelineComposer;
import com.podflow.support.api.ApiError;
import com.podflow.support.api.ApiException;

/**
 * Operators' order access (header {@code X-ADMIN-KEY}): any client's order by id (by reference with its client), a
 * search across clients, and an order's full timeline. Literal paths below {@code /admin/v1/orders} (such as
 * {@code /stalled}) are matched before {@code {idOrReference}} (JAX-RS prefers literal segments).
 */
@Path("/admin/v1/orders")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDefinition.ADMIN)
public class AdminOrderResource {
    private final SupportClient ledger;
    private final TimelineComposer timelines;

    public AdminOrderResource(SupportClient ledger, TimelineComposer timelines) {
        this.ledger = ledger;
        this.timelines = timelines;
    }

    @GET
    @Path("/{idOrReference}")
    @Operation(operationId = "getAnyOrder", summary = "Get any client's order", description = "As getOrder, for"
            + " any client's order: by its id, or by its orderReferenceId together with clientId (references are"
            + " unique per client only).")
    @APIResponse(responseCode = "200", description = "The order", content = @Content(schema = @Schema(implementation = ApiSchemas.OrderDetails.class)))
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    public Uni<Response> get(
            @Parameter(description = "The order id, or an orderReferenceId with clientId") @PathParam("idOrReference") String idOrReference,
            @Parameter(description = "The client whose orderReferenceId this is") @QueryParam("clientId") String clientId) {
        return ledger.forward(HttpMethod.GET, "/internal/v1/orders/" + NotificationResource.segment(idOrReference),
                clientId == null || clientId.isBlank() ? null : "clientId=" + encoded(clientId), null);
    }

    @POST
    @Path("/search")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "searchAnyOrders", summary = "Search every client's orders", description = "As"
            + " searchOrders, across clients; clientId (a text) narrows it to one client's orders.")
    @APIResponse(responseCode = "200", description = "The matching orders", content = @Content(schema = @Schema(implementation = ApiSchemas.OrderSearchResult.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    public Uni<Response> search(
            @RequestBody(content = @Content(schema = @Schema(implementation = AdminOrderSearch.class))) JsonNode body) {
        String clientId = null;
        ObjectNode filters = body != null && body.isObject() ? ((ObjectNode) body).deepCopy() : null;
        if (filters != null && filters.has("clientId")) {
            JsonNode value = filters.remove("clientId");
            if (!value.isNull() && !value.isTextual()) {
                String message = "clientId must be a text: the client whose orders to search";
                throw new ApiException(400, message, List.of(new ApiError.FieldError("clientId", "invalid_field",
                        message)), null);
            }
            clientId = value.isNull() || value.asText().isBlank() ? null : value.asText();
        }
        ObjectNode query = OrderSearchResource.query(filters == null ? body : filters);
        byte[] json;
        try {
            json = EventJson.mapper().writeValueAsBytes(query);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return ledger.forward(HttpMethod.POST, "/internal/v1/orders/search",
                clientId == null ? null : "clientId=" + encoded(clientId), json);
    }

    @GET
    @Path("/{id}/timeline")
    @Operation(operationId = "getAnyOrderTimeline", summary = "Get an order's full timeline", description = "Every"
            + " event that touched the order, in order, with the topic, partition and offset it was read from, its"
            + " producer, attempt and the gap since the previous entry; the validators' results per attempt; any"
            + " record of it parked on a dead-letter topic; the requests-log entries filed under it; the"
            + " notification deliveries and their attempts.")
    @APIResponse(responseCode = "200", description = "The timeline", content = @Content(schema = @Schema(implementation = SupportSchemas.OrderTimeline.class)))
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    public Uni<JsonNode> timeline(@Parameter(description = "The order id") @PathParam("id") String id) {
        return timelines.full(id).map(found -> found.<JsonNode>map(t -> t)
                .orElseThrow(() -> new ApiException(404, "Order '" + id + "' not found")));
    }

    /** The filters of searchOrders, plus the client. */
    @Schema(name = "AdminOrderSearch", description = "The filters of searchOrders, plus clientId")
    public record AdminOrderSearch(@Schema(description = "Only this client's orders") String clientId,
            List<String> fulfillmentStatus, List<String> orderReferenceIds, String orderReferenceId,
            String startDate, String endDate, List<String> countries, Integer limit, Integer offset) {}

    static String encoded(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
