package com.podflow.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
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
}
