package com.podflow.intake.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

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
import io.vertx.core.http.HttpMethod;

import com.podflow.intake.api.openapi.ApiDefinition;
import com.podflow.intake.client.LedgerForwarder;

/**
 * Order analytics (the seeds' "Order Analytics"): a client's own at {@code GET /v1/analytics}; an operator's, for one
 * client or all, at {@code GET /admin/v1/analytics} ({@link AnalyticsAdminResource}). Computed by the ledger from its projection.
 */
@Path("/v1/analytics")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
@Tag(name = ApiDefinition.ORDERS)
@APIResponse(responseCode = "503", ref = "ServiceUnavailable")
public class AnalyticsResource {
    static final String FROM = "First day (YYYY-MM-DD, UTC), by the day the order was received";
    static final String TO = "Last day (YYYY-MM-DD, UTC), inclusive; at most 366 days after from";
    static final String DESCRIPTION = "Per day of receipt: received, created (reached created), failed and"
            + " canceled (in that status now) and the success rate (created / (created + failed)); over the range:"
            + " failures by refusal code, received-to-created time and the time in each status (until the next"
            + " status), p50/p95 in seconds.";

    private final CurrentClient client;
    private final LedgerForwarder ledger;

    public AnalyticsResource(CurrentClient client, LedgerForwarder ledger) {
        this.client = client;
        this.ledger = ledger;
    }

    /** One day's counts. */
    @Schema(name = "AnalyticsDay")
    public record Day(@Schema(format = "date") String day, long received, long created, long failed,
            long canceled,
            @Schema(description = "created / (created + failed); null when none was decided") Double successRate) {}

    /** A p50/p95 over {@code count} durations, in seconds. */
    @Schema(name = "AnalyticsPercentiles")
    public record Percentiles(long count, Double p50Seconds, Double p95Seconds) {}

    /** The analytics answer. */
    @Schema(name = "OrderAnalytics")
    public record Report(@Schema(description = "The client; null for every client (operators)") String clientId,
            @Schema(format = "date") String from, @Schema(format = "date") String to, long received, long created,
            long failed, long canceled, Double successRate, List<Day> days,
            @Schema(description = "Failed orders per refusal code") Map<String, Long> failuresByRefusalCode,
            Percentiles receivedToCreated,
            @Schema(description = "Per status: how long orders stayed in it") Map<String, Percentiles> timeInStatus) {}

    @GET
    @Operation(operationId = "getOrderAnalytics", summary = "Order analytics", description = "The client's own"
            + " orders. " + DESCRIPTION)
    @APIResponse(responseCode = "200", description = "The analytics", content = @Content(schema = @Schema(implementation = Report.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Uni<Response> get(@Parameter(description = FROM, required = true) @QueryParam("from") String from,
            @Parameter(description = TO, required = true) @QueryParam("to") String to) {
        return forward(ledger, client.id(), from, to);
    }

    static Uni<Response> forward(LedgerForwarder ledger, String clientId, String from, String to) {
        StringBuilder query = new StringBuilder();
        append(query, "clientId", clientId);
        append(query, "from", from);
        append(query, "to", to);
        return ledger.forward(HttpMethod.GET, "/analytics", query.toString(), null);
    }

    private static void append(StringBuilder query, String name, String value) {
        if (value != null) {
            query.append(query.length() == 0 ? "" : "&").append(name).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }
}
