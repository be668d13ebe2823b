package com.podflow.ledger.domain;

import static com.podflow.ledger.domain.OrderFoldTest.ORDER;
import static com.podflow.ledger.domain.OrderFoldTest.T0;
import static com.podflow.ledger.domain.OrderFoldTest.passed;
import static com.podflow.ledger.domain.OrderFoldTest.received;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.podflow.events.CancelRequested;
import com.podflow.events.OrderEvent;
import com.podflow.events.ProductionReported;
import com.podflow.events.ValidationPassed;
import com.podflow.events.Validators;

/** Issue 11 item 3: what the fold still expects, from its state alone. */
class WaitingForTest {
    final OrderFold fold = new OrderFold(Set.of(Validators.DATA, Validators.FILES));

    OrderState given(OrderEvent... events) {
        OrderState state = OrderState.empty(ORDER);
        for (OrderEvent event : events) {
            state = fold.evolve(state, event).state();
        }
        return state;
    }

    ValidationPassed rulesChoice() {
        var choice = new ValidationPassed.ShipmentChoice("dhl", "DHL", "DHL", "normal", null, "EUR", 2, 4,
                "facility-de-1", "DE");
        return new ValidationPassed(ORDER, 1, Validators.DATA, T0.plusSeconds(1),
                new ValidationPassed.Resolution(choice, null));
    }

    ProductionReported report(String id, ProductionReported.Kind kind, int second) {
        return new ProductionReported(ORDER, "facility-de-1", id, kind, null, null, null, null, null,
                T0.plusSeconds(second));
    }

    @Test
    void aReceivedOrderWaitsForItsMissingValidators() {
        OrderState state = given(received(1), passed(Validators.DATA, 1, 5));

        List<WaitingFor.Input> waiting = WaitingFor.of(state, fold, T0.plusSeconds(14 * 60));

        assertThat(waiting).singleElement().satisfies(w -> {
            assertThat(w.input()).isEqualTo(WaitingFor.VALIDATOR);
            assertThat(w.source()).isEqualTo(Validators.FILES);
            assertThat(w.attempt()).isEqualTo(1);
            assertThat(w.since()).isEqualTo(T0);
            assertThat(w.waitingSeconds()).isEqualTo(14 * 60);
            assertThat(w.detail()).isEqualTo("validator files for attempt 1: none for 14 min");
        });
    }

    @Test
    void aCreatedOrderWaitsForItsFacilitysReceiptThenForProgress() {
        OrderState created = given(received(1), rulesChoice(), passed(Validators.FILES, 1, 2));
        OrderState accepted = given(received(1), rulesChoice(), passed(Validators.FILES, 1, 2),
                report("r1", ProductionReported.Kind.ACCEPTED, 60));
        OrderState printed = given(received(1), rulesChoice(), passed(Validators.FILES, 1, 2),
                report("r1", ProductionReported.Kind.IN_PRODUCTION, 60),
                report("r2", ProductionReported.Kind.PRINTED, 120));
        Instant now = T0.plusSeconds(20 * 60 + 2);

        assertThat(WaitingFor.of(created, fold, now)).singleElement().satisfies(w -> {
            assertThat(w.input()).isEqualTo(WaitingFor.FACILITY_RECEIPT);
            assertThat(w.source()).isEqualTo("facility-de-1");
            assertThat(w.detail()).isEqualTo(
                    "receipt of the production request by facility facility-de-1: none for 20 min");
        });
        assertThat(WaitingFor.of(accepted, fold, now)).singleElement().satisfies(w -> {
            assertThat(w.input()).isEqualTo(WaitingFor.FACILITY_PROGRESS);
            assertThat(w.since()).isEqualTo(T0.plusSeconds(60));
        });
        assertThat(WaitingFor.of(printed, fold, now)).singleElement().satisfies(w -> {
            assertThat(w.detail()).startsWith("progress from facility facility-de-1 after printed");
            assertThat(w.since()).isEqualTo(T0.plusSeconds(120));
        });
    }

    @Test
    void aCancelForwardedToTheFacilityWaitsForItsAnswer() {
        OrderState state = given(received(1), rulesChoice(), passed(Validators.FILES, 1, 2),
                report("r1", ProductionReported.Kind.IN_PRODUCTION, 60),
                new CancelRequested(ORDER, "client-1", T0.plusSeconds(100)));

        assertThat(WaitingFor.of(state, fold, T0.plusSeconds(160))).extracting(WaitingFor.Input::input)
                .containsExactly(WaitingFor.CANCEL_ANSWER, WaitingFor.FACILITY_PROGRESS);
        assertThat(WaitingFor.of(state, fold, T0.plusSeconds(160)).get(0).waitingSeconds()).isEqualTo(60);
    }

    @Test
    void finalOrdersAndDraftsWaitForNothing() {
        OrderState canceled = given(received(1), new CancelRequested(ORDER, "client-1", T0.plusSeconds(1)));

        assertThat(WaitingFor.of(canceled, fold, T0.plusSeconds(100))).isEmpty();
        assertThat(WaitingFor.of(OrderState.empty(ORDER), fold, T0)).isEmpty();
    }
}
