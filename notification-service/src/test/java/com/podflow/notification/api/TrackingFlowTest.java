package com.podflow.notification.api;

import static com.podflow.infra.KafkaPostgresTestResource.kafka;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.podflow.events.EventCodec;
import com.podflow.events.EventEnvelope;
import com.podflow.events.FulfillmentStatus;
import com.podflow.events.OrderStatusChanged;
import com.podflow.events.ProductionReported;
import com.podflow.events.Topics;
import com.podflow.events.order.Order;
import com.podflow.events.order.OrderItem;
import com.podflow.events.order.ShippingAddress;
import com.podflow.infra.KafkaPostgresTestResource;
import com.podflow.notification.SmtpTestResource;

/**
 * The statuses after {@code created} through the real broker, PostgreSQL, a local HTTP receiver and GreenMail: a shipped
 * change with tracking yields a postback with the tracking, a {@code tracking_added} webhook and an e-mail with the
 * link; the handover-overdue flag yields its own postback only.
 */
@QuarkusTest
@QuarkusTestResource(KafkaPostgresTestResource.class)
@QuarkusTestResource(SmtpTestResource.class)
class TrackingFlowTest {
    static final Duration WAIT = Duration.ofSeconds(40);
    static final ObjectMapper JSON = new ObjectMapper();
    static final String TRACKING_URL = "https://dhl.example/track/JD0146";

    static PostbackReceiver receiver;

    @BeforeAll
    static void start() {
        receiver = PostbackReceiver.start();
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    static Order order(String orderId, String recipient) {
        var address = new ShippingAddress("SE", "Ada", "L", null, "17", null, "City", "11111", null, recipient, null,
                null, null, null, null);
        return new Order("ref-" + orderId, "order", null, "EUR", null, null, "normal", null, address,
                List.of(new OrderItem("item-1", "flat_a4", null, null, 1, null, List.of(), null, null)), null,
                List.of());
    }

    static EventEnvelope publish(String clientId, String orderId, long sequence, FulfillmentStatus previous,
            FulfillmentStatus status, String cause, List<OrderStatusChanged.Tracking> shipments, String recipient) {
        var change = new OrderStatusChanged(orderId, clientId, "ref-" + orderId, sequence, previous, status, cause, 1,
                null, null, order(orderId, recipient), Instant.now().truncatedTo(ChronoUnit.MILLIS), shipments,
                Map.of("item-1", status));
        EventEnvelope envelope = EventEnvelope.wrap(change, "/order-ledger", clientId, 1, null);
        kafka().send(Topics.ORDERS_STATUS, envelope.key(), EventCodec.encode(envelope));
        return envelope;
    }

    static void configure(String clientId, String postbacks, String webhooks, List<String> mailed) {
        given().header("X-ADMIN-KEY", PostbackFlowTest.ADMIN_KEY).contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url(postbacks)))
                .put("/admin/v1/clients/{clientId}/postback", clientId)
                .then().statusCode(200);
        given().contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url(webhooks), "eventTypes", List.of("tracking_added")))
                .post("/internal/v1/clients/{clientId}/webhooks", clientId)
                .then().statusCode(201);
        given().contentType(ContentType.JSON)
                .body(Map.of("statuses", mailed, "toRecipient", true))
                .put("/internal/v1/clients/{clientId}/email-settings", clientId)
                .then().statusCode(200);
    }

    /** The event type of each delivery of one channel in the client's log (one per delivery, not per attempt). */
    static List<String> deliveries(String clientId, String channel) {
        List<Map<String, Object>> lines = given()
                .get("/internal/v1/clients/{c}/postbacks?limit=1000&channel={ch}", clientId, channel)
                .then().statusCode(200).extract().jsonPath().getList("$");
        Map<Object, String> byDelivery = new java.util.TreeMap<>();
        lines.forEach(l -> byDelivery.put(String.valueOf(l.get("deliveryId")), (String) l.get("eventType")));
        return List.copyOf(byDelivery.values());
    }

    static JsonNode json(PostbackReceiver.Request request) {
        try {
            return JSON.readTree(request.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aShippedChangeWithTrackingIsPostedWithItAddsTrackingOnceAndMailsTheLink() throws Exception {
        // given a client with a postback URL, a webhook for tracking_added only and e-mails on shipped
        String clientId = "client-" + UUID.randomUUID();
        String postbacks = "/ok/tracking-postback-" + clientId;
        String webhooks = "/ok/tracking-webhook-" + clientId;
        String recipient = "buyer-" + UUID.randomUUID() + "@example.com";
        configure(clientId, postbacks, webhooks, List.of("shipped", "in_transit"));
        String orderId = UUID.randomUUID().toString();
        var tracking = new OrderStatusChanged.Tracking("DHL", "JD0146", TRACKING_URL,
                List.of(new ProductionReported.Parcel("JD0146", TRACKING_URL)),
                Instant.parse("2026-12-02T10:00:00Z"));

        // when the order is packaged, shipped with tracking, then in transit (the tracking again)
        publish(clientId, orderId, 6, FulfillmentStatus.PRINTED, FulfillmentStatus.PACKAGED, "facility", null,
                recipient);
        EventEnvelope shipped = publish(clientId, orderId, 7, FulfillmentStatus.PACKAGED, FulfillmentStatus.SHIPPED,
                "facility", List.of(tracking), recipient);
        publish(clientId, orderId, 8, FulfillmentStatus.SHIPPED, FulfillmentStatus.IN_TRANSIT, "facility",
                List.of(tracking), recipient);

        // then the postbacks arrive in order, shipped and in_transit with the tracking and the item's status
        await().atMost(WAIT).until(() -> receiver.accepted(postbacks).size() == 3);
        List<JsonNode> posted = receiver.accepted(postbacks).stream().map(TrackingFlowTest::json).toList();
        assertThat(posted).extracting(p -> p.get("fulfillmentStatus").asText())
                .containsExactly("packaged", "shipped", "in_transit");
        assertThat(posted.get(0).get("tracking").isNull()).isTrue();
        JsonNode shippedPostback = posted.get(1);
        assertThat(shippedPostback.get("eventType").asText()).isEqualTo("order_status_updated");
        assertThat(shippedPostback.at("/tracking/code").asText()).isEqualTo("JD0146");
        assertThat(shippedPostback.at("/tracking/url").asText()).isEqualTo(TRACKING_URL);
        assertThat(shippedPostback.at("/tracking/carrier").asText()).isEqualTo("DHL");
        assertThat(shippedPostback.at("/tracking/packages/0/trackingUrl").asText()).isEqualTo(TRACKING_URL);
        assertThat(shippedPostback.at("/items/0/status").asText()).isEqualTo("shipped");
        // and the webhook gets tracking_added once, for shipped, under its own message id
        await().atMost(WAIT).until(() -> receiver.accepted(webhooks).size() >= 1);
        // in_transit's postback arrived, so its deliveries were planned: it planned no webhook (tracking is not new)
        assertThat(deliveries(clientId, "webhook")).containsExactly("tracking_added");
        assertThat(receiver.accepted(webhooks)).singleElement().satisfies(hook -> {
            assertThat(hook.header("webhook-id")).isEqualTo(shipped.id() + "_tracking_added");
            assertThat(json(hook).get("eventType").asText()).isEqualTo("tracking_added");
            assertThat(json(hook).at("/tracking/url").asText()).isEqualTo(TRACKING_URL);
        });
        // and the shipped e-mail shows the tracking link
        await().atMost(WAIT).until(() -> EmailTest.mailsTo(recipient).length == 2);
        MimeMessage mail = java.util.Arrays.stream(EmailTest.mailsTo(recipient))
                .filter(m -> {
                    try {
                        return m.getSubject().endsWith("has shipped");
                    } catch (Exception e) {
                        return false;
                    }
                }).findFirst().orElseThrow();
        assertThat(GreenMailUtil.getBody(mail)).contains("Track it here: " + TRACKING_URL).contains("JD0146")
                .contains("with DHL").doesNotContain("tracking link follows");
    }

    @Test
    void theHandoverOverdueFlagIsItsOwnPostbackAndNoSecondCreatedMail() {
        // given a client mailed on created, with a postback URL and a webhook
        String clientId = "client-" + UUID.randomUUID();
        String postbacks = "/ok/overdue-postback-" + clientId;
        String webhooks = "/ok/overdue-webhook-" + clientId;
        String recipient = "buyer-" + UUID.randomUUID() + "@example.com";
        configure(clientId, postbacks, webhooks, List.of("created"));
        String orderId = UUID.randomUUID().toString();

        // when the order is created, then flagged overdue (the same status with the next sequence)
        publish(clientId, orderId, 3, FulfillmentStatus.PASSED, FulfillmentStatus.CREATED, "ready", null, recipient);
        publish(clientId, orderId, 4, FulfillmentStatus.CREATED, FulfillmentStatus.CREATED,
                "handover_overdue: no receipt from facility f-1 within PT15M", null, recipient);

        // then two postbacks, the second of its own type with the cause
        await().atMost(WAIT).until(() -> receiver.accepted(postbacks).size() == 2);
        List<JsonNode> posted = receiver.accepted(postbacks).stream().map(TrackingFlowTest::json).toList();
        assertThat(posted).extracting(p -> p.get("eventType").asText())
                .containsExactly("order_status_updated", "order_handover_overdue");
        assertThat(posted.get(1).get("cause").asText()).startsWith("handover_overdue");
        assertThat(posted.get(1).get("fulfillmentStatus").asText()).isEqualTo("created");
        // and one created e-mail only; both postbacks are logged, no webhook was planned for the flag
        await().atMost(WAIT).until(() -> EmailTest.mailsTo(recipient).length == 1);
        assertThat(deliveries(clientId, "postback")).containsExactlyInAnyOrder("order_status_updated",
                "order_handover_overdue");
        assertThat(deliveries(clientId, "email")).containsExactly("order_created");
        assertThat(deliveries(clientId, "webhook")).isEmpty();
        assertThat(EmailTest.mailsTo(recipient)).hasSize(1);
        assertThat(receiver.accepted(webhooks)).isEmpty();
    }
}
