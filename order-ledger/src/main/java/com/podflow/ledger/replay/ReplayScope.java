package com.podflow.ledger.replay;

import java.time.Instant;
import java.util.List;

import com.podflow.support.api.ApiError;
import com.podflow.support.api.ApiException;

/**
 * Which orders a rebuild or what-if folds: {@code all}, a {@code range} of the time their order was received
 * ({@code from} inclusive, {@code to} exclusive; the time of their {@code order.received} event), or one
 * {@code order}.
 */
public record ReplayScope(String scope, Instant from, Instant to, String orderId) {

    /** The scope as asked, checked: a 400 names the field that is missing or wrong. */
    public static ReplayScope of(String scope, Instant from, Instant to, String orderId) {
        String kind = scope == null || scope.isBlank() ? "all" : scope;
        switch (kind) {
            case "all" :
                return new ReplayScope("all", null, null, null);
            case "range" :
                if (from == null || to == null) {
                    throw bad(from == null ? "from" : "to", "is required for scope 'range'");
                }
                if (!from.isBefore(to)) {
                    throw bad("to", "must be after 'from'");
                }
                return new ReplayScope("range", from, to, null);
            case "order" :
                if (orderId == null || orderId.isBlank()) {
                    throw bad("orderId", "is required for scope 'order'");
                }
                return new ReplayScope("order", null, null, orderId);
            default :
                throw bad("scope", "must be one of all, range, order");
        }
    }

    static ApiException bad(String field, String message) {
        return new ApiException(400, "Invalid request: '" + field + "' " + message,
                List.of(new ApiError.FieldError(field, "invalid_field", message)), null);
    }

    /**
     * A condition on {@code column} (an order id) selecting this scope's orders from the event log; its parameters
     * start at {@code $first}.
     */
    String sql(String column, int first) {
        return switch (scope) {
            case "order" -> column + " = $" + first;
            case "range" -> column + " in (select order_id from ledger.event_log where type = 'order.received'"
                    + " and occurred_at >= $" + first + " and occurred_at < $" + (first + 1) + ")";
            default -> "true";
        };
    }

    /** The parameters of {@link #sql}. */
    List<Object> params() {
        return switch (scope) {
            case "order" -> List.of(orderId);
            case "range" -> List.of(ReplayStore.utc(from), ReplayStore.utc(to));
            default -> List.of();
        };
    }
}
