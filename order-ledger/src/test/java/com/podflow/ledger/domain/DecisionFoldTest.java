package com.podflow.ledger.domain;

import static com.podflow.events.FulfillmentStatus.CREATED;
import static com.podflow.events.FulfillmentStatus.FAILED;
import static com.podflow.events.FulfillmentStatus.RECEIVED;
import static com.podflow.ledger.domain.OrderFoldTest.ORDER;
import static com.podflow.ledger.domain.OrderFoldTest.T0;
import static com.podflow.ledger.domain.OrderFoldTest.failed;
import static com.podflow.ledger.domain.OrderFoldTest.passed;
import static com.podflow.ledger.domain.OrderFoldTest.received;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.podflow.events.FulfillmentStatus;
import com.podflow.events.OrderEvent;
import com.podflow.events.OrderStalled;
import com.podflow.events.OrderStatusChanged;
import com.podflow.events.RefusalCodes;
import com.podflow.events.Validators;

/** Issue 11 item 6 (ADR 0028): the attempt is decided when every required validator reported, by a fixed precedence. */
class DecisionFoldTest {
    final OrderFold fold = new OrderFold(
            Set.of(Validators.DATA, Validators.PRODUCT, Validators.RULES, Validators.FILES));

    record Run(OrderState state, List<OrderStatusChanged> changes) {
        List<FulfillmentStatus> statuses() {
            return changes.stream().map(OrderStatusChanged::status).toList();
        }
    }

    Run given(List<OrderEvent> events) {
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
    void twoRefusalsGiveTheSameCodeInBothArrivalOrders() {
        OrderEvent files = failed(Validators.FILES, 1, 1, RefusalCodes.DOWNLOAD_FAILED, "file 1 answered 404");
        OrderEvent rules = failed(Validators.RULES, 1, 2, RefusalCodes.SHIPMENT_NOT_POSSIBLE, "no method to XX");
        OrderEvent data = passed(Validators.DATA, 1, 3);
        OrderEvent product = passed(Validators.PRODUCT, 1, 4);

        Run filesFirst = given(List.of(received(1), files, rules, data, product));
        Run rulesFirst = given(List.of(received(1), data, rules, product, files));

        for (Run run : List.of(filesFirst, rulesFirst)) {
            assertThat(run.statuses()).containsExactly(RECEIVED, FAILED);
            assertThat(run.state().refusalReasonCode()).isEqualTo(RefusalCodes.SHIPMENT_NOT_POSSIBLE);
            assertThat(run.state().refusalReason()).isEqualTo("no method to XX");
            assertThat(run.state().statusHistory().get(1).cause())
                    .isEqualTo("validator 'rules' refused attempt 1; also refused by validator 'files'");
            assertThat(run.state().resultsOf(1)).hasSize(4);
        }
    }

    @Test
    void everyArrivalOrderOfFourResultsGivesTheSameDecision() {
        List<OrderEvent> results = new ArrayList<>(List.of(
                failed(Validators.FILES, 1, 1, RefusalCodes.FILE_QUALITY, "72 dpi"),
                failed(Validators.PRODUCT, 1, 2, RefusalCodes.INVALID_PRODUCT, "unknown productUid"),
                passed(Validators.DATA, 1, 3),
                failed(Validators.RULES, 1, 4, RefusalCodes.QUANTITY_LIMIT, "too many")));
        List<List<OrderEvent>> orders = permutations(results);
        assertThat(orders).hasSize(24);
        for (List<OrderEvent> order : orders) {
            List<OrderEvent> events = new ArrayList<>(List.of(received(1)));
            events.addAll(order);

            Run run = given(events);

            assertThat(run.statuses()).containsExactly(RECEIVED, FAILED);
            assertThat(run.state().refusalReasonCode()).isEqualTo(RefusalCodes.INVALID_PRODUCT);
        }
    }

    static List<List<OrderEvent>> permutations(List<OrderEvent> events) {
        if (events.isEmpty()) {
            return List.of(List.of());
        }
        List<List<OrderEvent>> all = new ArrayList<>();
        for (OrderEvent first : events) {
            List<OrderEvent> rest = new ArrayList<>(events);
            rest.remove(first);
            for (List<OrderEvent> tail : permutations(rest)) {
                List<OrderEvent> one = new ArrayList<>(List.of(first));
                one.addAll(tail);
                all.add(one);
            }
        }
        return all;
    }

    @Test
    void oneRefusalWaitsForTheOtherValidatorsBeforeFailing() {
        Run early = given(List.of(received(1),
                failed(Validators.FILES, 1, 1, RefusalCodes.DOWNLOAD_FAILED, "404")));

        assertThat(early.state().status()).isEqualTo(RECEIVED);
        assertThat(fold.missingValidators(early.state())).containsExactly(Validators.DATA, Validators.PRODUCT,
                Validators.RULES);
    }

    @Test
    void aLateResultAfterTheDecisionIsANote() {
        // given the attempt decided; then a re-driven or late result of the same validator arrives
        Run run = given(List.of(received(1), passed(Validators.DATA, 1, 1), passed(Validators.PRODUCT, 1, 2),
                passed(Validators.RULES, 1, 3), failed(Validators.FILES, 1, 4, RefusalCodes.DOWNLOAD_FAILED, "404"),
                passed(Validators.FILES, 1, 5)));

        assertThat(run.statuses()).containsExactly(RECEIVED, FAILED);
        assertThat(run.state().refusalReasonCode()).isEqualTo(RefusalCodes.DOWNLOAD_FAILED);
        assertThat(run.state().resultsOf(1)).hasSize(4);
        assertThat(run.state().notes()).extracting(OrderState.Note::text).containsExactly(
                "late result: validator 'files' passed attempt 1 after it was decided; not counted");
    }

    static OrderStalled timeout(int attempt, int second) {
        return new OrderStalled(ORDER, RECEIVED, attempt, T0, 3600, true, T0.plusSeconds(second));
    }

    @Test
    void anOverdueValidatorFailsTheAttemptWithItsOwnCodeNamingIt() {
        Run run = given(List.of(received(1), passed(Validators.DATA, 1, 1), passed(Validators.PRODUCT, 1, 2),
                passed(Validators.RULES, 1, 3), timeout(1, 3600), passed(Validators.FILES, 1, 3700)));

        assertThat(run.statuses()).containsExactly(RECEIVED, FAILED);
        assertThat(run.state().refusalReasonCode()).isEqualTo(RefusalCodes.VALIDATOR_TIMEOUT);
        assertThat(run.state().refusalReason()).isEqualTo("validator 'files' did not report attempt 1 within PT1H");
        assertThat(run.state().notes()).extracting(OrderState.Note::text).singleElement().asString()
                .startsWith("late result: validator 'files' passed attempt 1");
    }

    @Test
    void aRefusalBeatsATimeoutAndATimeoutOfADecidedOrderChangesNothing() {
        Run refused = given(List.of(received(1), failed(Validators.FILES, 1, 1, RefusalCodes.FILE_FORMAT, "gif"),
                timeout(1, 3600)));
        Run decided = given(List.of(received(1), passed(Validators.DATA, 1, 1), passed(Validators.PRODUCT, 1, 2),
                passed(Validators.RULES, 1, 3), passed(Validators.FILES, 1, 4), timeout(1, 3600)));

        assertThat(refused.state().refusalReasonCode()).isEqualTo(RefusalCodes.FILE_FORMAT);
        assertThat(refused.state().statusHistory().get(1).cause()).contains("no result from validator 'data',"
                + " validator 'product', validator 'rules' within PT1H");
        assertThat(decided.statuses()).containsExactly(RECEIVED, FulfillmentStatus.PASSED, CREATED);
    }

    @Test
    void aStallIsAnnouncedOnceAsTheSameStatusWithItsCause() {
        var stalled = new OrderStalled(ORDER, RECEIVED, 1, T0, 600, false, T0.plusSeconds(600));

        Run run = given(List.of(received(1), passed(Validators.DATA, 1, 1), passed(Validators.PRODUCT, 1, 2),
                passed(Validators.RULES, 1, 3), stalled, stalled));

        assertThat(run.statuses()).containsExactly(RECEIVED, RECEIVED);
        OrderStatusChanged announced = run.changes().get(1);
        assertThat(announced.previousStatus()).isEqualTo(RECEIVED);
        assertThat(announced.sequence()).isEqualTo(2);
        assertThat(announced.cause()).isEqualTo("order_stalled: received at attempt 1 since " + T0
                + ", longer than PT10M; waiting for validator files for attempt 1: none for 10 min");
        assertThat(run.state().notes()).hasSize(1);
    }

    @Test
    void aStallCheckForAStatusTheOrderLeftChangesNothing() {
        var stalled = new OrderStalled(ORDER, RECEIVED, 1, T0, 600, false, T0.plusSeconds(600));

        Run run = given(List.of(received(1), passed(Validators.DATA, 1, 1), passed(Validators.PRODUCT, 1, 2),
                passed(Validators.RULES, 1, 3), passed(Validators.FILES, 1, 4), stalled));

        assertThat(run.statuses()).containsExactly(RECEIVED, FulfillmentStatus.PASSED, CREATED);
        assertThat(run.state().notes()).isEmpty();
    }
}
