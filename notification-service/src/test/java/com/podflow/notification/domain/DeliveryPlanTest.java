package com.podflow.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.podflow.events.FulfillmentStatus;
import com.podflow.events.OrderStatusChanged;
import com.podflow.events.order.Order;
import com.podflow.events.order.ShippingAddress;
import com.podflow.notification.domain.DeliveryPlan.EmailRule;
import com.podflow.notification.domain.DeliveryPlan.Planned;
import com.podflow.notification.domain.DeliveryPlan.Target;

class DeliveryPlanTest {
    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    static final UUID POSTBACK = UUID.randomUUID();
    static final UUID ALL = UUID.randomUUID();
    static final UUID FAILURES = UUID.randomUUID();

    static OrderStatusChanged change(FulfillmentStatus status) {
        var address = new ShippingAddress("SE", "A", "B", null, "1", null, "C", "1", null, "Me@Example.com", null,
                null, null, null, null);
        var order = new Order("ref-1", "order", null, "EUR", null, null, "normal", null, address, List.of(), null,
                List.of());
        return new OrderStatusChanged("order-1", "client-1", "ref-1", 2, FulfillmentStatus.RECEIVED, status, "x", 1,
                null, null, order, T0);
    }

    @Test
    void aFailureGoesToThePostbackEveryMatchingWebhookTypeAndTheMailRecipients() {
        // given
        List<Target> targets = List.of(new Target(POSTBACK, "postback", Set.of(), true),
                new Target(ALL, "webhook", Set.of(), true),
                new Target(FAILURES, "webhook", Set.of("order_failed"), true),
                new Target(UUID.randomUUID(), "webhook", Set.of(), false));
        var rule = new EmailRule(Set.of("failed"), "ops@client.test", true);

        // when
        List<Planned> plan = DeliveryPlan.of("e1", change(FulfillmentStatus.FAILED), targets, Optional.of(rule));

        // then
        assertThat(plan).extracting(Planned::channel, Planned::lane, Planned::messageId, Planned::eventType)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("postback", POSTBACK.toString(), "e1",
                                "order_status_updated"),
                        org.assertj.core.groups.Tuple.tuple("webhook", ALL.toString(), "e1", "order_status_updated"),
                        org.assertj.core.groups.Tuple.tuple("webhook", ALL.toString(), "e1_order_failed",
                                "order_failed"),
                        org.assertj.core.groups.Tuple.tuple("webhook", FAILURES.toString(), "e1_order_failed",
                                "order_failed"),
                        org.assertj.core.groups.Tuple.tuple("email", "email:ops@client.test", "e1_email",
                                "order_failed"),
                        org.assertj.core.groups.Tuple.tuple("email", "email:me@example.com", "e1_email",
                                "order_failed"));
        assertThat(plan).allMatch(p -> p.state().equals("pending"));
    }

    @Test
    void withoutPostbackUrlTheChangeIsLoggedAsNoTargetAndAStatusOutsideTheRuleSendsNoMail() {
        // when
        List<Planned> plan = DeliveryPlan.of("e1", change(FulfillmentStatus.PASSED), List.of(),
                Optional.of(new EmailRule(Set.of("failed"), "ops@client.test", true)));

        // then
        assertThat(plan).singleElement().satisfies(p -> {
            assertThat(p.channel()).isEqualTo("postback");
            assertThat(p.state()).isEqualTo("no_target");
        });
    }

    static OrderStatusChanged shipped(FulfillmentStatus previous, FulfillmentStatus status) {
        OrderStatusChanged base = change(status);
        var tracking = new OrderStatusChanged.Tracking("DHL", "T-1", "https://dhl.example/T-1", List.of(), T0);
        return new OrderStatusChanged("order-1", "client-1", "ref-1", 5, previous, status, "facility reported", 1,
                null, null, base.order(), T0, List.of(tracking), Map.of("item-1", status));
    }

    static List<String> webhookTypes(OrderStatusChanged change) {
        return DeliveryPlan.of("e1", change, List.of(new Target(ALL, "webhook", Set.of(), true)), Optional.empty())
                .stream().filter(p -> p.channel().equals("webhook")).map(Planned::eventType).toList();
    }

    @Test
    void theFirstChangeWithTrackingAddsTrackingAndEveryProductionChangeUpdatesItemStatuses() {
        // then shipped after packaged: tracking added; in_transit after shipped: tracking is not new
        assertThat(webhookTypes(shipped(FulfillmentStatus.PACKAGED, FulfillmentStatus.SHIPPED)))
                .containsExactly("order_status_updated", "order_item_status_updated", "tracking_added");
        assertThat(webhookTypes(shipped(FulfillmentStatus.SHIPPED, FulfillmentStatus.IN_TRANSIT)))
                .containsExactly("order_status_updated", "order_item_status_updated");
        // a facility that skipped shipped: delivered is the first change with tracking
        assertThat(webhookTypes(shipped(FulfillmentStatus.PRINTED, FulfillmentStatus.DELIVERED)))
                .contains("tracking_added");
        // before production: neither
        assertThat(webhookTypes(change(FulfillmentStatus.PASSED))).containsExactly("order_status_updated");
    }

    @Test
    void aWebhookFilteredOnTrackingGetsOnlyTrackingWithItsOwnMessageId() {
        List<Planned> plan = DeliveryPlan.of("e1", shipped(FulfillmentStatus.PACKAGED, FulfillmentStatus.SHIPPED),
                List.of(new Target(FAILURES, "webhook", Set.of("tracking_added"), true)), Optional.empty());

        assertThat(plan).filteredOn(p -> p.channel().equals("webhook")).singleElement().satisfies(p -> {
            assertThat(p.eventType()).isEqualTo("tracking_added");
            assertThat(p.messageId()).isEqualTo("e1_tracking_added");
            assertThat(p.json()).contains("\"eventType\":\"tracking_added\"").contains("https://dhl.example/T-1");
        });
    }

    @Test
    void theHandoverOverdueFlagIsAPostbackOfItsOwnTypeWithoutWebhookOrSecondCreatedMail() {
        // given an order flagged at created, a rule that mails created, a postback URL and an unfiltered webhook
        OrderStatusChanged base = change(FulfillmentStatus.CREATED);
        var overdue = new OrderStatusChanged("order-1", "client-1", "ref-1", 4, FulfillmentStatus.CREATED,
                FulfillmentStatus.CREATED, "handover_overdue: no receipt from facility f-1 within PT15M", 1, null,
                null, base.order(), T0, null, Map.of("item-1", FulfillmentStatus.CREATED));
        List<Target> targets = List.of(new Target(POSTBACK, "postback", Set.of(), true),
                new Target(ALL, "webhook", Set.of(), true));

        // when
        List<Planned> plan = DeliveryPlan.of("e4", overdue, targets,
                Optional.of(new EmailRule(Set.of("created"), "ops@client.test", true)));

        // then
        assertThat(plan).singleElement().satisfies(p -> {
            assertThat(p.channel()).isEqualTo("postback");
            assertThat(p.eventType()).isEqualTo("order_handover_overdue");
            assertThat(p.json()).contains("\"eventType\":\"order_handover_overdue\"")
                    .contains("\"cause\":\"handover_overdue: no receipt");
        });
        // and an ordinary created change still mails
        assertThat(DeliveryPlan.of("e3", change(FulfillmentStatus.CREATED), targets,
                Optional.of(new EmailRule(Set.of("created"), "ops@client.test", false))))
                .extracting(Planned::channel).contains("email");
    }

    @Test
    void aStallAnnouncementIsAnOrderStalledPostbackAndWebhookWithoutASecondMail() {
        // given an order announced stalled at received, a postback URL, an unfiltered webhook, one for order_stalled
        // only and one for order_failed only, and a rule that mails received
        OrderStatusChanged base = change(FulfillmentStatus.RECEIVED);
        var stalled = new OrderStatusChanged("order-1", "client-1", "ref-1", 2, FulfillmentStatus.RECEIVED,
                FulfillmentStatus.RECEIVED, "order_stalled: received at attempt 1 since 2026-11-23T10:00:00Z, longer"
                        + " than PT10M; waiting for validator files for attempt 1: none for 10 min",
                1, null, null, base.order(), T0);
        List<Target> targets = List.of(new Target(POSTBACK, "postback", Set.of(), true),
                new Target(ALL, "webhook", Set.of(), true),
                new Target(FAILURES, "webhook", Set.of("order_failed"), true));

        // when
        List<Planned> plan = DeliveryPlan.of("e2", stalled, targets,
                Optional.of(new EmailRule(Set.of("received"), "ops@client.test", true)));

        // then
        assertThat(plan).extracting(Planned::channel, Planned::eventType, Planned::messageId).containsExactly(
                org.assertj.core.groups.Tuple.tuple("postback", "order_stalled", "e2"),
                org.assertj.core.groups.Tuple.tuple("webhook", "order_stalled", "e2_order_stalled"));
        assertThat(plan.get(1).json()).contains("\"eventType\":\"order_stalled\"")
                .contains("waiting for validator files");
        assertThat(WebhookEventType.fromWireName("order_stalled")).isEqualTo(WebhookEventType.ORDER_STALLED);
    }
}
