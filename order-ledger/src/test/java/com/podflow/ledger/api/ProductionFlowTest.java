package com.podflow.ledger.api;

import static com.podflow.infra.KafkaPostgresTestResource.kafka;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.podflow.events.CancelRequested;
import com.podflow.events.EventCodec;
import com.podflow.events.EventEnvelope;
import com.podflow.events.EventJson;
import com.podflow.events.OrderEvent;
import com.podflow.events.OrderReceived;
import com.podflow.events.ProductionReported;
import com.podflow.events.ProductionReported.Kind;
import com.podflow.events.Topics;
import com.podflow.events.ValidationPassed;
import com.podflow.events.Validators;
import com.podflow.events.order.CustomTrim;
import com.podflow.events.order.MetadataEntry;
import com.podflow.events.order.Order;
import com.podflow.events.order.OrderFile;
import com.podflow.events.order.OrderItem;
import com.podflow.events.order.PackagingInstruction;
import com.podflow.events.order.ShippingAddress;
import com.podflow.infra.KafkaPostgresTestResource;
import com.podflow.ledger.messaging.HandoverCheck;

/**
 * The production feed and the facility's reports through a real broker and database: a created order's request on
 * {@code orders.production} read as raw JSON, as a facility would, and reports sent twice, out of order and with a
 * poison record among them on {@code orders.production-reports}.
 */
@QuarkusTest
@QuarkusTestResource(KafkaPostgresTestResource.class)
class ProductionFlowTest {
    static final String FACILITY = "db0622e7-d7af-4453-b39f-cdf1b67f3daa";
    static final Duration WAIT = Duration.ofSeconds(30);
    static String clientId = "client-" + UUID.randomUUID();

    @Inject
    HandoverCheck handover;

    static void send(String topic, OrderEvent event) {
        EventEnvelope envelope = EventEnvelope.wrap(event, "/test", clientId, 1, null);
        kafka().send(topic, envelope.key(), EventCodec.encode(envelope));
    }

    /** A report as a facility sends it: no CloudEvents id (the ledger derives one from facility + report id). */
    static void report(String orderId, String reportId, Kind kind, ProductionReported.Shipment shipment,
            List<String> sha256) {
        var event = new ProductionReported(orderId, FACILITY, reportId, kind, null, sha256, shipment, null, null,
                Instant.now());
        ObjectNode json = (ObjectNode) EventJson.mapper()
                .valueToTree(readTree(EventCodec.encode(EventEnvelope.wrap(event, "/facility/" + FACILITY, null,
                        null, null))));
        json.remove("id");
        kafka().send(Topics.ORDERS_PRODUCTION_REPORTS, orderId, json.toString());
    }

    static JsonNode readTree(String text) {
        try {
            return EventJson.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Order order(String reference) {
        var address = new ShippingAddress("SE", "Ada", "Lovelace", "Analytical AB", "Street 1", null, "Stockholm",
                "11111", null, "ada@example.com", "+46700000000", false, null, null, null);
        var item = new OrderItem("item-1", "flat_product_pf_a4_pt_200-gsm-uncoated_cl_4-0_ct_none", null, null, 2,
                new BigDecimal("19.99"), List.of(new OrderFile("default", "https://example.com/a4.pdf",
                        List.of(new MetadataEntry("embroideryText", "James")))),
                new CustomTrim(new BigDecimal("210"), new BigDecimal("297")), null);
        var packaging = new PackagingInstruction(List.of(new PackagingInstruction.PackageItem("item-1", 2)),
                new PackagingInstruction.PackingSlip("https://example.com/slip.pdf"));
        return new Order(reference, "order", null, "EUR", "GBP", new BigDecimal("6.99"), "normal", null, address,
                List.of(item), List.of(packaging), List.of(new MetadataEntry("tenant", "t1")));
    }

    /** Sends an order and the four validators' passes; answers its id once the ledger shows it created. */
    static String created(String reference) {
        String orderId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        send(Topics.ORDERS_INTAKE, new OrderReceived(orderId, clientId, 1, "api", order(reference), now));
        send(Topics.ORDERS_VALIDATION, new ValidationPassed(orderId, 1, Validators.DATA, now));
        send(Topics.ORDERS_VALIDATION, new ValidationPassed(orderId, 1, Validators.PRODUCT, now,
                new ValidationPassed.Resolution(null, null, List.of(new ValidationPassed.ResolvedProduct("item-1",
                        "flat_product_pf_a4_pt_200-gsm-uncoated_cl_4-0_ct_none", "A4 flyer", "flyers",
                        new BigDecimal("210"), new BigDecimal("297"), new BigDecimal("3"), 150,
                        List.of("default"))))));
        var choice = new ValidationPassed.ShipmentChoice("dhl_global_parcel", "DHL Global Parcel", "DHL", "normal",
                new BigDecimal("4.90"), "EUR", 2, 4, FACILITY, "DE");
        send(Topics.ORDERS_VALIDATION, new ValidationPassed(orderId, 1, Validators.RULES, now,
                new ValidationPassed.Resolution(choice, null)));
        var file = new ValidationPassed.CheckedFile("item-1", "default", "https://example.com/a4.pdf", "aa".repeat(32),
                "application/pdf", 5_242_880L, 300, null, null, 1, "aa".repeat(32));
        var slip = new ValidationPassed.CheckedFile(null, "packing_slip", "https://example.com/slip.pdf",
                "bb".repeat(32), "application/pdf", 20_480L, null, null, null, 1, "bb".repeat(32));
        send(Topics.ORDERS_VALIDATION, new ValidationPassed(orderId, 1, Validators.FILES, now,
                new ValidationPassed.Resolution(null, List.of(file, slip))));
        await().atMost(WAIT).untilAsserted(() -> given()
                .get("/internal/v1/clients/{client}/orders/{id}", clientId, orderId)
                .then().statusCode(200).body("fulfillmentStatus", equalTo("created")));
        return orderId;
    }

    @Test
    void aCreatedOrderReachesItsFacilityAndItsReportsCarryItToDelivered() {
        // given
        String orderId = created("ref-prod");

        // then the production request is on orders.production, complete, readable without our Java records
        List<ConsumerRecord<String, String>> feed = kafka().await(Topics.ORDERS_PRODUCTION,
                r -> orderId.equals(r.key()), 1, WAIT);
        assertThat(feed).hasSize(1);
        JsonNode request = readTree(feed.get(0).value());
        assertThat(new String(feed.get(0).headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                .isEqualTo(EventCodec.CONTENT_TYPE);
        assertThat(request.path("type").asText()).isEqualTo("order.production-requested");
        assertThat(request.path("subject").asText()).isEqualTo(orderId);
        JsonNode data = request.path("data");
        assertThat(data.path("facilityId").asText()).isEqualTo(FACILITY);
        assertThat(data.path("facilityCountry").asText()).isEqualTo("DE");
        assertThat(data.path("clientId").asText()).isEqualTo(clientId);
        assertThat(data.path("orderReferenceId").asText()).isEqualTo("ref-prod");
        assertThat(data.path("attempt").asInt()).isEqualTo(1);
        assertThat(data.at("/shipment/shipmentMethodUid").asText()).isEqualTo("dhl_global_parcel");
        assertThat(data.at("/shipment/carrier").asText()).isEqualTo("DHL");
        assertThat(data.at("/shipment/serviceType").asText()).isEqualTo("normal");
        JsonNode item = data.at("/items/0");
        assertThat(item.path("productUid").asText()).startsWith("flat_product_pf_a4");
        assertThat(item.path("quantity").asInt()).isEqualTo(2);
        assertThat(item.at("/product/name").asText()).isEqualTo("A4 flyer");
        assertThat(item.at("/product/bleedMm").decimalValue()).isEqualByComparingTo("3");
        assertThat(item.at("/product/minDpi").asInt()).isEqualTo(150);
        assertThat(item.at("/customTrim/widthMm").decimalValue()).isEqualByComparingTo("210");
        assertThat(item.path("retailPriceInclVat").decimalValue()).isEqualByComparingTo("19.99");
        assertThat(item.at("/files/0/type").asText()).isEqualTo("default");
        assertThat(item.at("/files/0/metadata/0/value").asText()).isEqualTo("James");
        assertThat(item.at("/files/0/checked/sha256").asText()).isEqualTo("aa".repeat(32));
        assertThat(item.at("/files/0/checked/sizeBytes").asLong()).isEqualTo(5_242_880L);
        assertThat(item.at("/files/0/checked/pageCount").asInt()).isEqualTo(1);
        assertThat(item.at("/files/0/checked/mimeType").asText()).isEqualTo("application/pdf");
        assertThat(item.at("/files/0/checked/url").asText()).isEqualTo("https://example.com/a4.pdf");
        assertThat(data.at("/packagingInstructions/0/packingSlip/sha256").asText()).isEqualTo("bb".repeat(32));
        assertThat(data.at("/packagingInstructions/0/packageItems/0/quantity").asInt()).isEqualTo(2);
        assertThat(data.at("/shippingAddress/city").asText()).isEqualTo("Stockholm");
        assertThat(data.path("currency").asText()).isEqualTo("EUR");
        assertThat(data.path("retailCurrency").asText()).isEqualTo("GBP");
        assertThat(data.path("retailShippingPriceInclVat").decimalValue()).isEqualByComparingTo("6.99");
        assertThat(data.at("/metadata/0/key").asText()).isEqualTo("tenant");

        // when the facility reports, with a late step, a repeat and a poison record among the reports
        var tracking = new ProductionReported.Shipment("DHL", "JD0146", "https://dhl.example/JD0146",
                List.of(new ProductionReported.Parcel("JD0146", "https://dhl.example/JD0146")));
        String poisonKey = "poison-" + UUID.randomUUID();
        report(orderId, "r1", Kind.ACCEPTED, null, List.of("aa".repeat(32), "bb".repeat(32)));
        report(orderId, "r3", Kind.PRINTED, null, null);
        report(orderId, "r2", Kind.IN_PRODUCTION, null, null);
        kafka().send(Topics.ORDERS_PRODUCTION_REPORTS, poisonKey, "{\"specversion\":\"1.0\",\"type\":"
                + "\"order.production-reported\",\"source\":\"/facility/x\",\"time\":\"2026-12-01T10:00:00Z\","
                + "\"subject\":\"" + orderId + "\",\"data\":{\"orderId\":\"" + orderId + "\",\"kind\":\"shipped\","
                + "\"occurredAt\":\"2026-12-01T10:00:00Z\"}}");
        report(orderId, "r4", Kind.PACKAGED, null, null);
        report(orderId, "r5", Kind.SHIPPED, tracking, null);
        report(orderId, "r4", Kind.PACKAGED, null, null);
        report(orderId, "r7", Kind.DELIVERED, null, null);
        report(orderId, "r6", Kind.IN_TRANSIT, null, null);

        // then the order ends delivered, never having gone back; the repeated r4 had the same derived event id and
        // was skipped before the fold (the late steps are notes)
        await().atMost(WAIT).untilAsserted(() -> given()
                .get("/internal/v1/clients/{client}/orders/{id}", clientId, orderId)
                .then().statusCode(200)
                .body("fulfillmentStatus", equalTo("delivered"))
                .body("notes.size()", equalTo(3)));
        JsonNode view = readTree(given().get("/internal/v1/clients/{client}/orders/{id}", clientId, orderId)
                .then().statusCode(200).extract().asString());
        assertThat(view.path("statusHistory").findValuesAsText("status")).containsExactly("received", "passed",
                "created", "printed", "packaged", "shipped", "delivered");
        assertThat(view.at("/items/0/fulfillmentStatus").asText()).isEqualTo("delivered");
        assertThat(view.at("/shipment/status").asText()).isEqualTo("delivered");
        assertThat(view.at("/shipment/packages/0/trackingCode").asText()).isEqualTo("JD0146");
        assertThat(view.at("/shipment/packages/0/trackingUrl").asText()).isEqualTo("https://dhl.example/JD0146");
        assertThat(view.at("/shipment/packages/0/carrier").asText()).isEqualTo("DHL");
        assertThat(view.at("/shipment/shippedAt").isTextual()).isTrue();
        assertThat(view.at("/shipment/deliveredAt").isTextual()).isTrue();
        assertThat(view.at("/shipment/minDeliveryDate").isTextual()).isTrue();
        assertThat(view.path("notes").findValuesAsText("text")).anySatisfy(n -> assertThat(n)
                .contains("accepted the order (every file confirmed)"))
                .anySatisfy(n -> assertThat(n).contains("in_production (r2)").contains("already printed"))
                .anySatisfy(n -> assertThat(n).contains("in_transit (r6)").contains("already delivered"));

        // and the poison record is parked with its reason, the rest went on
        List<ConsumerRecord<String, String>> dead = kafka().await(
                Topics.deadLetter(Topics.ORDERS_PRODUCTION_REPORTS), r -> poisonKey.equals(r.key()), 1, WAIT);
        assertThat(dead).hasSize(1);
        assertThat(new String(dead.get(0).headers().lastHeader("dead-letter-reason").value(),
                StandardCharsets.UTF_8)).contains("facilityId is required");

        // and every change went out on orders.status, in order
        List<ConsumerRecord<String, String>> changes = kafka().await(Topics.ORDERS_STATUS,
                r -> orderId.equals(r.key()), 7, WAIT);
        assertThat(changes).extracting(r -> readTree(r.value()).at("/data/status").asText()).containsExactly(
                "received", "passed", "created", "printed", "packaged", "shipped", "delivered");

        // and a search by the new status finds it
        given().contentType("application/json").body("{\"fulfillmentStatus\":[\"delivered\"]}")
                .post("/internal/v1/clients/{client}/orders/search", clientId)
                .then().statusCode(200).body("orders.id", hasItem(orderId));
    }

    @Test
    void anotherEventTypeOnTheReportsTopicIsParked() {
        // given an order command written to the facilities' topic by mistake
        String orderId = UUID.randomUUID().toString();
        send(Topics.ORDERS_PRODUCTION_REPORTS, new OrderReceived(orderId, clientId, 1, "api", order("ref-wrong"),
                Instant.now()));

        // then it is on the dead-letter topic with its reason, and no order came of it
        List<ConsumerRecord<String, String>> dead = kafka().await(
                Topics.deadLetter(Topics.ORDERS_PRODUCTION_REPORTS), r -> orderId.equals(r.key()), 1, WAIT);
        assertThat(dead).hasSize(1);
        assertThat(new String(dead.get(0).headers().lastHeader("dead-letter-reason").value(),
                StandardCharsets.UTF_8)).contains("does not belong on orders.production-reports");
        given().get("/internal/v1/clients/{client}/orders/{id}", clientId, orderId).then().statusCode(404);
    }

    @Test
    void aCancelAfterProductionStartedIsForwardedAndFollowsTheFacilitysAnswer() {
        // given an order in production
        String orderId = created("ref-cancel");
        report(orderId, "c1", Kind.IN_PRODUCTION, null, null);
        await().atMost(WAIT).untilAsserted(() -> given()
                .get("/internal/v1/clients/{client}/orders/{id}", clientId, orderId)
                .then().body("fulfillmentStatus", equalTo("in_production")));

        // when the client cancels
        send(Topics.ORDERS_INTAKE, new CancelRequested(orderId, clientId, Instant.now()));

        // then the facility is asked, and the order waits for it
        List<ConsumerRecord<String, String>> feed = kafka().await(Topics.ORDERS_PRODUCTION,
                r -> orderId.equals(r.key()), 2, WAIT);
        assertThat(feed).extracting(r -> readTree(r.value()).path("type").asText())
                .containsExactly("order.production-requested", "order.production-cancel-requested");
        assertThat(readTree(feed.get(1).value()).at("/data/awaitingAnswer").asBoolean()).isTrue();
        given().get("/internal/v1/clients/{client}/orders/{id}", clientId, orderId)
                .then().body("fulfillmentStatus", equalTo("in_production"));

        // when the facility accepts the cancel
        report(orderId, "c2", Kind.CANCEL_ACCEPTED, null, null);

        // then
        await().atMost(WAIT).untilAsserted(() -> given()
                .get("/internal/v1/clients/{client}/orders/{id}", clientId, orderId)
                .then().body("fulfillmentStatus", equalTo("canceled")));
    }

    @Test
    void aCreatedOrderWithoutReceiptIsFlaggedOnceWhenTheHandoverIsOverdue() {
        // given an order its facility never confirms
        String orderId = created("ref-overdue");

        // when the check runs after the timeout, twice
        Instant later = Instant.now().plus(Duration.ofMinutes(16));
        handover.check(later).await().atMost(WAIT);
        handover.check(later).await().atMost(WAIT);

        // then a note and one more event on orders.status, with the same status
        List<ConsumerRecord<String, String>> changes = kafka().await(Topics.ORDERS_STATUS,
                r -> orderId.equals(r.key()), 4, WAIT);
        assertThat(changes).hasSize(4);
        JsonNode flagged = readTree(changes.get(3).value()).path("data");
        assertThat(flagged.path("status").asText()).isEqualTo("created");
        assertThat(flagged.path("previousStatus").asText()).isEqualTo("created");
        assertThat(flagged.path("sequence").asLong()).isEqualTo(4);
        assertThat(flagged.path("cause").asText()).startsWith("handover_overdue");
        JsonNode view = readTree(given().get("/internal/v1/clients/{client}/orders/{id}", clientId, orderId)
                .then().statusCode(200).extract().asString());
        assertThat(view.path("fulfillmentStatus").asText()).isEqualTo("created");
        assertThat(view.path("notes").findValuesAsText("text")).filteredOn(n -> n.startsWith("handover_overdue"))
                .hasSize(1);
        assertThat(kafka().readToEnd(Topics.ORDERS_STATUS, r -> orderId.equals(r.key()))).hasSize(4);
    }
}
