package com.podflow.ledger.domain;

import static com.podflow.events.FulfillmentStatus.CANCELED;
import static com.podflow.events.FulfillmentStatus.CREATED;
import static com.podflow.events.FulfillmentStatus.DELIVERED;
import static com.podflow.events.FulfillmentStatus.FAILED;
import static com.podflow.events.FulfillmentStatus.IN_PRODUCTION;
import static com.podflow.events.FulfillmentStatus.IN_TRANSIT;
import static com.podflow.events.FulfillmentStatus.PACKAGED;
import static com.podflow.events.FulfillmentStatus.PASSED;
import static com.podflow.events.FulfillmentStatus.PRINTED;
import static com.podflow.events.FulfillmentStatus.RECEIVED;
import static com.podflow.events.FulfillmentStatus.RETURNED;
import static com.podflow.events.FulfillmentStatus.SHIPPED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.podflow.events.CancelRequested;
import com.podflow.events.FulfillmentStatus;
import com.podflow.events.HandoverOverdue;
import com.podflow.events.OrderEvent;
import com.podflow.events.OrderReceived;
import com.podflow.events.OrderStatusChanged;
import com.podflow.events.ProductionCancelRequested;
import com.podflow.events.ProductionReported;
import com.podflow.events.ProductionReported.ItemQuantity;
import com.podflow.events.ProductionReported.Kind;
import com.podflow.events.ProductionRequested;
import com.podflow.events.ProductionShipmentUpdated;
import com.podflow.events.ShipmentUpdateRequested;
import com.podflow.events.ValidationPassed;
import com.podflow.events.Validators;
import com.podflow.events.order.MetadataEntry;
import com.podflow.events.order.Order;
import com.podflow.events.order.OrderFile;
import com.podflow.events.order.OrderItem;
import com.podflow.events.order.PackagingInstruction;
import com.podflow.events.order.ShippingAddress;

/** The order's life after created: the production request, facility reports, cancel handshake, handover timer. */
class ProductionFoldTest {
    static final String ORDER = "order-1";
    static final String FACILITY = "fac-se-1";
    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    final OrderFold fold = new OrderFold(Set.of(Validators.DATA, Validators.FILES));

    static final ShippingAddress ADDRESS = new ShippingAddress("SE", "Ada", "Lovelace", null, "Street 1", null,
            "Stockholm", "11111", null, "ada@example.com", "+46700000000", false, null, null, null);

    static OrderReceived received(int... quantities) {
        List<OrderItem> items = new ArrayList<>();
        for (int i = 0; i < quantities.length; i++) {
            items.add(new OrderItem("item-" + (i + 1), "flat_a4", null, null, quantities[i], new BigDecimal("19.99"),
                    List.of(new OrderFile("default", "https://example.com/" + (i + 1) + ".pdf",
                            List.of(new MetadataEntry("k", "v")))),
                    null, null));
        }
        var packaging = new PackagingInstruction(List.of(new PackagingInstruction.PackageItem("item-1", 1)),
                new PackagingInstruction.PackingSlip("https://example.com/slip.pdf"));
        var order = new Order("ref-1", "order", null, "EUR", "SEK", new BigDecimal("4.99"), "normal", null, ADDRESS,
                items, List.of(packaging), List.of(new MetadataEntry("tenant", "t1")));
        return new OrderReceived(ORDER, "client-1", 1, "api", order, T0);
    }

    static List<OrderEvent> created(int... quantities) {
        var shipment = new ValidationPassed.ShipmentChoice("dhl_parcel", "DHL Parcel", "DHL", "normal",
                new BigDecimal("4.90"), "EUR", 1, 3, FACILITY, "SE");
        var file = new ValidationPassed.CheckedFile("item-1", "default", "https://example.com/1.pdf", "aa11",
                "application/pdf", 1000L, 300, null, null, 1, "aa11");
        var slip = new ValidationPassed.CheckedFile(null, "packing_slip", "https://example.com/slip.pdf", "bb22",
                "application/pdf", 200L, null, null, null, 1, "bb22");
        return List.of(received(quantities),
                new ValidationPassed(ORDER, 1, Validators.DATA, T0.plusSeconds(1),
                        new ValidationPassed.Resolution(shipment, null,
                                List.of(new ValidationPassed.ResolvedProduct("item-1", "flat_a4", "A4 flyer", "flyers",
                                        new BigDecimal("210"), new BigDecimal("297"), new BigDecimal("3"), 150,
                                        List.of("default"))))),
                new ValidationPassed(ORDER, 1, Validators.FILES, T0.plusSeconds(2),
                        new ValidationPassed.Resolution(null, List.of(file, slip))));
    }

    static int minute = 0;

    static ProductionReported report(String reportId, Kind kind, ItemQuantity... items) {
        return new ProductionReported(ORDER, FACILITY, reportId, kind, List.of(items), null, null, null, null,
                T0.plusSeconds(60L * ++minute));
    }

    static ProductionReported shipped(String reportId, String tracking, ItemQuantity... items) {
        return new ProductionReported(ORDER, FACILITY, reportId, Kind.SHIPPED, List.of(items), null,
                new ProductionReported.Shipment("DHL", tracking, "https://dhl.example/" + tracking,
                        List.of(new ProductionReported.Parcel(tracking, "https://dhl.example/" + tracking))),
                null, null, T0.plusSeconds(60L * ++minute));
    }

    static CancelRequested cancel() {
        return new CancelRequested(ORDER, "client-1", T0.plusSeconds(60L * ++minute));
    }

    record Run(OrderState state, List<OrderStatusChanged> changes, List<OrderEvent> production) {
        List<FulfillmentStatus> statuses() {
            return changes.stream().map(OrderStatusChanged::status).toList();
        }

        List<String> notes() {
            return state.notes().stream().map(OrderState.Note::text).toList();
        }

        FulfillmentStatus item(String id) {
            return state.production().item(id).orElseThrow().status();
        }
    }

    Run given(List<OrderEvent> first, OrderEvent... then) {
        List<OrderEvent> all = new ArrayList<>(first);
        all.addAll(List.of(then));
        OrderState state = OrderState.empty(ORDER);
        List<OrderStatusChanged> changes = new ArrayList<>();
        List<OrderEvent> production = new ArrayList<>();
        for (OrderEvent event : all) {
            OrderFold.Result result = fold.evolve(state, event);
            state = result.state();
            changes.addAll(result.changes());
            production.addAll(result.production());
        }
        return new Run(state, changes, production);
    }

    @Test
    void reachingCreatedHandsTheOrderToItsFacilityWithEverythingItNeeds() {
        // when
        Run run = given(created(2));

        // then
        assertThat(run.statuses()).containsExactly(RECEIVED, PASSED, CREATED);
        assertThat(run.production()).hasSize(1);
        ProductionRequested request = (ProductionRequested) run.production().get(0);
        assertThat(request.facilityId()).isEqualTo(FACILITY);
        assertThat(request.facilityCountry()).isEqualTo("SE");
        assertThat(request.shipment().shipmentMethodUid()).isEqualTo("dhl_parcel");
        assertThat(request.attempt()).isEqualTo(1);
        assertThat(request.orderReferenceId()).isEqualTo("ref-1");
        assertThat(request.shippingAddress()).isEqualTo(ADDRESS);
        assertThat(request.retailCurrency()).isEqualTo("SEK");
        assertThat(request.retailShippingPriceInclVat()).isEqualByComparingTo("4.99");
        assertThat(request.metadata()).containsExactly(new MetadataEntry("tenant", "t1"));
        ProductionRequested.Item item = request.items().get(0);
        assertThat(item.quantity()).isEqualTo(2);
        assertThat(item.productUid()).isEqualTo("flat_a4");
        assertThat(item.product().name()).isEqualTo("A4 flyer");
        assertThat(item.product().bleedMm()).isEqualByComparingTo("3");
        assertThat(item.retailPriceInclVat()).isEqualByComparingTo("19.99");
        assertThat(item.files().get(0).checked().sha256()).isEqualTo("aa11");
        assertThat(item.files().get(0).metadata()).containsExactly(new MetadataEntry("k", "v"));
        assertThat(request.packagingInstructions().get(0).packingSlip().sha256()).isEqualTo("bb22");
        assertThat(run.state().awaitsHandover()).isTrue();
        assertThat(run.item("item-1")).isEqualTo(CREATED);
    }

    @Test
    void reportsMoveTheOrderThroughProductionToDelivered() {
        // when
        Run run = given(created(1), report("r1", Kind.ACCEPTED), report("r2", Kind.IN_PRODUCTION),
                report("r3", Kind.PRINTED), report("r4", Kind.PACKAGED), shipped("r5", "TRACK1"),
                report("r6", Kind.IN_TRANSIT), report("r7", Kind.DELIVERED));

        // then
        assertThat(run.statuses()).containsExactly(RECEIVED, PASSED, CREATED, IN_PRODUCTION, PRINTED, PACKAGED,
                SHIPPED, IN_TRANSIT, DELIVERED);
        assertThat(run.state().statusHistory()).extracting(OrderState.StatusEntry::status).containsExactly(RECEIVED,
                PASSED, CREATED, IN_PRODUCTION, PRINTED, PACKAGED, SHIPPED, IN_TRANSIT, DELIVERED);
        assertThat(run.changes()).extracting(OrderStatusChanged::sequence).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L,
                8L, 9L);
        assertThat(run.item("item-1")).isEqualTo(DELIVERED);
        assertThat(run.state().production().shipments()).singleElement().satisfies(s -> {
            assertThat(s.trackingCode()).isEqualTo("TRACK1");
            assertThat(s.carrier()).isEqualTo("DHL");
            assertThat(s.packages()).hasSize(1);
        });
        assertThat(run.state().production().acceptedAt()).isNotNull();
        assertThat(run.notes()).anyMatch(n -> n.contains("accepted the order"));
    }

    @Test
    void aReportSentTwiceIsAppliedOnceAndNoted() {
        ProductionReported printed = report("r1", Kind.PRINTED);

        Run run = given(created(1), printed, printed);

        assertThat(run.statuses()).containsExactly(RECEIVED, PASSED, CREATED, PRINTED);
        assertThat(run.notes()).anyMatch(n -> n.contains("(r1)") && n.contains("received before"));
    }

    @Test
    void aLateReportNeverMovesTheOrderBackwards() {
        // when printed and in_production arrive after shipped
        Run run = given(created(1), shipped("r3", "T"), report("r1", Kind.IN_PRODUCTION),
                report("r2", Kind.PRINTED));

        // then
        assertThat(run.statuses()).containsExactly(RECEIVED, PASSED, CREATED, SHIPPED);
        assertThat(run.state().status()).isEqualTo(SHIPPED);
        assertThat(run.item("item-1")).isEqualTo(SHIPPED);
        assertThat(run.notes()).anyMatch(n -> n.contains("printed (r2)") && n.contains("already shipped"));
    }

    @Test
    void stepsMayBeSkipped() {
        Run run = given(created(1), report("r1", Kind.DELIVERED));

        assertThat(run.statuses()).containsExactly(RECEIVED, PASSED, CREATED, DELIVERED);
        assertThat(run.state().production().item("item-1").orElseThrow().shippedQuantity()).isEqualTo(1);
    }

    @Test
    void aPartialShipmentKeepsTheOrderAtItsLeastAdvancedItemAndRecordsTheShipment() {
        // given two items: item-1 twice, item-2 once
        // when item-2 ships, then one copy of item-1, then the other
        Run partial = given(created(2, 1), report("r1", Kind.PACKAGED), shipped("r2", "T-A",
                new ItemQuantity("item-2", null)), shipped("r3", "T-B", new ItemQuantity("item-1", 1)));
        Run all = given(created(2, 1), report("r1", Kind.PACKAGED),
                shipped("r2", "T-A", new ItemQuantity("item-2", null)),
                shipped("r3", "T-B", new ItemQuantity("item-1", 1)),
                shipped("r4", "T-C", new ItemQuantity("item-1", 1)));

        // then
        assertThat(partial.state().status()).isEqualTo(PACKAGED);
        assertThat(partial.item("item-2")).isEqualTo(SHIPPED);
        assertThat(partial.item("item-1")).isEqualTo(PACKAGED);
        assertThat(partial.state().production().item("item-1").orElseThrow().shippedQuantity()).isEqualTo(1);
        assertThat(partial.state().production().shipments()).extracting(OrderState.ShipmentRecord::trackingCode)
                .containsExactly("T-A", "T-B");
        assertThat(partial.notes()).anyMatch(n -> n.contains("item-1 1 of 2 shipped"));
        assertThat(all.state().status()).isEqualTo(SHIPPED);
        assertThat(all.statuses()).containsExactly(RECEIVED, PASSED, CREATED, PACKAGED, SHIPPED);
        assertThat(all.state().production().shipments()).hasSize(3);
    }

    @Test
    void statusChangesCarryTheTrackingAndTheItemStatusesOnceTheFacilityHasTheOrder() {
        // given two items, packaged, one shipped apart
        // when the other ships
        Run run = given(created(1, 1), report("r1", Kind.PACKAGED),
                shipped("r2", "T-A", new ItemQuantity("item-2", null)),
                shipped("r3", "T-B", new ItemQuantity("item-1", null)));

        // then the changes before production carry neither, packaged carries item statuses only
        assertThat(run.changes().get(2).status()).isEqualTo(CREATED);
        assertThat(run.changes().get(2).shipments()).isNull();
        assertThat(run.changes().get(2).itemStatuses()).isNull();
        OrderStatusChanged packaged = run.changes().get(3);
        assertThat(packaged.shipments()).isNull();
        assertThat(packaged.itemStatuses()).containsExactly(entry("item-1", PACKAGED), entry("item-2", PACKAGED));
        // and shipped carries both shipments, oldest first, and every item shipped
        OrderStatusChanged shipped = run.changes().get(4);
        assertThat(shipped.status()).isEqualTo(SHIPPED);
        assertThat(shipped.shipments()).extracting(OrderStatusChanged.Tracking::trackingCode)
                .containsExactly("T-A", "T-B");
        OrderStatusChanged.Tracking latest = shipped.latestShipment();
        assertThat(latest.carrier()).isEqualTo("DHL");
        assertThat(latest.trackingUrl()).isEqualTo("https://dhl.example/T-B");
        assertThat(latest.packages()).containsExactly(new ProductionReported.Parcel("T-B", "https://dhl.example/T-B"));
        assertThat(latest.shippedAt()).isEqualTo(run.state().production().shipments().get(1).shippedAt());
        assertThat(shipped.itemStatuses()).containsExactly(entry("item-1", SHIPPED), entry("item-2", SHIPPED));
    }

    @Test
    void itemsMoveOnTheirOwnAndTheOrderFollowsTheLeastAdvanced() {
        Run run = given(created(1, 1), report("r1", Kind.PRINTED, new ItemQuantity("item-1", null)),
                report("r2", Kind.IN_PRODUCTION, new ItemQuantity("item-2", null)));

        assertThat(run.item("item-1")).isEqualTo(PRINTED);
        assertThat(run.item("item-2")).isEqualTo(IN_PRODUCTION);
        assertThat(run.state().status()).isEqualTo(IN_PRODUCTION);
        assertThat(run.statuses()).containsExactly(RECEIVED, PASSED, CREATED, IN_PRODUCTION);
    }

    @Test
    void returnedOnlyAfterShipped() {
        Run early = given(created(1), report("r1", Kind.RETURNED));
        Run late = given(created(1), report("r1", Kind.DELIVERED), report("r2", Kind.RETURNED));

        assertThat(early.state().status()).isEqualTo(CREATED);
        assertThat(early.notes()).anyMatch(n -> n.contains("returned only after shipped"));
        assertThat(late.statuses()).endsWith(DELIVERED, RETURNED);
    }

    @Test
    void reportsForAnUnknownOrNotCreatedOrderOrFromAnotherFacilityAreNotes() {
        var stranger = new ProductionReported(ORDER, "other-facility", "x1", Kind.SHIPPED, null, null, null, null,
                null, T0.plusSeconds(5000));

        Run unknown = given(List.of(), report("r1", Kind.PRINTED));
        Run notCreated = given(List.of(received(1)), report("r1", Kind.PRINTED));
        Run other = given(created(1), stranger);

        assertThat(unknown.state().status()).isNull();
        assertThat(unknown.notes()).singleElement().asString().contains("unknown, not created");
        assertThat(notCreated.state().status()).isEqualTo(RECEIVED);
        assertThat(notCreated.notes()).singleElement().asString().contains("received, not created");
        assertThat(other.state().status()).isEqualTo(CREATED);
        assertThat(other.notes()).singleElement().asString().contains("made by facility " + FACILITY);
    }

    @Test
    void aProductionErrorFailsTheOrderWithAProductionCode() {
        var error = new ProductionReported(ORDER, FACILITY, "e1", Kind.ERROR, null, null, null, "paper_out",
                "no 200 gsm paper", T0.plusSeconds(5000));

        Run run = given(created(1), report("r1", Kind.IN_PRODUCTION), error, report("r2", Kind.PRINTED));

        assertThat(run.state().status()).isEqualTo(FAILED);
        assertThat(run.state().refusalReasonCode()).isEqualTo("production_paper_out");
        assertThat(run.state().refusalReason()).isEqualTo("no 200 gsm paper");
        assertThat(run.notes()).anyMatch(n -> n.contains("printed (r2)") && n.contains("the order is failed"));
    }

    @Test
    void aCancelBeforeTheFacilityConfirmedCancelsAtOnceAndTellsTheFacility() {
        Run run = given(created(1), cancel());

        assertThat(run.state().status()).isEqualTo(CANCELED);
        assertThat(run.production()).last().isInstanceOfSatisfying(ProductionCancelRequested.class, c -> {
            assertThat(c.facilityId()).isEqualTo(FACILITY);
            assertThat(c.awaitingAnswer()).isFalse();
        });
    }

    @Test
    void aCancelAfterProductionStartedWaitsForTheFacility() {
        // when
        Run waiting = given(created(1), report("r1", Kind.IN_PRODUCTION), cancel());
        Run accepted = given(created(1), report("r1", Kind.IN_PRODUCTION), cancel(),
                report("r2", Kind.CANCEL_ACCEPTED));
        Run refused = given(created(1), report("r1", Kind.IN_PRODUCTION), cancel(),
                new ProductionReported(ORDER, FACILITY, "r2", Kind.CANCEL_REFUSED, null, null, null, null,
                        "already printed", T0.plusSeconds(9000)));

        // then
        assertThat(waiting.state().status()).isEqualTo(IN_PRODUCTION);
        assertThat(waiting.state().production().cancelPending()).isTrue();
        assertThat(waiting.notes()).anyMatch(n -> n.contains("waiting for the facility"));
        assertThat(waiting.production()).last().isInstanceOfSatisfying(ProductionCancelRequested.class,
                c -> assertThat(c.awaitingAnswer()).isTrue());
        assertThat(accepted.state().status()).isEqualTo(CANCELED);
        assertThat(accepted.statuses()).endsWith(IN_PRODUCTION, CANCELED);
        assertThat(refused.state().status()).isEqualTo(IN_PRODUCTION);
        assertThat(refused.state().production().cancelPending()).isFalse();
        assertThat(refused.notes()).anyMatch(n -> n.contains("cancel refused by facility") && n.contains(
                "already printed"));
    }

    @Test
    void aCancelAfterShippedIsRefused() {
        Run run = given(created(1), shipped("r1", "T"), cancel());

        assertThat(run.state().status()).isEqualTo(SHIPPED);
        assertThat(run.production()).hasSize(1);
        assertThat(run.notes()).anyMatch(n -> n.contains("cancel refused: the order is already shipped"));
    }

    @Test
    void aShipmentUpdateAfterCreatedIsForwarded() {
        var update = new ShipmentUpdateRequested(ORDER, "client-1", "express", null, T0.plusSeconds(100));

        Run run = given(created(1), update);

        assertThat(run.state().order().shipmentMethodUid()).isEqualTo("express");
        assertThat(run.production()).last().isInstanceOfSatisfying(ProductionShipmentUpdated.class, u -> {
            assertThat(u.facilityId()).isEqualTo(FACILITY);
            assertThat(u.shipmentMethodUid()).isEqualTo("express");
        });
    }

    @Test
    void aHandoverWithoutReceiptIsFlaggedOnceWithAStatusEvent() {
        var overdue = new HandoverOverdue(ORDER, T0.plusSeconds(2), 900, T0.plusSeconds(902));

        Run run = given(created(1), overdue, overdue);
        Run acceptedInTime = given(created(1), report("r1", Kind.ACCEPTED), overdue);

        assertThat(run.state().status()).isEqualTo(CREATED);
        assertThat(run.changes()).hasSize(4);
        OrderStatusChanged flagged = run.changes().get(3);
        assertThat(flagged.previousStatus()).isEqualTo(CREATED);
        assertThat(flagged.status()).isEqualTo(CREATED);
        assertThat(flagged.sequence()).isEqualTo(4);
        assertThat(flagged.cause()).startsWith("handover_overdue");
        assertThat(flagged.itemStatuses()).containsExactly(entry("item-1", CREATED));
        assertThat(flagged.shipments()).isNull();
        assertThat(run.notes()).filteredOn(n -> n.startsWith("handover_overdue")).hasSize(1);
        assertThat(run.state().awaitsHandover()).isFalse();
        assertThat(acceptedInTime.changes()).hasSize(3);
        assertThat(acceptedInTime.notes()).noneMatch(n -> n.startsWith("handover_overdue"));
    }

    @Test
    void aReprocessedOrderGetsANewRequestForItsNewAttempt() {
        var error = new ProductionReported(ORDER, FACILITY, "e1", Kind.ERROR, null, null, null, "damaged", null,
                T0.plusSeconds(5000));
        OrderReceived again = new OrderReceived(ORDER, "client-1", 2, "api", received(1).order(),
                T0.plusSeconds(6000));

        Run run = given(created(1), error, again,
                new ValidationPassed(ORDER, 2, Validators.DATA, T0.plusSeconds(6001)),
                new ValidationPassed(ORDER, 2, Validators.FILES, T0.plusSeconds(6002)));

        assertThat(run.state().status()).isEqualTo(CREATED);
        assertThat(run.production()).hasSize(2);
        assertThat(((ProductionRequested) run.production().get(1)).attempt()).isEqualTo(2);
        assertThat(run.state().production().reports()).isEmpty();
    }
}
