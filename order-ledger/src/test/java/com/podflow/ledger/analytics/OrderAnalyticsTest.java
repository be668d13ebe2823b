package com.podflow.ledger.analytics;

import static com.podflow.infra.KafkaPostgresTestResource.kafka;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.config.JsonPathConfig;

import com.podflow.events.CancelRequested;
import com.podflow.events.EventCodec;
import com.podflow.events.EventEnvelope;
import com.podflow.events.OrderEvent;
import com.podflow.events.OrderReceived;
import com.podflow.events.RefusalCodes;
import com.podflow.events.Topics;
import com.podflow.events.ValidationFailed;
import com.podflow.events.ValidationPassed;
import com.podflow.events.Validators;
import com.podflow.events.order.Order;
import com.podflow.infra.KafkaPostgresTestResource;

/** Analytics computed for a known set of orders, on a real broker and database, over days of their own. */
@QuarkusTest
@QuarkusTestResource(KafkaPostgresTestResource.class)
class OrderAnalyticsTest {
    static final String CLIENT = "client-" + UUID.randomUUID();

    static void send(String topic, OrderEvent event) {
        EventEnvelope envelope = EventEnvelope.wrap(event, "/test", CLIENT, 1, null);
        kafka().send(topic, envelope.key(), EventCodec.encode(envelope));
    }

    static String receive(Instant at) {
        String orderId = UUID.randomUUID().toString();
        send(Topics.ORDERS_INTAKE, new OrderReceived(orderId, CLIENT, 1, "api",
                new Order("ref-" + orderId, "order", null, "EUR", null, null, "normal", null, null, List.of(), null,
                        null),
                at));
        return orderId;
    }

    /** An order created {@code seconds} after it was received (the files validator answers last). */
    static String created(Instant at, long seconds) {
        String orderId = receive(at);
        var choice = new ValidationPassed.ShipmentChoice("normal", "PostNord", "PostNord", "normal",
                new BigDecimal("3.90"), "EUR", 1, 3, "se-stockholm-1", "SE");
        send(Topics.ORDERS_VALIDATION, new ValidationPassed(orderId, 1, Validators.DATA, at.plusSeconds(1)));
        send(Topics.ORDERS_VALIDATION, new ValidationPassed(orderId, 1, Validators.PRODUCT, at.plusSeconds(2)));
        send(Topics.ORDERS_VALIDATION, new ValidationPassed(orderId, 1, Validators.RULES, at.plusSeconds(3),
                new ValidationPassed.Resolution(choice, null)));
        send(Topics.ORDERS_VALIDATION, new ValidationPassed(orderId, 1, Validators.FILES, at.plusSeconds(seconds)));
        return orderId;
    }

    /** An order the data validator refuses {@code seconds} after it was received, after every other one passed it. */
    static String failed(Instant at, long seconds, String code) {
        String orderId = receive(at);
        send(Topics.ORDERS_VALIDATION, new ValidationPassed(orderId, 1, Validators.PRODUCT, at.plusSeconds(1)));
        send(Topics.ORDERS_VALIDATION, new ValidationPassed(orderId, 1, Validators.RULES, at.plusSeconds(2)));
        send(Topics.ORDERS_VALIDATION, new ValidationPassed(orderId, 1, Validators.FILES, at.plusSeconds(3)));
        send(Topics.ORDERS_VALIDATION, new ValidationFailed(orderId, 1, Validators.DATA,
                List.of(new ValidationFailed.Finding(code, "shippingAddress", "refused")), at.plusSeconds(seconds)));
        return orderId;
    }

    static void awaitStatus(String orderId, String status) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .get("/internal/v1/clients/{client}/orders/{id}", CLIENT, orderId)
                .then().statusCode(200).body("fulfillmentStatus", equalTo(status)));
    }

    @Test
    void theNumbersOfAKnownSetOfOrders() {
        // given five orders over two days (years ahead: no other test and no handover check touches them)
        LocalDate day = LocalDate.of(2040, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(3000));
        Instant d1 = day.atTime(10, 0).toInstant(ZoneOffset.UTC);
        Instant d2 = day.plusDays(1).atTime(9, 0).toInstant(ZoneOffset.UTC);
        String c1 = created(d1, 40);
        String c2 = created(d1.plusSeconds(3600), 100);
        String f1 = failed(d1.plusSeconds(7200), 5, RefusalCodes.MISSING_REQUIRED_FIELD);
        String f2 = failed(d2, 5, RefusalCodes.INVALID_PRODUCT);
        String canceled = receive(d2.plusSeconds(600));
        send(Topics.ORDERS_INTAKE, new CancelRequested(canceled, CLIENT, d2.plusSeconds(630)));
        awaitStatus(c1, "created");
        awaitStatus(c2, "created");
        awaitStatus(f1, "failed");
        awaitStatus(f2, "failed");
        awaitStatus(canceled, "canceled");

        // when / then (decimals as doubles)
        given().config(RestAssured.config().jsonConfig(JsonConfig.jsonConfig()
                .numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE))).queryParam("clientId", CLIENT)
                .queryParam("from", day.minusDays(1).toString())
                .queryParam("to", day.plusDays(2).toString())
                .get("/internal/v1/analytics").then().statusCode(200)
                .body("received", equalTo(5)).body("created", equalTo(2)).body("failed", equalTo(2))
                .body("canceled", equalTo(1)).body("successRate", equalTo(0.5))
                .body("days.day", equalTo(List.of(day.toString(), day.plusDays(1).toString())))
                .body("days.received", equalTo(List.of(3, 2)))
                .body("days.created", equalTo(List.of(2, 0)))
                .body("days.failed", equalTo(List.of(1, 1)))
                .body("days.canceled", equalTo(List.of(0, 1)))
                .body("days.successRate", equalTo(List.of(0.6667, 0.0)))
                .body("failuresByRefusalCode", equalTo(Map.of("invalid_product", 1, "missing_required_field", 1)))
                .body("receivedToCreated.count", equalTo(2))
                .body("receivedToCreated.p50Seconds", closeTo(70.0, 0.001))
                .body("receivedToCreated.p95Seconds", closeTo(97.0, 0.001))
                // stays in received: 5, 5, 30, 40, 100 s; in passed: 0, 0 (created follows at once)
                .body("timeInStatus.received.count", equalTo(5))
                .body("timeInStatus.received.p50Seconds", closeTo(30.0, 0.001))
                .body("timeInStatus.received.p95Seconds", closeTo(88.0, 0.001))
                .body("timeInStatus.passed.p50Seconds", closeTo(0.0, 0.001))
                .body("timeInStatus.created", nullValue());

        // a day without orders
        given().queryParam("clientId", CLIENT).queryParam("from", day.plusDays(5).toString())
                .queryParam("to", day.plusDays(5).toString()).get("/internal/v1/analytics").then().statusCode(200)
                .body("received", equalTo(0)).body("successRate", nullValue());
    }

    @Test
    void badDatesNameTheirField() {
        given().queryParam("from", "yesterday").queryParam("to", "2040-01-01").get("/internal/v1/analytics")
                .then().statusCode(400).body("errors[0].field", equalTo("from"));
        given().queryParam("from", "2040-01-02").queryParam("to", "2040-01-01").get("/internal/v1/analytics")
                .then().statusCode(400).body("errors[0].field", equalTo("to"));
        given().queryParam("from", "2040-01-02").get("/internal/v1/analytics")
                .then().statusCode(400).body("errors[0].field", equalTo("to"));
    }
}
