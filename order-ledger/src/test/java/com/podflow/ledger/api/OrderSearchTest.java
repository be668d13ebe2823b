package com.podflow.ledger.api;

import static com.podflow.infra.KafkaPostgresTestResource.kafka;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

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
import com.podflow.events.order.ShippingAddress;
import com.podflow.infra.KafkaPostgresTestResource;

/** The search over the projection, through Kafka and PostgreSQL: filters, newest first, stable paging, per client. */
@QuarkusTest
@QuarkusTestResource(KafkaPostgresTestResource.class)
class OrderSearchTest {
    static final String CLIENT = "search-client-" + UUID.randomUUID();
    static final String OTHER = "search-other-" + UUID.randomUUID();
    static final Instant T0 = Instant.parse("2026-01-10T12:00:00Z");
    static final List<String> ids = new ArrayList<>();

    /** Once, before the first test (HTTP is ready only once Quarkus runs the tests, not in a static hook). */
    @BeforeEach
    void fiveOrders() {
        if (!ids.isEmpty()) {
            return;
        }
        // SE day 0, DE day 1, SE day 2 (failed), GB day 3, and one of another client
        String[] countries = {"SE", "DE", "SE", "GB"};
        for (int i = 0; i < countries.length; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            send(Topics.ORDERS_INTAKE, new OrderReceived(id, CLIENT, 1, "api", order("s-ref-" + i, countries[i]),
                    T0.plus(Duration.ofDays(i))));
        }
        send(Topics.ORDERS_VALIDATION, new ValidationFailed(ids.get(2), 1, Validators.PRODUCT,
                List.of(new ValidationFailed.Finding(RefusalCodes.INVALID_PRODUCT, "items[0].productUid", "x")),
                T0.plus(Duration.ofDays(2))));
        // the attempt is decided once every required validator reported (ADR 0028)
        for (String validator : List.of(Validators.DATA, Validators.RULES, Validators.FILES)) {
            send(Topics.ORDERS_VALIDATION, new ValidationPassed(ids.get(2), 1, validator, T0.plus(Duration.ofDays(2))));
        }
        send(Topics.ORDERS_INTAKE, new OrderReceived(UUID.randomUUID().toString(), OTHER, 1, "api",
                order("s-ref-0", "SE"), T0));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> search(CLIENT, "{}")
                .body("orders.size()", equalTo(4))
                .body("orders[1].fulfillmentStatus", equalTo("failed")));
    }

    static void send(String topic, OrderEvent event) {
        EventEnvelope envelope = EventEnvelope.wrap(event, "/test", event instanceof OrderReceived r
                ? r.clientId()
                : CLIENT, 1, null);
        kafka().send(topic, envelope.key(), EventCodec.encode(envelope));
    }

    static Order order(String reference, String country) {
        var address = new ShippingAddress(country, "A", "B", null, "Street 1", null, "City", "11111", null,
                "me@example.com", "+46 8 123 456 78", null, null, null, null);
        return new Order(reference, "order", null, "EUR", null, null, "normal", null, address, List.of(), null,
                null);
    }

    static ValidatableResponse search(String client, String body) {
        return given().contentType(ContentType.JSON).body(body)
                .post("/internal/v1/clients/{client}/orders/search", client)
                .then().statusCode(200);
    }

    @Test
    void allOrdersNewestFirstAndOnlyTheClientsOwn() {
        search(CLIENT, "{}").body("orders.id", equalTo(List.of(ids.get(3), ids.get(2), ids.get(1), ids.get(0))))
                .body("orders[0].country", equalTo("GB"))
                .body("orders[0].orderReferenceId", equalTo("s-ref-3"))
                .body("orders[1].refusalReasonCode", equalTo("invalid_product"));
        search(OTHER, "{}").body("orders.size()", equalTo(1));
    }

    @Test
    void everyFilterNarrowsTheResult() {
        search(CLIENT, "{\"fulfillmentStatus\":[\"failed\"]}").body("orders.id", equalTo(List.of(ids.get(2))));
        search(CLIENT, "{\"countries\":[\"SE\"]}").body("orders.id", equalTo(List.of(ids.get(2), ids.get(0))));
        search(CLIENT, "{\"orderReferenceIds\":[\"s-ref-1\",\"s-ref-3\"]}")
                .body("orders.id", equalTo(List.of(ids.get(3), ids.get(1))));
        search(CLIENT, "{\"startDate\":\"2026-01-11T12:00:00Z\",\"endDate\":\"2026-01-13T12:00:00Z\"}")
                .body("orders.id", equalTo(List.of(ids.get(2), ids.get(1))));
        search(CLIENT, "{\"countries\":[\"SE\"],\"fulfillmentStatus\":[\"received\"]}")
                .body("orders.id", equalTo(List.of(ids.get(0))));
        search(CLIENT, "{\"financialStatus\":[\"paid\"]}").body("orders.size()", equalTo(0));
    }

    @Test
    void pagesAreStable() {
        search(CLIENT, "{\"limit\":2}").body("orders.id", equalTo(List.of(ids.get(3), ids.get(2))));
        search(CLIENT, "{\"limit\":2,\"offset\":2}").body("orders.id", equalTo(List.of(ids.get(1), ids.get(0))));
        search(CLIENT, "{\"limit\":2,\"offset\":4}").body("orders.size()", equalTo(0));
    }
}
