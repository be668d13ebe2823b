package com.podflow.ledger.api;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.podflow.ledger.analytics.OrderAnalytics;
import com.podflow.support.api.ApiError;
import com.podflow.support.api.ApiException;

/** Order analytics for intake-api (a client's own, or an operator's over any client or all). */
@Path("/internal/v1/analytics")
@Produces(MediaType.APPLICATION_JSON)
public class AnalyticsResource {
    private final OrderAnalytics analytics;

    public AnalyticsResource(OrderAnalytics analytics) {
        this.analytics = analytics;
    }

    /** Per day from {@code from} to {@code to} (dates, inclusive); without {@code clientId}: every client. */
    @GET
    public OrderAnalytics.Report get(@QueryParam("clientId") String clientId, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        return analytics.report(clientId == null || clientId.isBlank() ? null : clientId, date("from", from),
                date("to", to));
    }

    private static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new ApiException(400, "Invalid request: '" + field + "' must be a date (YYYY-MM-DD)",
                    List.of(new ApiError.FieldError(field, "invalid_field", "must be a date (YYYY-MM-DD)")), null);
        }
    }
}
