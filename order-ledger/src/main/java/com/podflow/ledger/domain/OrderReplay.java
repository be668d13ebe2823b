package com.podflow.ledger.domain;

import java.util.ArrayList;
import java.util.List;

import com.podflow.events.OrderEvent;
import com.podflow.events.OrderStatusChanged;

/**
 * Folds an order's logged events again, from {@link OrderState#empty}, with the same {@link OrderFold} the live
 * consumer uses (or one with another configuration, for a what-if). Pure: the caller reads the log and writes nothing
 * or a shadow table; the status changes and production messages the fold returns are only reported, never sent.
 */
public final class OrderReplay {
    private OrderReplay() {
    }

    /** One logged event of an order: its id, wire type, when it happened and its position in the log. */
    public record Logged(String eventId, String type, String topic, long seq, OrderEvent event) {}

    /**
     * The state after one event. {@code refused} holds the fold's reason when it refuses the event now (the live apply
     * never logs a refused event, so a refusal means the fold changed since); the state then stays as it was.
     */
    public record Step(Logged event, OrderState state, List<OrderStatusChanged> changes, String refused) {}

    /** The whole replay of one order: every step, the final state, how many events the fold refused. */
    public record Folded(String orderId, List<Step> steps, OrderState state, int refused, long lastSeq) {
        public Folded {
            steps = List.copyOf(steps);
        }
    }

    /** Folds the events (in log order) of one order. */
    public static Folded fold(OrderFold fold, String orderId, List<Logged> events) {
        OrderState state = OrderState.empty(orderId);
        List<Step> steps = new ArrayList<>(events.size());
        int refused = 0;
        long lastSeq = 0;
        for (Logged logged : events) {
            lastSeq = Math.max(lastSeq, logged.seq());
            try {
                OrderFold.Result result = fold.evolve(state, logged.event());
                state = result.state();
                steps.add(new Step(logged, state, result.changes(), null));
            } catch (IllegalArgumentException | IllegalStateException e) {
                refused++;
                steps.add(new Step(logged, state, List.of(), e.getMessage()));
            }
        }
        return new Folded(orderId, steps, state, refused, lastSeq);
    }
}
