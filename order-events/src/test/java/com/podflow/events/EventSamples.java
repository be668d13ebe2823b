package com.podflow.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.podflow.events.order.CustomTrim;
import com.podflow.events.order.MetadataEntry;
import com.podflow.events.order.Order;
import com.podflow.events.order.OrderFile;
import com.podflow.events.order.OrderItem;
import com.podflow.events.order.PackagingInstruction;
import com.podflow.events.order.ShippingAddress;

/** One fully populated event of each type, matching the stored fixtures of version 1. */
final class EventSamples {
    static final String ORDER_ID = "32884a3e-bd09-42be-8225-c5cea7d24611";
    static final String CLIENT_ID = "ddb4371a-ad83-4f68-b99d-6b48c7eff366";
    static final Instant T0 = Instant.parse("2026-11-23T10:15:30.123Z");

    private EventSamples() {
    }

    static Order seedOrder() {
        var address = new ShippingAddress("SE", "My first name", "My last name", "MyCompany", "17", "Address 1", "City",
                "11111", "", "me@example.com", "+47222222", false, null, null, null);
        var item = new OrderItem("test1",
                "flat_product_pf_a4_pt_200-gsm-uncoated_cl_4-0_ct_none_prt_none_sft_none_set_none_hor", null,
                JsonNodeFactory.instance.objectNode().put("size", "A4"), 1, new BigDecimal("19.99"),
                List.of(new OrderFile("default", "https://www.example.com/path/to/printfile.pdf",
                        List.of(new MetadataEntry("embroideryText", "James")))),
                new CustomTrim(new BigDecimal("210"), new BigDecimal("297")),
                List.of(new MetadataEntry("unitWeight", "800")));
        var packaging = new PackagingInstruction(List.of(new PackagingInstruction.PackageItem("test1", 1)),
                new PackagingInstruction.PackingSlip("https://example.com/slip.pdf"));
        return new Order("test", "order", "sandbox-customer", "EUR", "GBP", new BigDecimal("6.99"),
                "normal,standard,fed_ex_2_day", true, address, List.of(item), List.of(packaging),
                List.of(new MetadataEntry("tenant-customer-uid", "sandbox-customer")));
    }

    static EventEnvelope orderReceived() {
        var event = new OrderReceived(ORDER_ID, CLIENT_ID, 1, "api", seedOrder(), T0);
        return EventEnvelope.withId("0f8b5d0e-6a55-4c1b-9a36-1d7f1b3c0001", event, "/intake-api", CLIENT_ID, 1, null);
    }

    static EventEnvelope draftSaved() {
        var event = new DraftSaved(ORDER_ID, CLIENT_ID, "api", seedOrder(), T0);
        return EventEnvelope.withId("0f8b5d0e-6a55-4c1b-9a36-1d7f1b3c0006", event, "/intake-api", CLIENT_ID, null,
                null);
    }

    static EventEnvelope cancelRequested() {
        var event = new CancelRequested(ORDER_ID, CLIENT_ID, T0.plusSeconds(5));
        return EventEnvelope.withId("0f8b5d0e-6a55-4c1b-9a36-1d7f1b3c0007", event, "/intake-api", CLIENT_ID, null,
                null);
    }

    static EventEnvelope shipmentUpdateRequested() {
        var address = new ShippingAddress("GB", "Alexis", "Apollo", "Company_example", "Longusta str. 4", "app. 144",
                "myCity", "SW1A 1AA", "", "me@example.com", "+34 111444111", false, "", "", "");
        var event = new ShipmentUpdateRequested(ORDER_ID, CLIENT_ID, "fed_ex_2_day", address, T0.plusSeconds(5));
        return EventEnvelope.withId("0f8b5d0e-6a55-4c1b-9a36-1d7f1b3c0008", event, "/intake-api", CLIENT_ID, null,
                null);
    }

    static EventEnvelope validationPassed() {
        var event = new ValidationPassed(ORDER_ID, 1, Validators.DATA, T0.plusSeconds(1));
        return EventEnvelope.withId("0f8b5d0e-6a55-4c1b-9a36-1d7f1b3c0002", event, "/validation-service", CLIENT_ID,
                1, "0f8b5d0e-6a55-4c1b-9a36-1d7f1b3c0001");
    }

    /** Version 1 plus the optional resolution: what a business-rules validator and file-fetcher report. */
    static EventEnvelope validationPassedWithResolution() {
        var shipment = new ValidationPassed.ShipmentChoice("dhl_global_parcel", "DHL Global Parcel", "DHL", "normal",
                new BigDecimal("4.90"), "EUR", 2, 4, "db0622e7-d7af-4453-b39f-cdf1b67f3daa", "DE");
        var file = new ValidationPassed.CheckedFile("test1", "default", "https://example.com/a4.pdf",
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "application/pdf", 5_242_880L, 300,
                null, null, 1, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
        var event = new ValidationPassed(ORDER_ID, 1, Validators.FILES, T0.plusSeconds(1),
                new ValidationPassed.Resolution(shipment, List.of(file)));
        return EventEnvelope.withId("0f8b5d0e-6a55-4c1b-9a36-1d7f1b3c0005", event, "/file-fetcher", CLIENT_ID, 1,
                "0f8b5d0e-6a55-4c1b-9a36-1d7f1b3c0001");
    }

    static EventEnvelope validationFailed() {
        var event = new ValidationFailed(ORDER_ID, 1, Validators.DATA,
                List.of(new ValidationFailed.Finding(RefusalCodes.MISSING_REQUIRED_FIELD, "shippingAddress.country",
                        "shippingAddress.country is required")),
                T0.plusSeconds(1));
        return EventEnvelope.withId("0f8b5d0e-6a55-4c1b-9a36-1d7f1b3c0003", event, "/validation-service", CLIENT_ID,
                1, "0f8b5d0e-6a55-4c1b-9a36-1d7f1b3c0001");
    }

    static EventEnvelope orderStatusChanged() {
        var event = new OrderStatusChanged(ORDER_ID, CLIENT_ID, "test", 3, FulfillmentStatus.PASSED,
                FulfillmentStatus.CREATED, "all required validators passed for attempt 1", 1, null, null, seedOrder(),
                T0.plusSeconds(2));
        return EventEnvelope.withId("0f8b5d0e-6a55-4c1b-9a36-1d7f1b3c0004", event, "/order-ledger", CLIENT_ID, 1,
                "0f8b5d0e-6a55-4c1b-9a36-1d7f1b3c0002");
    }

    /** A later change: the order shipped with tracking, its item's own status (the optional fields of v1). */
    static EventEnvelope orderStatusChangedShipped() {
        var tracking = new OrderStatusChanged.Tracking("DHL", "RF3A9C0E11B2D4",
                "https://tracking.example.com/dhl/RF3A9C0E11B2D4",
                List.of(new ProductionReported.Parcel("RF3A9C0E11B2D4",
                        "https://tracking.example.com/dhl/RF3A9C0E11B2D4")),
                T0.plusSeconds(3600));
        var event = new OrderStatusChanged(ORDER_ID, CLIENT_ID, "test", 7, FulfillmentStatus.PACKAGED,
                FulfillmentStatus.SHIPPED, "facility db0622e7-d7af-4453-b39f-cdf1b67f3daa reported shipped", 1, null,
                null, seedOrder(), T0.plusSeconds(3600), List.of(tracking),
                Map.of("test1", FulfillmentStatus.SHIPPED));
        return EventEnvelope.withId("0f8b5d0e-6a55-4c1b-9a36-1d7f1b3c0014", event, "/order-ledger", CLIENT_ID, 1,
                "0f8b5d0e-6a55-4c1b-9a36-1d7f1b3c0013");
    }

    private static final String DOWNLOAD_BASE = "https://files.podflow.example/files/v1/";
    private static final String DOWNLOAD_QUERY = "?expires=1766484932&sig=q3Nf0n2Xb1cYt7u8Qe5wJm4kLz9pRa6sVd0hGi1oTyU";
    private static final Instant DOWNLOAD_EXPIRES = Instant.parse("2026-12-23T10:15:32Z");

    static EventEnvelope productionRequested() {
        Order order = seedOrder();
        var shipment = new ValidationPassed.ShipmentChoice("dhl_global_parcel", "DHL Global Parcel", "DHL", "normal",
                new BigDecimal("4.90"), "EUR", 2, 4, "db0622e7-d7af-4453-b39f-cdf1b67f3daa", "DE");
        var checked = new ValidationPassed.CheckedFile("test1", "default",
                "https://www.example.com/path/to/printfile.pdf",
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "application/pdf", 5_242_880L, 300,
                null, null, 1, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", DOWNLOAD_BASE
                        + "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" + DOWNLOAD_QUERY,
                DOWNLOAD_EXPIRES, "cmyk", null);
        var slip = new ValidationPassed.CheckedFile(null, "packing_slip", "https://example.com/slip.pdf",
                "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752", "application/pdf", 20_480L, null,
                null, null, 1, "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752", DOWNLOAD_BASE
                        + "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752" + DOWNLOAD_QUERY,
                DOWNLOAD_EXPIRES, "rgb", null);
        OrderItem item = order.items().get(0);
        var event = new ProductionRequested(ORDER_ID, CLIENT_ID, "test", 1, shipment.fulfillmentFacilityId(),
                shipment.fulfillmentCountry(), shipment,
                List.of(new ProductionRequested.Item(item.itemReferenceId(), item.productUid(), null,
                        item.productVariant(), new ValidationPassed.ResolvedProduct(item.itemReferenceId(),
                                item.productUid(), "Classic A4 flyer", "flyers", new BigDecimal("210"),
                                new BigDecimal("297"), new BigDecimal("3"), 150, List.of("pdf", "png", "jpeg")),
                        1, item.customTrim(), item.retailPriceInclVat(),
                        List.of(new ProductionRequested.File("default", item.files().get(0).metadata(), checked)),
                        item.metadata())),
                List.of(new ProductionRequested.Package(order.packagingInstructions().get(0).packageItems(), slip,
                        "https://example.com/slip.pdf")),
                order.shippingAddress(), "EUR", "GBP", new BigDecimal("6.99"), order.metadata(), T0.plusSeconds(2));
        return EventEnvelope.withId("0f8b5d0e-6a55-4c1b-9a36-1d7f1b3c0009", event, "/order-ledger", CLIENT_ID, 1,
                "0f8b5d0e-6a55-4c1b-9a36-1d7f1b3c0005");
    }

    static EventEnvelope productionCancelRequested() {
        var event = new ProductionCancelRequested(ORDER_ID, "db0622e7-d7af-4453-b39f-cdf1b67f3daa", true,
                T0.plusSeconds(60));
        return EventEnvelope.withId("0f8b5d0e-6a55-4c1b-9a36-1d7f1b3c0010", event, "/order-ledger", CLIENT_ID, 1,
                "0f8b5d0e-6a55-4c1b-9a36-1d7f1b3c0007");
    }

    static EventEnvelope productionShipmentUpdated() {
        var address = new ShippingAddress("GB", "Alexis", "Apollo", "Company_example", "Longusta str. 4", "app. 144",
                "myCity", "SW1A 1AA", "", "me@example.com", "+34 111444111", false, "", "", "");
        var event = new ProductionShipmentUpdated(ORDER_ID, "db0622e7-d7af-4453-b39f-cdf1b67f3daa", "fed_ex_2_day",
                address, T0.plusSeconds(60));
        return EventEnvelope.withId("0f8b5d0e-6a55-4c1b-9a36-1d7f1b3c0011", event, "/order-ledger", CLIENT_ID, 1,
                "0f8b5d0e-6a55-4c1b-9a36-1d7f1b3c0008");
    }

    /** A partial shipment: one of the item's two copies, in one parcel. */
    static EventEnvelope productionReported() {
        var event = new ProductionReported(ORDER_ID, "db0622e7-d7af-4453-b39f-cdf1b67f3daa", "rep-0042",
                ProductionReported.Kind.SHIPPED, List.of(new ProductionReported.ItemQuantity("test1", 1)), null,
                new ProductionReported.Shipment("DHL", "JD014600003SE", "https://www.dhl.com/track?id=JD014600003SE",
                        List.of(new ProductionReported.Parcel("JD014600003SE",
                                "https://www.dhl.com/track?id=JD014600003SE"))),
                null, null, T0.plusSeconds(3600));
        return EventEnvelope.withId(ProductionReported.eventId(event.facilityId(), event.reportId()), event,
                "/facility/db0622e7-d7af-4453-b39f-cdf1b67f3daa", null, null, null);
    }

    static EventEnvelope handoverOverdue() {
        var event = new HandoverOverdue(ORDER_ID, T0.plusSeconds(2), 900, T0.plusSeconds(902));
        return EventEnvelope.withId("0f8b5d0e-6a55-4c1b-9a36-1d7f1b3c0012", event, "/order-ledger", CLIENT_ID, 1,
                null);
    }

    static EventEnvelope orderStalled() {
        var event = new OrderStalled(ORDER_ID, FulfillmentStatus.RECEIVED, 1, T0.plusSeconds(2), 600, false,
                T0.plusSeconds(602));
        return EventEnvelope.withId("0f8b5d0e-6a55-4c1b-9a36-1d7f1b3c0013", event, "/order-ledger", CLIENT_ID, 1,
                null);
    }

    static String fixture(String name) {
        try (InputStream in = EventSamples.class.getResourceAsStream("fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
