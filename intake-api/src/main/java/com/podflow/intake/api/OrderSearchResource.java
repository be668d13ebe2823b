package com.podflow.intake.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.podflow.events.EventJson;
import com.podflow.events.FulfillmentStatus;
import com.podflow.intake.api.openapi.ApiDefinition;
import com.podflow.intake.api.openapi.ApiSchemas;
import com.podflow.intake.client.OrderReader;
import com.podflow.support.api.ApiException;

/**
 * {@code POST /v1/orders:search} (the API reference's path) and {@code POST /v1/orders/search}: the client's orders by
 * status, reference(s), creation dates and countries, newest first, {@code limit} 50 by default and 100 at most,
 * {@code offset} for paging. Answered by the ledger's projection (indexed by client, status and time).
 */
@Path("/v1/orders/search")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = ApiDefinition.ORDERS)
public class OrderSearchResource {
    private static final String DESCRIPTION = "The client's orders matching every given filter, newest first: by"
            + " fulfillment status, reference(s), creation dates (ISO 8601) and shipping countries; limit 50 by default"
            + " and 100 at most, offset for paging.";

    private final OrderReader reader;
    private final CurrentClient client;

    public OrderSearchResource(OrderReader reader, CurrentClient client) {
        this.reader = reader;
        this.client = client;
    }

    /** The API reference's path. */
    @Path("/v1/orders:search")
    @Produces(MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_JSON)
    @Tag(name = ApiDefinition.ORDERS)
    public static class AtReferencePath {
        private final OrderSearchResource search;

        public AtReferencePath(OrderSearchResource search) {
            this.search = search;
        }

        @POST
        @Operation(operationId = "searchOrders", summary = "Search orders", description = DESCRIPTION)
        @APIResponse(responseCode = "200", description = "The matching orders", content = @Content(schema = @Schema(implementation = ApiSchemas.OrderSearchResult.class)))
        @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
        public Uni<JsonNode> search(
                @RequestBody(content = @Content(schema = @Schema(implementation = ApiSchemas.OrderSearch.class))) JsonNode body) {
            return search.search(body);
        }
    }

    @POST
    @Operation(operationId = "searchOrdersAtSlashPath", summary = "Search orders (alternative path)", description = DESCRIPTION
            + " The same as searchOrders (POST /v1/orders:search).")
    @APIResponse(responseCode = "200", description = "The matching orders", content = @Content(schema = @Schema(implementation = ApiSchemas.OrderSearchResult.class)))
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    public Uni<JsonNode> search(
            @RequestBody(content = @Content(schema = @Schema(implementation = ApiSchemas.OrderSearch.class))) JsonNode body) {
        return reader.search(client.id(), query(body));
    }

    /**
     * The ledger's search request for the filters of {@code body} (null: every order), checked: a 400 names a bad
     * filter. Operators' search ({@link AdminOrderResource}) takes the same filters.
     */
    static ObjectNode query(JsonNode body) {
        JsonNode filters = body == null || body.isNull() ? EventJson.mapper().createObjectNode() : body;
        if (!filters.isObject()) {
            throw new ApiException(400, "The request body must be a JSON object of filters (or {} for all orders)");
        }
        ObjectNode query = EventJson.mapper().createObjectNode();
        List<String> statuses = texts(filters, "fulfillmentStatus");
        for (int i = 0; i < statuses.size(); i++) {
            try {
                FulfillmentStatus.fromWireName(statuses.get(i));
            } catch (IllegalArgumentException e) {
                throw new ApiException(400, "fulfillmentStatus[" + i + "] '" + statuses.get(i) + "' is not a status;"
                        + " use draft, received, passed, failed, created, in_production, printed, packaged, shipped,"
                        + " in_transit, delivered, returned or canceled");
            }
        }
        query.set("fulfillmentStatus", array(statuses));
        query.set("financialStatus", array(texts(filters, "financialStatus")));
        List<String> references = new ArrayList<>(texts(filters, "orderReferenceIds"));
        references.addAll(texts(filters, "orderReferenceId"));
        query.set("orderReferenceIds", array(references));
        query.set("countries", array(texts(filters, "countries").stream().map(String::toUpperCase).toList()));
        Instant start = date(filters, "startDate", false);
        Instant end = date(filters, "endDate", true);
        if (start != null) {
            query.put("startDate", start.toString());
        }
        if (end != null) {
            query.put("endDate", end.toString());
        }
        query.put("limit", number(filters, "limit", 50, 1, 100));
        query.put("offset", number(filters, "offset", 0, 0, Integer.MAX_VALUE));
        return query;
    }

    /** A text or a list of texts. */
    private static List<String> texts(JsonNode filters, String field) {
        JsonNode value = filters.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (value.isTextual()) {
            return List.of(value.asText());
        }
        if (value.isArray() && value.size() <= 100) {
            List<String> texts = new ArrayList<>();
            for (JsonNode item : value) {
                if (!item.isTextual()) {
                    throw new ApiException(400, field + " must be a list of texts");
                }
                texts.add(item.asText());
            }
            return texts;
        }
        throw new ApiException(400, field + " must be a text or a list of at most 100 texts");
    }

    /** ISO 8601: a date-time with offset, or a date (its start; for an end date, the start of the next day). */
    private static Instant date(JsonNode filters, String field, boolean end) {
        List<String> values = texts(filters, field);
        if (values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new ApiException(400, field + " must be one date");
        }
        return ApiParams.date(field, values.get(0), end);
    }

    private static int number(JsonNode filters, String field, int fallback, int min, int max) {
        JsonNode value = filters.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < min || value.asInt() > max) {
            throw new ApiException(400, field + " must be a whole number from " + min
                    + (max == Integer.MAX_VALUE ? " up" : " to " + max));
        }
        return value.asInt();
    }

    private static ArrayNode array(List<String> values) {
        ArrayNode array = EventJson.mapper().createArrayNode();
        values.forEach(array::add);
        return array;
    }
}
