package com.podflow.intake.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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

import io.smallrye.mutiny.Uni;

import com.podflow.intake.api.openapi.ApiDefinition;
import com.podflow.intake.api.openapi.ApiSchemas;
import com.podflow.intake.persistence.RequestLog;
import com.podflow.support.api.ApiException;

/**
 * The requests log: {@code GET /v1/requests} lists the client's own API requests, newest first, filtered by date,
 * status, order, customer and method; {@code GET /v1/requests/{id}} shows one with the body as sent and the answer
 * (secrets redacted). Operators read every client's under {@code /admin/v1/requests}.
 */
@Path("/v1/requests")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDefinition.REQUESTS)
public class RequestLogResource {
    private static final Pattern STATUS = Pattern.compile("([1-5])(?:([0-9]{2})|xx)", Pattern.CASE_INSENSITIVE);
    private static final Pattern METHOD = Pattern.compile("GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS");

    private final RequestLog log;
    private final CurrentClient client;

    public RequestLogResource(RequestLog log, CurrentClient client) {
        this.log = log;
        this.client = client;
    }

    /** The filters of both listings, as query parameters. */
    public static class Filters {
        @QueryParam("from")
        @Parameter(description = "Received at or after this ISO 8601 date or date-time", example = "2024-12-01")
        String from;
        @QueryParam("to")
        @Parameter(description = "Received before this ISO 8601 date-time; a date includes that day", example = "2024-12-31")
        String to;
        @QueryParam("status")
        @Parameter(description = "HTTP status codes or classes, separated by commas", example = "4xx", schema = @Schema(type = SchemaType.STRING, pattern = "^[1-5](?:[0-9]{2}|[xX]{2})(?:,[1-5](?:[0-9]{2}|[xX]{2}))*$"))
        String status;
        @QueryParam("orderId")
        @Parameter(description = "Requests filed under this order")
        String orderId;
        @QueryParam("customerReferenceId")
        @Parameter(description = "Requests about orders of this customer")
        String customerReferenceId;
        @QueryParam("method")
        @Parameter(schema = @Schema(type = SchemaType.STRING, enumeration = {"GET", "POST", "PUT", "PATCH", "DELETE",
                "HEAD", "OPTIONS"}))
        String method;
        @QueryParam("limit")
        @Parameter(description = "At most this many (1-100)", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "50"))
        String limit;
        @QueryParam("offset")
        @Parameter(description = "Skip this many", schema = @Schema(type = SchemaType.INTEGER, minimum = "0", maximum = "100000", defaultValue = "0"))
        String offset;
    }

    @GET
    @Operation(operationId = "listRequests", summary = "List the client's requests", description = "Every API call"
            + " of the client, newest first, with status and duration; kept 30 days.")
    @APIResponse(responseCode = "200", description = "A page of requests", content = @Content(schema = @Schema(implementation = ApiSchemas.RequestLogPage.class)))
    public Uni<Map<String, Object>> list(@BeanParam Filters filters) {
        return page(log, client.id(), filters);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getRequest", summary = "Get one of the client's requests", description = "With the"
            + " body as sent and the answer, secrets redacted.")
    @APIResponse(responseCode = "200", description = "The request", content = @Content(schema = @Schema(implementation = ApiSchemas.RequestLogDetail.class)))
    public Uni<Map<String, Object>> show(@Parameter(description = "The log entry's id") @PathParam("id") String id) {
        return detail(log, client.id(), id);
    }

    /** Operators: every client's requests ({@code clientId} narrows it to one), under {@code X-ADMIN-KEY}. */
    @Path("/admin/v1/requests")
    @Produces(MediaType.APPLICATION_JSON)
    @Tag(name = ApiDefinition.ADMIN)
    public static class Admin {
        private final RequestLog log;

        public Admin(RequestLog log) {
            this.log = log;
        }

        @GET
        @Operation(operationId = "listAllRequests", summary = "List every client's requests", description = "As"
                + " listRequests, for all clients; requests refused before authentication have no clientId.")
        @APIResponse(responseCode = "200", description = "A page of requests", content = @Content(schema = @Schema(implementation = ApiSchemas.RequestLogPage.class)))
        public Uni<Map<String, Object>> list(
                @Parameter(description = "Only this client's requests") @QueryParam("clientId") String clientId,
                @BeanParam Filters filters) {
            return page(log, clientId == null || clientId.isBlank() ? null : clientId, filters);
        }

        @GET
        @Path("/{id}")
        @Operation(operationId = "getAnyRequest", summary = "Get any client's request", description = "As getRequest, for any client's request.")
        @APIResponse(responseCode = "200", description = "The request", content = @Content(schema = @Schema(implementation = ApiSchemas.RequestLogDetail.class)))
        public Uni<Map<String, Object>> show(
                @Parameter(description = "The log entry's id") @PathParam("id") String id) {
            return detail(log, null, id);
        }
    }

    static Uni<Map<String, Object>> page(RequestLog log, String clientId, Filters filters) {
        Instant from = filters.from == null ? null : ApiParams.date("from", filters.from, false);
        Instant to = filters.to == null ? null : ApiParams.date("to", filters.to, true);
        if (from != null && to != null && !from.isBefore(to)) {
            throw new ApiException(400, "from must be before to");
        }
        List<Integer> statuses = new ArrayList<>();
        List<Integer> classes = new ArrayList<>();
        if (filters.status != null) {
            for (String term : filters.status.split(",", -1)) {
                Matcher matcher = STATUS.matcher(term.trim());
                if (!matcher.matches()) {
                    throw new ApiException(400, "status '" + filters.status + "' must be HTTP status codes or classes"
                            + " separated by commas, e.g. \"400\", \"4xx\" or \"4xx,5xx\"");
                }
                if (matcher.group(2) == null) {
                    classes.add(Integer.parseInt(matcher.group(1)));
                } else {
                    statuses.add(Integer.parseInt(term.trim()));
                }
            }
        }
        String method = filters.method == null ? null : filters.method.toUpperCase(Locale.ROOT);
        if (method != null && !METHOD.matcher(method).matches()) {
            throw new ApiException(400, "method '" + filters.method + "' must be an HTTP method such as POST");
        }
        int limit = ApiParams.number("limit", filters.limit, 50, 1, 100);
        int offset = ApiParams.number("offset", filters.offset, 0, 0, 100_000);
        var query = new RequestLog.Query(clientId, from, to, statuses, classes, blankToNull(filters.orderId),
                blankToNull(filters.customerReferenceId), method, limit, offset);
        return log.list(query).map(entries -> {
            Map<String, Object> page = new LinkedHashMap<>();
            page.put("requests", entries.stream().map(e -> view(e, false)).toList());
            page.put("limit", limit);
            page.put("offset", offset);
            return page;
        });
    }

    static Uni<Map<String, Object>> detail(RequestLog log, String clientId, String id) {
        return log.find(clientId, id).map(found -> view(found.orElseThrow(
                () -> new ApiException(404, "Request '" + id + "' not found")), true));
    }

    private static Map<String, Object> view(RequestLog.Entry e, boolean withBodies) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", e.id());
        view.put("requestId", e.requestId());
        view.put("clientId", e.clientId());
        view.put("keyId", e.keyId());
        view.put("method", e.method());
        view.put("path", e.path());
        view.put("status", e.status());
        view.put("durationMs", e.durationMs());
        view.put("receivedAt", e.receivedAt().toString());
        view.put("orderId", e.orderId());
        view.put("customerReferenceId", e.customerReferenceId());
        if (withBodies) {
            view.put("requestBody", e.requestBody());
            view.put("requestBodyTruncated", e.requestBodyTruncated());
            view.put("responseBody", e.responseBody());
            view.put("responseBodyTruncated", e.responseBodyTruncated());
            // the stages of other channels (ADR 41); null for a plain API call
            view.put("templateOutput", e.templateOutput());
            view.put("finalOrder", e.finalOrder());
        }
        return view;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
