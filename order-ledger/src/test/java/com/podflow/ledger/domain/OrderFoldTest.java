package com.podflow.ledger.domain;

import static com.podflow.events.FulfillmentStatus.CREATED;
import static com.podflow.events.FulfillmentStatus.FAILED;
import static com.podflow.events.FulfillmentStatus.PASSED;
import static com.podflow.events.FulfillmentStatus.RECEIVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.podflow.events.EventType;
import com.podflow.events.FulfillmentStatus;
import com.podflow.events.OrderEvent;
import com.podflow.events.OrderReceived;
import com.podflow.events.OrderStatusChanged;
import com.podflow.events.RefusalCodes;
import com.podflow.events.ValidationFailed;
import com.podflow.events.ValidationFailed.Finding;
import com.podflow.events.ValidationPassed;
import com.podflow.events.Validators;
import com.podflow.events.order.Order;

class OrderFoldTest {
    static final String ORDER = "order-1";
    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    final OrderFold fold = new OrderFold(Set.of(Validators.DATA, Validators.FILES));

    static OrderReceived received(int attempt) {
        var order = new Order("ref-1", "order", null, "EUR", null, null, "normal", null, null, List.of(), null, null);
        return new OrderReceived(ORDER, "client-1", attempt, "api", order, T0);
    }

    static ValidationPassed passed(String validator, int attempt, int second) {
        return new ValidationPassed(ORDER, attempt, validator, T0.plusSeconds(second));
    }

    static ValidationFailed failed(String validator, int attempt, int second, String code, String message) {
        return new ValidationFailed(ORDER, attempt, validator, List.of(new Finding(code, "field", message)),
                T0.plusSeconds(second));
    }

    /** Folds the events from nothing and collects every status change. */
    record Run(OrderState state, List<OrderStatusChanged> changes) {
        List<FulfillmentStatus> statuses() {
            return changes.stream().map(OrderStatusChanged::status).toList();
        }
    }

    Run given(OrderEvent... events) {
        OrderState state = OrderState.empty(ORDER);
        List<OrderStatusChanged> changes = new ArrayList<>();
        for (OrderEvent event : events) {
            OrderFold.Result result = fold.evolve(state, event);
            state = result.state();
            changes.addAll(result.changes());
        }
        return new Run(state, changes);
    }

    @Test
    void anOrderThatEveryValidatorPassesIsCreated() {
        // when
        Run run = given(received(1), passed(Validators.DATA, 1, 1), passed(Validators.FILES, 1, 2));

        // then
        assertThat(run.state().status()).isEqualTo(CREATED);
        assertThat(run.statuses()).containsExactly(RECEIVED, PASSED, CREATED);
        assertThat(run.changes()).extracting(OrderStatusChanged::sequence).containsExactly(1L, 2L, 3L);
        assertThat(run.changes()).extracting(OrderStatusChanged::previousStatus).containsExactly(null, RECEIVED,
                PASSED);
        assertThat(run.state().statusHistory()).extracting(OrderState.StatusEntry::status)
                .containsExactly(RECEIVED, PASSED, CREATED);
        assertThat(run.changes().get(2).occurredAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(run.changes().get(2).order().orderReferenceId()).isEqualTo("ref-1");
    }

    @Test
    void oneValidatorStillMissingKeepsTheOrderReceived() {
        Run run = given(received(1), passed(Validators.DATA, 1, 1));

        assertThat(run.state().status()).isEqualTo(RECEIVED);
        assertThat(run.statuses()).containsExactly(RECEIVED);
    }

    @Test
    void theFirstFailureFailsTheOrderAndLaterFindingsAreKept() {
        // when
        Run run = given(received(1),
                failed(Validators.DATA, 1, 1, RefusalCodes.MISSING_REQUIRED_FIELD,
                        "shippingAddress.country is required"),
                failed(Validators.FILES, 1, 2, RefusalCodes.DOWNLOAD_FAILED, "file 1 answered 404"));

        // then
        assertThat(run.state().status()).isEqualTo(FAILED);
        assertThat(run.statuses()).containsExactly(RECEIVED, FAILED);
        assertThat(run.state().refusalReasonCode()).isEqualTo(RefusalCodes.MISSING_REQUIRED_FIELD);
        assertThat(run.state().refusalReason()).isEqualTo("shippingAddress.country is required");
        assertThat(run.changes().get(1).refusalReasonCode()).isEqualTo(RefusalCodes.MISSING_REQUIRED_FIELD);
        assertThat(run.state().resultsOf(1)).hasSize(2);
    }

    @Test
    void aPassAfterAFailureDoesNotRescueTheAttempt() {
        Run run = given(received(1), failed(Validators.FILES, 1, 1, RefusalCodes.DOWNLOAD_FAILED, "404"),
                passed(Validators.DATA, 1, 2));

        assertThat(run.state().status()).isEqualTo(FAILED);
        assertThat(run.statuses()).containsExactly(RECEIVED, FAILED);
    }

    @Test
    void resultsThatArriveBeforeTheOrderAreAppliedWhenItArrives() {
        // given: the validation topic was read before the intake topic
        Run early = given(passed(Validators.DATA, 1, 1), passed(Validators.FILES, 1, 2));
        assertThat(early.state().hasBeenReceived()).isFalse();
        assertThat(early.changes()).isEmpty();

        // when
        OrderFold.Result result = fold.evolve(early.state(), received(1));

        // then
        assertThat(result.state().status()).isEqualTo(CREATED);
        assertThat(result.changes()).extracting(OrderStatusChanged::status).containsExactly(RECEIVED, PASSED, CREATED);
    }

    @Test
    void aRepeatedResultChangesNothing() {
        Run run = given(received(1), failed(Validators.DATA, 1, 1, RefusalCodes.MISSING_REQUIRED_FIELD, "first"),
                failed(Validators.DATA, 1, 3, RefusalCodes.MISSING_REQUIRED_FIELD, "second"));

        assertThat(run.state().resultsOf(1)).hasSize(1);
        assertThat(run.state().refusalReason()).isEqualTo("first");
        assertThat(run.statuses()).containsExactly(RECEIVED, FAILED);
    }

    @Test
    void aRepeatedOrderReceivedChangesNothing() {
        Run run = given(received(1), received(1));

        assertThat(run.statuses()).containsExactly(RECEIVED);
        assertThat(run.state().sequence()).isEqualTo(1);
    }

    @Test
    void resultsOfAnotherAttemptAreRecordedButNeverDecide() {
        // when: a late failure of an older attempt and a pass for an attempt not started
        Run run = given(received(2),
                failed(Validators.DATA, 1, 1, RefusalCodes.MISSING_REQUIRED_FIELD, "stale"),
                passed(Validators.DATA, 3, 2), passed(Validators.FILES, 3, 3));

        // then
        assertThat(run.state().status()).isEqualTo(RECEIVED);
        assertThat(run.state().results()).hasSize(3);
        assertThat(run.statuses()).containsExactly(RECEIVED);
    }

    @Test
    void theRequiredValidatorsAreConfiguration() {
        OrderFold dataOnly = new OrderFold(Set.of(Validators.DATA));

        OrderState state = dataOnly.evolve(OrderState.empty(ORDER), received(1)).state();
        state = dataOnly.evolve(state, passed(Validators.DATA, 1, 1)).state();

        assertThat(state.status()).isEqualTo(CREATED);
    }

    @Test
    void anEventOfAnotherOrderIsRefused() {
        assertThatThrownBy(() -> fold.evolve(OrderState.empty("other"), received(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyEventTypeOfTheContractIsFolded() {
        // given one event of each wire type; a new type without a sample here fails this test
        Map<EventType, OrderEvent> samples = new EnumMap<>(EventType.class);
        samples.put(EventType.ORDER_RECEIVED, received(1));
        samples.put(EventType.VALIDATION_PASSED, passed(Validators.DATA, 1, 1));
        samples.put(EventType.VALIDATION_FAILED, failed(Validators.DATA, 1, 1, "code", "message"));
        samples.put(EventType.ORDER_STATUS_CHANGED, new OrderStatusChanged(ORDER, "client-1", "ref-1", 1, null,
                RECEIVED, "cause", 1, null, null, null, T0));
        assertThat(samples.keySet()).containsExactlyInAnyOrder(EventType.values());

        // then the fold handles each of them
        for (OrderEvent event : samples.values()) {
            assertThat(fold.evolve(OrderState.empty(ORDER), event)).isNotNull();
        }
    }
}
