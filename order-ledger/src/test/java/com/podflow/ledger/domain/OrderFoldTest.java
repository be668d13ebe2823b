package com.podflow.ledger.domain;

import static com.podflow.events.FulfillmentStatus.CANCELED;
import static com.podflow.events.FulfillmentStatus.CREATED;
import static com.podflow.events.FulfillmentStatus.DRAFT;
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

import com.podflow.events.CancelRequested;
import com.podflow.events.DraftSaved;
import com.podflow.events.EventType;
import com.podflow.events.FulfillmentStatus;
import com.podflow.events.HandoverOverdue;
import com.podflow.events.OrderEvent;
import com.podflow.events.OrderReceived;
import com.podflow.events.OrderStalled;
import com.podflow.events.OrderStatusChanged;
import com.podflow.events.ProductionCancelRequested;
import com.podflow.events.ProductionReported;
import com.podflow.events.ProductionRequested;
import com.podflow.events.ProductionShipmentUpdated;
import com.podflow.events.RefusalCodes;
import com.podflow.events.ShipmentUpdateRequested;
import com.podflow.events.ValidationFailed;
import com.podflow.events.ValidationFailed.Finding;
import com.podflow.events.ValidationPassed;
import com.podflow.events.Validators;
import com.podflow.events.order.Order;
import com.podflow.events.order.ShippingAddress;

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
    void twoRefusalsFailTheOrderWithThePrecedentCodeAndEveryFindingIsKept() {
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
                failed(Validators.DATA, 1, 3, RefusalCodes.MISSING_REQUIRED_FIELD, "second"),
                passed(Validators.FILES, 1, 4));

        assertThat(run.state().resultsOf(1)).hasSize(2);
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

    static DraftSaved draft(int second) {
        var order = new Order("ref-1", "draft", null, "EUR", null, null, "normal", null, null, List.of(), null, null);
        return new DraftSaved(ORDER, "client-1", "api", order, T0.plusSeconds(second));
    }

    static ShippingAddress address(String city) {
        return new ShippingAddress("SE", "A", "B", null, "Street 1", null, city, "11111", null, "me@example.com",
                "+46 8 123 456 78", null, null, null, null);
    }

    static ShipmentUpdateRequested shipmentUpdate(String method, ShippingAddress address, int second) {
        return new ShipmentUpdateRequested(ORDER, "client-1", method, address, T0.plusSeconds(second));
    }

    static CancelRequested cancel(int second) {
        return new CancelRequested(ORDER, "client-1", T0.plusSeconds(second));
    }

    @Test
    void aDraftIsVisibleButNotValidatedUntilPlaced() {
        // when: saved, updated, then placed and passed
        Run draft = given(draft(0), draft(1), passed(Validators.DATA, 1, 2));

        // then it waits as a draft, whatever results come
        assertThat(draft.state().status()).isEqualTo(DRAFT);
        assertThat(draft.statuses()).containsExactly(DRAFT);
        assertThat(draft.state().notes()).extracting(OrderState.Note::text).containsExactly("draft updated");

        // when placed
        Run placed = given(draft(0), received(1), passed(Validators.DATA, 1, 2), passed(Validators.FILES, 1, 3));

        // then
        assertThat(placed.statuses()).containsExactly(DRAFT, RECEIVED, PASSED, CREATED);
        assertThat(placed.state().statusHistory().get(1).cause()).isEqualTo("draft placed");
    }

    @Test
    void aDraftSavedAfterPlacingChangesNothing() {
        Run run = given(received(1), draft(5));

        assertThat(run.state().status()).isEqualTo(RECEIVED);
        assertThat(run.state().order().orderType()).isEqualTo("order");
        assertThat(run.state().notes()).extracting(OrderState.Note::text)
                .containsExactly("draft update ignored: the order was already placed");
    }

    @Test
    void aFailedOrderReprocessedAsANewAttemptCanPass() {
        // when: attempt 1 fails; attempt 2 passes; a late result of attempt 1 arrives last
        Run run = given(received(1),
                failed(Validators.DATA, 1, 1, RefusalCodes.INVALID_ADDRESS, "bad post code"),
                passed(Validators.FILES, 1, 2),
                received(2), passed(Validators.DATA, 2, 3), passed(Validators.FILES, 2, 4),
                failed(Validators.FILES, 1, 5, RefusalCodes.DOWNLOAD_FAILED, "late"));

        // then
        assertThat(run.statuses()).containsExactly(RECEIVED, FAILED, RECEIVED, PASSED, CREATED);
        assertThat(run.state().attempt()).isEqualTo(2);
        assertThat(run.state().refusalReasonCode()).isNull();
        assertThat(run.state().statusHistory().get(2).cause()).isEqualTo("reprocessed as attempt 2");
        assertThat(run.changes()).extracting(OrderStatusChanged::sequence).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void aNewAttemptForAnOrderThatDidNotFailIsOnlyNoted() {
        Run run = given(received(1), passed(Validators.DATA, 1, 1), passed(Validators.FILES, 1, 2), received(2));

        assertThat(run.state().status()).isEqualTo(CREATED);
        assertThat(run.state().attempt()).isEqualTo(1);
        assertThat(run.state().notes()).extracting(OrderState.Note::text)
                .containsExactly("attempt 2 ignored: the order is created at attempt 1");
    }

    @Test
    void theCreatedOrderCarriesTheChosenShipmentAndFacility() {
        // given the rules validator's choice
        var choice = new ValidationPassed.ShipmentChoice("dhl_global_parcel", "DHL Global Parcel", "DHL", "normal",
                null, "EUR", 2, 4, "facility-de-1", "DE");
        var rules = new ValidationPassed(ORDER, 1, Validators.DATA, T0.plusSeconds(1),
                new ValidationPassed.Resolution(choice, null));

        // when
        Run run = given(received(1), rules, passed(Validators.FILES, 1, 2));

        // then
        assertThat(run.state().status()).isEqualTo(CREATED);
        assertThat(run.state().shipment()).isEqualTo(choice);
        assertThat(run.state().statusHistory()).last().extracting(OrderState.StatusEntry::cause)
                .isEqualTo("ready for production: dhl_global_parcel from facility facility-de-1 (DE)");
    }

    @Test
    void cancelBeforeShippingCancels() {
        Run run = given(received(1), cancel(1), cancel(2), passed(Validators.DATA, 1, 3),
                passed(Validators.FILES, 1, 4));

        // then canceled once, and late results no longer move it
        assertThat(run.statuses()).containsExactly(RECEIVED, CANCELED);
        assertThat(run.state().status()).isEqualTo(CANCELED);
    }

    @Test
    void cancelAfterShippingIsRefusedAndNoted() {
        // given an order that has shipped (the production topic comes later; the state is built directly)
        OrderState shipped = given(received(1)).state().movedTo(FulfillmentStatus.SHIPPED, T0.plusSeconds(9),
                "shipped", null, null);

        // when
        OrderFold.Result result = fold.evolve(shipped, cancel(10));

        // then
        assertThat(result.changes()).isEmpty();
        assertThat(result.state().status()).isEqualTo(FulfillmentStatus.SHIPPED);
        assertThat(result.state().notes()).extracting(OrderState.Note::text)
                .containsExactly("cancel refused: the order is already shipped");
    }

    @Test
    void aShipmentUpdateChangesMethodAndOrAddressUntilShipped() {
        // when: method only, then address only
        Run run = given(received(1), shipmentUpdate("express", null, 1), shipmentUpdate(null, address("Lund"), 2));

        // then
        assertThat(run.state().order().shipmentMethodUid()).isEqualTo("express");
        assertThat(run.state().order().shippingAddress().city()).isEqualTo("Lund");
        assertThat(run.changes()).extracting(OrderStatusChanged::status).containsExactly(RECEIVED);

        // and after shipping it is refused
        OrderState shipped = run.state().movedTo(FulfillmentStatus.SHIPPED, T0.plusSeconds(9), "shipped", null,
                null);
        OrderState after = fold.evolve(shipped, shipmentUpdate(null, address("Malmo"), 10)).state();
        assertThat(after.order().shippingAddress().city()).isEqualTo("Lund");
        assertThat(after.notes()).last().extracting(OrderState.Note::text)
                .isEqualTo("shipment update refused: the order is shipped");
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
        samples.put(EventType.DRAFT_SAVED, draft(0));
        samples.put(EventType.CANCEL_REQUESTED, new CancelRequested(ORDER, "client-1", T0));
        samples.put(EventType.SHIPMENT_UPDATE_REQUESTED, new ShipmentUpdateRequested(ORDER, "client-1", "express",
                null, T0));
        samples.put(EventType.VALIDATION_PASSED, passed(Validators.DATA, 1, 1));
        samples.put(EventType.VALIDATION_FAILED, failed(Validators.DATA, 1, 1, "code", "message"));
        samples.put(EventType.ORDER_STATUS_CHANGED, new OrderStatusChanged(ORDER, "client-1", "ref-1", 1, null,
                RECEIVED, "cause", 1, null, null, null, T0));
        samples.put(EventType.PRODUCTION_REQUESTED, new ProductionRequested(ORDER, "client-1", "ref-1", 1, "f", "SE",
                null, null, null, null, "EUR", null, null, null, T0));
        samples.put(EventType.PRODUCTION_CANCEL_REQUESTED, new ProductionCancelRequested(ORDER, "f", false, T0));
        samples.put(EventType.PRODUCTION_SHIPMENT_UPDATED, new ProductionShipmentUpdated(ORDER, "f", "express", null,
                T0));
        samples.put(EventType.PRODUCTION_REPORTED, new ProductionReported(ORDER, "f", "r1",
                ProductionReported.Kind.PRINTED, null, null, null, null, null, T0));
        samples.put(EventType.HANDOVER_OVERDUE, new HandoverOverdue(ORDER, T0, 900, T0));
        samples.put(EventType.ORDER_STALLED, new OrderStalled(ORDER, RECEIVED, 1, T0, 600, false, T0));
        assertThat(samples.keySet()).containsExactlyInAnyOrder(EventType.values());

        // then the fold handles each of them
        for (OrderEvent event : samples.values()) {
            assertThat(fold.evolve(OrderState.empty(ORDER), event)).isNotNull();
        }
    }
}
