package com.podflow.ledger.replay;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.podflow.events.OrderStatusChanged;
import com.podflow.ledger.api.OrderView;
import com.podflow.ledger.config.LedgerConfig;
import com.podflow.ledger.domain.OrderFold;
import com.podflow.ledger.domain.OrderReplay;
import com.podflow.ledger.domain.OrderState;
import com.podflow.support.api.ApiException;

/**
 * Time travel, rebuilds and what-ifs: folds the event log again with {@link OrderReplay}, the live consumer's fold (or
 * one with another configuration), and never writes the outbox. Blocking: call it on a worker thread.
 */
@ApplicationScoped
public class ReplayService {
    /** Orders folded per page of a rebuild or what-if (one read of their events, one write of the shadow rows). */
    static final int PAGE = 500;

    private final ReplayStore store;
    private final LedgerConfig config;
    private final OrderFold liveFold;

    public ReplayService(ReplayStore store, LedgerConfig config) {
        this.store = store;
        this.config = config;
        this.liveFold = new OrderFold(config.requiredValidators());
    }

    /** One step of an order's time travel: the event and the order right after it. */
    public record StateStep(int step, String eventId, String type, String topic, Instant occurredAt,
            List<String> statusChanges, String refused, OrderView state) {}

    /** The order's state after each logged event, folded from {@link OrderState#empty}; 404 without events. */
    public List<StateStep> states(String orderId) {
        List<OrderReplay.Logged> events = store.events(orderId);
        if (events.isEmpty()) {
            throw new ApiException(404, "Order '" + orderId + "' has no events in the ledger's log");
        }
        OrderReplay.Folded folded = OrderReplay.fold(liveFold, orderId, events);
        List<StateStep> steps = new ArrayList<>();
        for (int i = 0; i < folded.steps().size(); i++) {
            OrderReplay.Step s = folded.steps().get(i);
            steps.add(new StateStep(i + 1, s.event().eventId(), s.event().type(), s.event().topic(),
                    s.event().event().occurredAt(),
                    s.changes().stream().map(ReplayService::describe).toList(), s.refused(),
                    OrderView.from(s.state())));
        }
        return steps;
    }

    private static String describe(OrderStatusChanged c) {
        return (c.previousStatus() == null ? "none" : c.previousStatus().wireName()) + " -> "
                + c.status().wireName();
    }

    /** What a rebuild did: its counts and rate, and (once compared) how many orders differ. */
    public record RebuildReport(String id, ReplayScope scope, boolean dryRun, Instant startedAt, int orders,
            long events, int rejected, long elapsedMs, double eventsPerSecond, int differences, Instant swappedAt,
            Integer swapped, List<ReplayStore.Difference> differing) {}

    /**
     * Folds the scope's orders from the event log into a new shadow projection (notifications muted: the results'
     * status changes and production messages are dropped) and compares it with the live one.
     */
    public RebuildReport rebuild(ReplayScope scope, boolean dryRun) {
        String id = UUID.randomUUID().toString();
        Instant startedAt = Instant.now();
        store.startRebuild(id, scope, dryRun, startedAt);
        long started = System.nanoTime();
        int orders = 0;
        long events = 0;
        int rejected = 0;
        String after = null;
        while (true) {
            List<String> ids = store.orderIds(scope, after, PAGE);
            if (ids.isEmpty()) {
                break;
            }
            Map<String, List<OrderReplay.Logged>> logs = store.events(ids);
            List<OrderReplay.Folded> page = new ArrayList<>(ids.size());
            for (String orderId : ids) {
                List<OrderReplay.Logged> log = logs.getOrDefault(orderId, List.of());
                OrderReplay.Folded folded = OrderReplay.fold(liveFold, orderId, log);
                page.add(folded);
                events += log.size();
                rejected += folded.refused();
            }
            store.writeShadow(id, page);
            orders += ids.size();
            after = ids.get(ids.size() - 1);
        }
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        store.finishRebuild(id, orders, events, rejected, elapsedMs);
        return report(id);
    }

    /** A rebuild as recorded, compared with the live projection now. */
    public RebuildReport report(String id) {
        ReplayStore.RebuildRow row = store.rebuild(id)
                .orElseThrow(() -> new ApiException(404, "Rebuild '" + id + "' not found"));
        List<ReplayStore.Difference> differing = store.differences(row);
        double rate = row.elapsedMs() == 0 ? row.events() * 1000.0 : row.events() * 1000.0 / row.elapsedMs();
        return new RebuildReport(row.id(), row.scope(), row.dryRun(), row.startedAt(), row.orders(), row.events(),
                row.rejected(), row.elapsedMs(), Math.round(rate * 10) / 10.0, differing.size(), row.swappedAt(),
                row.swapped(), differing);
    }

    /**
     * Replaces the live rows that differ from the rebuilt ones (except stale ones: the order received events since the
     * rebuild read its log) in one transaction; the outbox is untouched, so nobody is notified again.
     */
    public RebuildReport swap(String id) {
        ReplayStore.RebuildRow row = store.rebuild(id)
                .orElseThrow(() -> new ApiException(404, "Rebuild '" + id + "' not found"));
        if (row.dryRun()) {
            throw new ApiException(409, "Rebuild '" + id + "' was a dry run: it cannot be swapped in");
        }
        if (row.swappedAt() != null) {
            throw new ApiException(409, "Rebuild '" + id + "' was swapped in at " + row.swappedAt());
        }
        List<String> ids = store.differences(row).stream().filter(d -> !d.stale())
                .filter(d -> !d.fields().contains("missing in rebuild"))
                .map(ReplayStore.Difference::orderId).toList();
        store.swap(id, ids).await().indefinitely();
        return report(id);
    }

    /** An order whose status would change under the what-if configuration. */
    public record WhatIfChange(String orderId, String clientId, String liveStatus, String status,
            String whatIfStatus, String whatIfRefusalReasonCode) {}

    /** The what-if's answer: its configuration, how much it folded, and the orders whose status would change. */
    public record WhatIfReport(Set<String> requiredValidators, Set<String> currentValidators, ReplayScope scope,
            int orders, long events, long elapsedMs, List<WhatIfChange> changes) {}

    /**
     * Folds the scope's orders twice, with the live configuration and with {@code requiredValidators}, writing
     * nothing, and lists the orders whose status differs between the two ({@code status}: the live configuration's
     * fold of the log; {@code liveStatus}: the live projection, for reference).
     */
    public WhatIfReport whatIf(Set<String> requiredValidators, ReplayScope scope) {
        if (requiredValidators == null || requiredValidators.isEmpty()) {
            throw ReplayScope.bad("requiredValidators", "must name at least one validator");
        }
        OrderFold whatIf = new OrderFold(requiredValidators);
        long started = System.nanoTime();
        int orders = 0;
        long events = 0;
        List<WhatIfChange> changes = new ArrayList<>();
        String after = null;
        while (true) {
            List<String> ids = store.orderIds(scope, after, PAGE);
            if (ids.isEmpty()) {
                break;
            }
            Map<String, List<OrderReplay.Logged>> logs = store.events(ids);
            List<String> changed = new ArrayList<>();
            List<OrderState[]> pairs = new ArrayList<>();
            for (String orderId : ids) {
                List<OrderReplay.Logged> log = logs.getOrDefault(orderId, List.of());
                events += log.size();
                OrderState now = OrderReplay.fold(liveFold, orderId, log).state();
                OrderState then = OrderReplay.fold(whatIf, orderId, log).state();
                if (now.status() != then.status()) {
                    changed.add(orderId);
                    pairs.add(new OrderState[]{now, then});
                }
            }
            if (!changed.isEmpty()) {
                Map<String, String> live = store.liveStatuses(changed);
                for (OrderState[] pair : pairs) {
                    changes.add(new WhatIfChange(pair[0].orderId(), pair[0].clientId(),
                            live.get(pair[0].orderId()), wire(pair[0]), wire(pair[1]),
                            pair[1].refusalReasonCode()));
                }
            }
            orders += ids.size();
            after = ids.get(ids.size() - 1);
        }
        return new WhatIfReport(new TreeSet<>(requiredValidators), new TreeSet<>(config.requiredValidators()),
                scope, orders, events, (System.nanoTime() - started) / 1_000_000, changes);
    }

    private static String wire(OrderState state) {
        return state.status() == null ? null : state.status().wireName();
    }
}
