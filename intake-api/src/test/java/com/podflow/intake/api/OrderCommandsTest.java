package com.podflow.intake.api;

import static com.podflow.infra.KafkaPostgresTestResource.kafka;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.podflow.events.CancelRequested;
import com.podflow.events.DraftSaved;
import com.podflow.events.EventCodec;
import com.podflow.events.EventJson;
import com.podflow.events.OrderEvent;
import com.podflow.events.OrderReceived;
import com.podflow.events.ShipmentUpdateRequested;
import com.podflow.events.Topics;
import com.podflow.infra.KafkaPostgresTestResource;

/** Checks, duplicates, drafts and the commands on an order, over real HTTP, PostgreSQL and Kafka. */
@QuarkusTest
@QuarkusTestResource(KafkaPostgresTestResource.class)
@QuarkusTestResource(LedgerStub.class)
class OrderCommandsTest {
    static final String KEY = OrderApiTest.KEY;

    /** The seed order with its own reference, so tests do not trip over each other's duplicates. */
    static ObjectNode order(String reference) throws Exception {
        ObjectNode order = (ObjectNode) EventJson.mapper().readTree(OrderApiTest.seedOrder());
        order.put("orderReferenceId", reference + "-" + System.nanoTime());
        return order;
    }

    static ExtractableResponse<Response> submit(ObjectNode order) {
        return given().header("X-API-KEY", KEY).contentType(ContentType.JSON).body(order.toString())
                .post("/v1/orders").then().extract();
    }

    static List<OrderEvent> eventsOf(String orderId, int count) {
        List<ConsumerRecord<String, String>> records = kafka().await(Topics.ORDERS_INTAKE,
                r -> orderId.equals(r.key()), count, Duration.ofSeconds(30));
        return records.stream().map(r -> EventCodec.decode(r.value()).data()).toList();
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "/shippingAddress/email   |~nope~     |Invalid shipping address: shippingAddress.email is not a valid format",
            "/shippingAddress/country |~~         |Invalid shipping address: shippingAddress.country is required",
            "/shippingAddress/country |~Sweden~   |shippingAddress.country is not an ISO 3166-1 alpha-2 country code",
            "/currency                |~euro~     |Invalid order: currency is not an ISO 4217 currency code",
            "/items/0/quantity        |0          |Invalid items: items[0].quantity must be at least 1",
            "/items/0/files/0/url     |~file:///x~|items[0].files[0].url must be an absolute http(s) URL",
            "/orderType               |~express~  |orderType must be \"order\" or \"draft\""})
    void anOrderBreakingARuleIs400NamingTheField(String pointer, String json, String message) throws Exception {
        // given
        ObjectNode order = order("rules");
        String parent = pointer.substring(0, pointer.lastIndexOf('/'));
        String field = pointer.substring(pointer.lastIndexOf('/') + 1);
        ((ObjectNode) order.at(parent)).set(field, EventJson.mapper().readTree(json.replace('~', '"')));

        // when / then
        given().header("X-API-KEY", KEY).contentType(ContentType.JSON).body(order.toString())
                .post("/v1/orders")
                .then().statusCode(400)
                .body("code", equalTo(400))
                .body("message", containsString(message))
                .body("errors.field", hasItem(pointer.substring(1).replaceAll("/(\\d+)", "[$1]").replace('/', '.')));
    }

    @Test
    void everyFieldAtFaultIsNamedAtOnce() throws Exception {
        ObjectNode order = order("many");
        ((ObjectNode) order.get("shippingAddress")).remove("city");
        ((ObjectNode) order.get("shippingAddress")).put("phone", "call me");
        order.put("currency", "XXXX");

        given().header("X-API-KEY", KEY).contentType(ContentType.JSON).body(order.toString())
                .post("/v1/orders")
                .then().statusCode(400)
                .body("errors.field", equalTo(List.of("currency", "shippingAddress.city", "shippingAddress.phone")))
                .body("errors.code", equalTo(List.of("invalid_field", "missing_required_field", "invalid_phone")));
    }

    @Test
    void preventDuplicateRefusesASecondOrderWithTheFirstOnesId() throws Exception {
        // given
        ObjectNode order = order("dup");
        String first = submit(order).path("id");

        // when
        var second = submit(order);

        // then
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(second.<String>path("orderId")).isEqualTo(first);
        assertThat(second.<String>path("message")).contains(order.get("orderReferenceId").asText())
                .contains("already exists");
    }

    @Test
    void withoutPreventDuplicateTheSameReferenceIsAcceptedAgain() throws Exception {
        ObjectNode order = order("again");
        order.put("preventDuplicate", false);

        assertThat(submit(order).statusCode()).isEqualTo(201);
        assertThat(submit(order).statusCode()).isEqualTo(201);
    }

    @Test
    void concurrentDuplicatesCreateExactlyOneOrder() throws Exception {
        // given eight clients racing with the same reference
        ObjectNode order = order("race");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<ExtractableResponse<Response>>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> submit(order));
        }

        // when
        List<ExtractableResponse<Response>> answers = new ArrayList<>();
        for (Future<ExtractableResponse<Response>> f : pool.invokeAll(calls)) {
            answers.add(f.get());
        }
        pool.shutdown();

        // then one 201, seven 409 that all name the winner
        List<ExtractableResponse<Response>> created = answers.stream().filter(a -> a.statusCode() == 201).toList();
        assertThat(created).hasSize(1);
        String winner = created.get(0).path("id");
        assertThat(answers).filteredOn(a -> a.statusCode() != 201)
                .hasSize(7)
                .allSatisfy(a -> {
                    assertThat(a.statusCode()).isEqualTo(409);
                    assertThat(a.<String>path("orderId")).isEqualTo(winner);
                });
    }

    @Test
    void aDraftIsStoredUnvalidatedAndPlacedWithPatch() throws Exception {
        // given a draft that would not pass the checks yet
        ObjectNode order = order("draft");
        order.put("orderType", "draft");
        ((ObjectNode) order.get("shippingAddress")).remove("country");
        String id = submit(order).path("id");

        // then it is visible as a draft and announced as one
        given().header("X-API-KEY", KEY).get("/v1/orders/{id}", id)
                .then().statusCode(200).body("fulfillmentStatus", equalTo("draft"));
        assertThat(eventsOf(id, 1)).singleElement().isInstanceOf(DraftSaved.class);

        // when placing it unchanged: the checks apply now
        given().header("X-API-KEY", KEY).contentType(ContentType.JSON).body("{\"orderType\":\"order\"}")
                .patch("/v1/orders/{id}", id)
                .then().statusCode(400).body("message", containsString("shippingAddress.country is required"));

        // when fixing and placing it in one patch
        given().header("X-API-KEY", KEY).contentType(ContentType.JSON)
                .body("{\"orderType\":\"order\",\"shippingAddress\":{\"country\":\"SE\"}}")
                .patch("/v1/orders/{id}", id)
                .then().statusCode(200).body("orderType", equalTo("order"));

        // then it goes to validation as attempt 1 with the fixed address
        List<OrderEvent> events = eventsOf(id, 2);
        assertThat(events.get(1)).isInstanceOfSatisfying(OrderReceived.class, received -> {
            assertThat(received.attempt()).isEqualTo(1);
            assertThat(received.order().shippingAddress().country()).isEqualTo("SE");
            assertThat(received.order().shippingAddress().city()).isEqualTo("City");
        });

        // and it is no draft any more
        given().header("X-API-KEY", KEY).contentType(ContentType.JSON).body("{\"currency\":\"USD\"}")
                .patch("/v1/orders/{id}", id)
                .then().statusCode(409).body("message", containsString("is not a draft"));
    }

    @Test
    void cancelIsAnnouncedBeforeShippingAndRefusedAfter() throws Exception {
        // given
        String id = submit(order("cancel")).path("id");
        LedgerStub.report(id, "created");

        // when
        given().header("X-API-KEY", KEY).post("/v1/orders/{id}/cancel", id)
                .then().statusCode(200).body("code", equalTo(200)).body("message", equalTo("OK"));

        // then
        assertThat(eventsOf(id, 2).get(1)).isInstanceOf(CancelRequested.class);

        // and once shipped
        LedgerStub.report(id, "shipped");
        given().header("X-API-KEY", KEY).post("/v1/orders/{id}/cancel", id)
                .then().statusCode(409).body("message", containsString("already shipped"));
    }

    @Test
    void theShipmentCanBeUpdatedByReferenceBeforeShipping() throws Exception {
        // given
        ObjectNode order = order("ship");
        String reference = order.get("orderReferenceId").asText();
        String id = submit(order).path("id");
        LedgerStub.report(id, "failed");

        // when
        given().header("X-API-KEY", KEY).contentType(ContentType.JSON)
                .body("{\"shipmentMethodUid\":\"fed_ex_2_day\",\"shippingAddress\":{\"country\":\"GB\","
                        + "\"firstName\":\"Alexis\",\"lastName\":\"Apollo\",\"addressLine1\":\"Longusta str. 4\","
                        + "\"city\":\"myCity\",\"postCode\":\"SW1A 1AA\",\"email\":\"me@example.com\","
                        + "\"phone\":\"+34 111444111\"}}")
                .put("/v1/orders/{ref}/shipment", reference)
                .then().statusCode(200)
                .body("shippingAddress.orderId", equalTo(id))
                .body("shippingAddress.country", equalTo("GB"))
                .body("shipment.shipmentMethodUid", equalTo("fed_ex_2_day"));

        // then
        assertThat(eventsOf(id, 2).get(1)).isInstanceOfSatisfying(ShipmentUpdateRequested.class, update -> {
            assertThat(update.shipmentMethodUid()).isEqualTo("fed_ex_2_day");
            assertThat(update.shippingAddress().city()).isEqualTo("myCity");
        });

        // and a reprocess sends the order as it is now, as attempt 2
        given().header("X-API-KEY", KEY).post("/v1/orders/{id}/reprocess", id)
                .then().statusCode(200).body("attempt", equalTo(2));
        assertThat(eventsOf(id, 3).get(2)).isInstanceOfSatisfying(OrderReceived.class, received -> {
            assertThat(received.attempt()).isEqualTo(2);
            assertThat(received.order().shippingAddress().country()).isEqualTo("GB");
            assertThat(received.order().shipmentMethodUid()).isEqualTo("fed_ex_2_day");
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{}                                         |at least one is required",
            "{\"shipmentMethodUid\": 5}                 |shipmentMethodUid must be a non-empty text",
            "{\"shippingAddress\": {\"country\": \"SE\"}}|shippingAddress.city is required",
            "{\"shippingAddress\": []}                  |Invalid shippingAddress"})
    void aBadShipmentUpdateIs400(String body, String message) throws Exception {
        String id = submit(order("badship")).path("id");

        given().header("X-API-KEY", KEY).contentType(ContentType.JSON).body(body)
                .put("/v1/orders/{id}/shipment", id)
                .then().statusCode(400).body("message", containsString(message));
    }

    @Test
    void onlyFailedOrdersAreReprocessedAndShippedOnesKeepTheirShipment() throws Exception {
        String id = submit(order("noreprocess")).path("id");
        LedgerStub.report(id, "created");

        given().header("X-API-KEY", KEY).post("/v1/orders/{id}/reprocess", id)
                .then().statusCode(409).body("message", containsString("only failed orders can be reprocessed"));

        LedgerStub.report(id, "delivered");
        given().header("X-API-KEY", KEY).contentType(ContentType.JSON).body("{\"shipmentMethodUid\":\"express\"}")
                .put("/v1/orders/{id}/shipment", id)
                .then().statusCode(409).body("message", containsString("can no longer be changed"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "[]                                        |must be a JSON object of filters",
            "{\"fulfillmentStatus\": [\"lost\"]}     |fulfillmentStatus[0] 'lost' is not a status",
            "{\"fulfillmentStatus\": [1]}              |fulfillmentStatus must be a list of texts",
            "{\"startDate\": \"yesterday\"}           |startDate 'yesterday' is not an ISO 8601 date",
            "{\"limit\": 101}                         |limit must be a whole number from 1 to 100",
            "{\"limit\": 0}                           |limit must be a whole number from 1 to 100",
            "{\"offset\": -1}                         |offset must be a whole number from 0 up",
            "{\"offset\": 1.5}                        |offset must be a whole number"})
    void aBadSearchIs400NamingTheFilter(String body, String message) {
        given().header("X-API-KEY", KEY).contentType(ContentType.JSON).body(body)
                .post("/v1/orders/search")
                .then().statusCode(400).body("message", containsString(message));
    }

    @Test
    void anotherClientsOrderIsNotFoundForEveryCommand() throws Exception {
        // given an order of the test client, and a second client
        String id = submit(order("private")).path("id");
        String otherKey = given().header("X-ADMIN-KEY", "dev-admin").contentType(ContentType.JSON)
                .body("{\"name\":\"Other Shop\"}").post("/admin/v1/clients").then().statusCode(201)
                .extract().path("apiKey");

        // then every endpoint answers 404, never 403
        given().header("X-API-KEY", otherKey).get("/v1/orders/{id}", id).then().statusCode(404);
        given().header("X-API-KEY", otherKey).post("/v1/orders/{id}/cancel", id).then().statusCode(404);
        given().header("X-API-KEY", otherKey).post("/v1/orders/{id}/reprocess", id).then().statusCode(404);
        given().header("X-API-KEY", otherKey).contentType(ContentType.JSON).body("{\"shipmentMethodUid\":\"x\"}")
                .put("/v1/orders/{id}/shipment", id).then().statusCode(404);
        given().header("X-API-KEY", otherKey).contentType(ContentType.JSON).body("{\"orderType\":\"order\"}")
                .patch("/v1/orders/{id}", id).then().statusCode(404).body("orderId", nullValue());
    }
}
