package com.podflow.intake.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.podflow.events.EventJson;
import com.podflow.infra.KafkaPostgresTestResource;

/** Support over real HTTP: admin order access, the two timelines, the dead-letter tools (issue 11). */
@QuarkusTest
@QuarkusTestResource(KafkaPostgresTestResource.class)
@QuarkusTestResource(LedgerStub.class)
@QuarkusTestResource(SupportStub.class)
class SupportApiTest {
    static final String ADMIN = "dev-admin";

    @Test
    void operatorsGetAnyClientsOrderByIdOrByReferenceWithItsClient() {
        // given
        String orderId = UUID.randomUUID().toString();
        String clientId = "client-" + UUID.randomUUID();
        SupportStub.order(orderId, clientId, "ref-admin");

        // then
        given().header("X-ADMIN-KEY", ADMIN).get("/admin/v1/orders/{id}", orderId)
                .then().statusCode(200).body("id", equalTo(orderId)).body("clientId", equalTo(clientId));
        given().header("X-ADMIN-KEY", ADMIN).queryParam("clientId", clientId).get("/admin/v1/orders/ref-admin")
                .then().statusCode(200).body("id", equalTo(orderId));
        given().header("X-ADMIN-KEY", ADMIN).get("/admin/v1/orders/{id}", "nothing-" + UUID.randomUUID())
                .then().statusCode(404);
        given().header("X-API-KEY", OrderApiTest.KEY).get("/admin/v1/orders/{id}", orderId)
                .then().statusCode(401);
    }

    @Test
    void aLiteralPathBelowAdminOrdersIsNotTakenForAnOrder() {
        // (as /admin/v1/orders/stalled, served by a resource class of its own)
        int before = SupportStub.calls("/internal/v1/orders/").size();

        given().header("X-ADMIN-KEY", ADMIN).noFilters().get("/admin/v1/orders/literal-probe")
                .then().statusCode(200).body("probe", equalTo("literal"));

        assertThat(SupportStub.calls("/internal/v1/orders/")).hasSize(before);
    }

    @Test
    void operatorsSearchAcrossClientsOrOneClient() {
        // given
        String reference = "ref-" + UUID.randomUUID();
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        SupportStub.order(first, "client-a", reference);
        SupportStub.order(second, "client-b", reference);

        // then
        given().header("X-ADMIN-KEY", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("orderReferenceId", reference))
                .post("/admin/v1/orders/search").then().statusCode(200).body("orders", hasSize(2));
        given().header("X-ADMIN-KEY", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("orderReferenceId", reference, "clientId", "client-b"))
                .post("/admin/v1/orders/search").then().statusCode(200).body("orders.id", equalTo(List.of(second)));
        SupportStub.Call call = SupportStub.calls("/internal/v1/orders/search").get(
                SupportStub.calls("/internal/v1/orders/search").size() - 1);
        assertThat(call.query()).isEqualTo("clientId=client-b");
        assertThat(call.body()).doesNotContain("clientId").contains(reference);

        // and a bad filter is a 400 naming it
        given().header("X-ADMIN-KEY", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("fulfillmentStatus", List.of("lost")))
                .post("/admin/v1/orders/search").then().statusCode(400)
                .body("message", org.hamcrest.Matchers.containsString("fulfillmentStatus[0]"));
        given().header("X-ADMIN-KEY", ADMIN).contentType(ContentType.JSON).body(Map.of("clientId", 7))
                .post("/admin/v1/orders/search").then().statusCode(400).body("errors[0].field", equalTo("clientId"));
    }

    @Test
    void theTimelineMergesTheLedgersEventsTheRequestsAndTheDeliveriesAndTheClientSeesItsOwnRedacted() {
        // given an order submitted through the API
        String orderId = given().header("X-API-KEY", OrderApiTest.KEY).contentType(ContentType.JSON)
                .body(OrderApiTest.seedOrder().replace("\"orderReferenceId\": \"test\"",
                        "\"orderReferenceId\": \"timeline-" + UUID.randomUUID() + "\""))
                .post("/v1/orders").then().statusCode(201).extract().path("id");
        String clientId = given().header("X-API-KEY", OrderApiTest.KEY).get("/v1/orders/{id}", orderId)
                .then().statusCode(200).extract().path("clientId");
        Instant now = Instant.now();
        // the ledger's timeline: an event and a parked record of the order
        ObjectNode ledger = EventJson.mapper().createObjectNode().put("orderId", orderId).put("clientId", clientId)
                .put("status", "received").put("attempt", 1);
        ArrayNode entries = ledger.putArray("entries");
        entries.addObject().put("source", "event").put("at", now.plusSeconds(1).toString())
                .put("eventId", "e-1").put("type", "order.received").put("topic", "orders.intake")
                .put("partition", 2).put("offset", 17).put("producer", "/intake-api").put("attempt", 1)
                .put("recordedAt", now.plusSeconds(1).toString());
        entries.addObject().put("source", "dead-letter").put("at", now.plusSeconds(2).toString())
                .put("topic", "orders.validation").put("partition", 1).put("offset", 5)
                .put("deadLetterId", 7).put("consumerGroup", "order-ledger.validation")
                .put("reason", "boom").put("status", "parked");
        SupportStub.timeline(orderId, ledger);
        // and a postback attempt
        ArrayNode attempts = EventJson.mapper().createArrayNode();
        attempts.addObject().put("deliveryId", 3).put("channel", "postback").put("eventType", "order.received")
                .put("clientId", clientId).put("orderId", orderId).put("url", "https://example.com/hook")
                .put("attempt", 1).put("outcome", "delivered").put("statusCode", 200).put("durationMs", 12)
                .put("attemptedAt", now.plusSeconds(3).toString()).put("deliveryState", "delivered")
                .put("createdAt", now.plusSeconds(3).toString());
        SupportStub.deliveries(clientId, orderId, attempts);

        // when operators ask
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("X-ADMIN-KEY", ADMIN)
                .get("/admin/v1/orders/{id}/timeline", orderId).then().statusCode(200)
                .body("entries.findAll { it.source == 'request' }", hasSize(2)));
        JsonPath full = given().header("X-ADMIN-KEY", ADMIN).get("/admin/v1/orders/{id}/timeline", orderId)
                .then().statusCode(200).extract().jsonPath();

        // then everything is there, in time order, with the gaps
        // (the submission and the read above are filed under the order in the requests log)
        assertThat(full.getList("entries.source", String.class)).containsExactly("request", "request", "event",
                "dead-letter", "delivery");
        assertThat(full.getList("entries.method", String.class)).startsWith("POST", "GET");
        assertThat(full.getString("entries[0].gapMs")).isNull();
        assertThat(full.getLong("entries[1].gapMs")).isGreaterThanOrEqualTo(0);
        assertThat(full.getLong("entries[3].gapMs")).isEqualTo(1000);
        assertThat(full.getString("entries[2].topic")).isEqualTo("orders.intake");
        assertThat(full.getInt("entries[2].offset")).isEqualTo(17);
        assertThat(full.getString("entries[2].producer")).isEqualTo("/intake-api");
        assertThat(full.getString("entries[3].consumerGroup")).isEqualTo("order-ledger.validation");
        assertThat(full.getString("entries[4].outcome")).isEqualTo("delivered");

        // and the client sees its own order without the internal fields
        JsonPath own = given().header("X-API-KEY", OrderApiTest.KEY).get("/v1/orders/{id}/timeline", orderId)
                .then().statusCode(200).body("clientId", equalTo(clientId)).extract().jsonPath();
        assertThat(own.getList("entries.source", String.class)).containsExactly("request", "request", "event",
                "dead-letter", "delivery");
        for (String internal : List.of("topic", "partition", "offset", "producer", "eventId", "consumerGroup",
                "reason")) {
            assertThat(own.getList("entries." + internal)).as(internal).allMatch(v -> v == null);
        }

        // and another client's key finds nothing, as for an order that does not exist
        String otherKey = given().header("X-ADMIN-KEY", ADMIN).contentType(ContentType.JSON)
                .body("{\"name\":\"Other Shop\"}").post("/admin/v1/clients")
                .then().statusCode(201).extract().path("apiKey");
        given().header("X-API-KEY", otherKey).get("/v1/orders/{id}/timeline", orderId)
                .then().statusCode(404).body("code", equalTo(404));
        given().header("X-API-KEY", otherKey).get("/v1/orders/{id}/timeline", UUID.randomUUID().toString())
                .then().statusCode(404);
        given().header("X-ADMIN-KEY", ADMIN).get("/admin/v1/orders/{id}/timeline", UUID.randomUUID().toString())
                .then().statusCode(404);
    }

    @Test
    void deadLetterToolsAreForwardedToTheLedger() {
        given().header("X-ADMIN-KEY", ADMIN).queryParam("orderId", "o-1").queryParam("status", "parked")
                .get("/admin/v1/dead-letters").then().statusCode(200)
                .body("deadLetters[0].consumerGroup", equalTo("order-ledger.validation"));
        assertThat(SupportStub.calls("/internal/v1/dead-letters")).extracting(SupportStub.Call::query)
                .contains("orderId=o-1&status=parked");

        given().header("X-ADMIN-KEY", ADMIN).get("/admin/v1/dead-letters/7").then().statusCode(200)
                .body("status", equalTo("parked"));
        given().header("X-ADMIN-KEY", ADMIN).post("/admin/v1/dead-letters/7/replay").then().statusCode(200)
                .body("status", equalTo("replayed"));
        given().header("X-ADMIN-KEY", ADMIN).post("/admin/v1/dead-letters/8/replay").then().statusCode(404);
        given().header("X-ADMIN-KEY", ADMIN).queryParam("orderId", "o-1").post("/admin/v1/dead-letters/replay")
                .then().statusCode(200).body("replayed", equalTo(1));
        given().header("X-ADMIN-KEY", ADMIN).post("/admin/v1/dead-letters/7/resolve").then().statusCode(200)
                .body("status", equalTo("resolved"));
        given().get("/admin/v1/dead-letters").then().statusCode(401);
    }
}
