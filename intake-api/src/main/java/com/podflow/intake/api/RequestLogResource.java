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

import io.smallrye.mutiny.Uni;

import com.podflow.intake.persistence.RequestLog;
import com.podflow.support.api.ApiException;

/**
 * The requests log: {@code GET /v1/requests} lists the client's own API requests, newest first, filtered by date,
 * status, order, customer and method; {@code GET /v1/requests/{id}} shows one with the body as sent and the answer
 * (secrets redacted). Operators read every client's under {@code /admin/v1/requests}.
 */
@Path("/v1/requests")
@Produces(MediaType.APPLICATION_JSON)
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
        String from;
        @QueryParam("to")
        String to;
        @QueryParam("status")
        String status;
        @QueryParam("orderId")
        String orderId;
        @QueryParam("customerReferenceId")
        String customerReferenceId;
        @QueryParam("method")
        String method;
        @QueryParam("limit")
        String limit;
        @QueryParam("offset")
        String offset;
    }

    @GET
    public Uni<Map<String, Object>> list(@BeanParam Filters filters) {
        return page(log, client.id(), filters);
    }

    @GET
    @Path("/{id}")
    public Uni<Map<String, Object>> show(@PathParam("id") String id) {
        return detail(log, client.id(), id);
    }

    /** Operators: every client's requests ({@code clientId} narrows it to one), under {@code X-ADMIN-KEY}. */
    @Path("/admin/v1/requests")
    @Produces(MediaType.APPLICATION_JSON)
    public static class Admin {
        private final RequestLog log;

        public Admin(RequestLog log) {
            this.log = log;
        }

        @GET
        public Uni<Map<String, Object>> list(@QueryParam("clientId") String clientId, @BeanParam Filters filters) {
            return page(log, clientId == null || clientId.isBlank() ? null : clientId, filters);
        }

        @GET
        @Path("/{id}")
        public Uni<Map<String, Object>> show(@PathParam("id") String id) {
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
        }
        return view;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
