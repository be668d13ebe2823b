package com.podflow.intake.api;

import static com.podflow.infra.KafkaPostgresTestResource.kafka;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.podflow.events.EventCodec;
import com.podflow.events.EventEnvelope;
import com.podflow.events.EventJson;
import com.podflow.events.ProductionReported;
import com.podflow.events.Topics;
import com.podflow.infra.KafkaPostgresTestResource;

/** Facility keys and reports over REST, through the outbox to orders.production-reports on a real broker. */
@QuarkusTest
@QuarkusTestResource(KafkaPostgresTestResource.class)
@QuarkusTestResource(LedgerStub.class)
class FacilityApiTest {
    private static final String ADMIN = "dev-admin";

    static String newFacilityKey(String facilityId) {
        return given().header("X-ADMIN-KEY", ADMIN).post("/admin/v1/facilities/" + facilityId + "/keys")
                .then().statusCode(201).body("facilityId", equalTo(facilityId)).extract().path("apiKey");
    }

    static ObjectNode shipped(String reportId) throws Exception {
        return (ObjectNode) EventJson.mapper().readTree("""
                {"reportId": "%s", "kind": "shipped", "items": [{"itemReferenceId": "test1", "quantity": 1}],
                 "shipment": {"carrier": "DHL", "trackingCode": "JD014600003SE",
                   "trackingUrl": "https://www.dhl.com/track?id=JD014600003SE",
                   "packages": [{"trackingCode": "JD014600003SE",
                                 "trackingUrl": "https://www.dhl.com/track?id=JD014600003SE"}]}}
                """.formatted(reportId));
    }

    static ValidatableResponse report(String key, String orderId, String body) {
        return given().header("X-FACILITY-KEY", key).contentType(ContentType.JSON).body(body)
                .post("/facility/v1/orders/" + orderId + "/reports").then();
    }

    static List<ConsumerRecord<String, String>> reportsOf(String orderId, int count) {
        return kafka().await(Topics.ORDERS_PRODUCTION_REPORTS, r -> orderId.equals(r.key()), count,
                Duration.ofSeconds(30));
    }

    @Test
    void aReportIsPublishedOnceUnderTheIdAKafkaReportWouldHave() throws Exception {
        // given
        String facility = "fac-" + UUID.randomUUID();
        String key = newFacilityKey(facility);
        String orderId = UUID.randomUUID().toString();
        String expectedId = ProductionReported.eventId(facility, "rep-1");

        // when: the same report twice
        report(key, orderId, shipped("rep-1").toString()).statusCode(202).body("eventId", equalTo(expectedId))
                .body("orderId", equalTo(orderId)).body("reportId", equalTo("rep-1"));
        report(key, orderId, shipped("rep-1").toString()).statusCode(202).body("eventId", equalTo(expectedId));
        report(key, orderId, "{\"reportId\": \"rep-2\", \"kind\": \"delivered\"}").statusCode(202);

        // then: rep-1 once, then rep-2, keyed by the order, the facility from the key
        List<ConsumerRecord<String, String>> records = reportsOf(orderId, 2);
        List<EventEnvelope> envelopes = records.stream().map(r -> EventCodec.decode(r.value())).toList();
        assertThat(envelopes).extracting(EventEnvelope::id)
                .containsExactly(expectedId, ProductionReported.eventId(facility, "rep-2"));
        ProductionReported first = (ProductionReported) envelopes.get(0).data();
        assertThat(first.orderId()).isEqualTo(orderId);
        assertThat(first.facilityId()).isEqualTo(facility);
        assertThat(first.kind()).isEqualTo(ProductionReported.Kind.SHIPPED);
        assertThat(first.shipment().trackingCode()).isEqualTo("JD014600003SE");
        assertThat(first.items()).containsExactly(new ProductionReported.ItemQuantity("test1", 1));
        assertThat(envelopes.get(0).source()).isEqualTo("/facility/" + facility);
        assertThat(((ProductionReported) envelopes.get(1).data()).kind())
                .isEqualTo(ProductionReported.Kind.DELIVERED);
        assertThat(kafka().readToEnd(Topics.ORDERS_PRODUCTION_REPORTS, r -> orderId.equals(r.key()))).hasSize(2);
    }

    @Test
    void theFixturesReportWithoutItsIdsIsTheBodyAndComesOutAsTheFixture() throws Exception {
        // given: the data of the published fixture, its order and facility taken out
        ObjectNode fixture;
        try (var in = ProductionReported.class.getResourceAsStream("fixtures/order.production-reported.v1.json")) {
            fixture = (ObjectNode) EventJson.mapper().readTree(in);
        }
        ObjectNode data = (ObjectNode) fixture.get("data");
        String facility = data.remove("facilityId").asText() + "-" + UUID.randomUUID();
        data.remove("orderId");
        String orderId = UUID.randomUUID().toString();

        // when
        report(newFacilityKey(facility), orderId, data.toString()).statusCode(202);

        // then: the record's data is the fixture's, with this order and facility
        ObjectNode published = (ObjectNode) EventJson.mapper().readTree(reportsOf(orderId, 1).get(0).value());
        data.put("orderId", orderId);
        data.put("facilityId", facility);
        assertThat(published.get("data")).isEqualTo(EventJson.mapper().readTree(data.toString()));
        assertThat(published.get("type").asText()).isEqualTo("order.production-reported");
        assertThat(published.get("subject").asText()).isEqualTo(orderId);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"kind\": \"printed\"}                                        |reportId",
            "{\"reportId\": \"r\", \"kind\": \"painted\"}                   |kind",
            "{\"reportId\": \"r\"}                                          |kind",
            "{\"reportId\": \"r\", \"kind\": \"error\", \"errorCode\": \"Bad Code\"} |errorCode",
            "{\"reportId\": \"r\", \"kind\": \"error\"}                     |errorCode",
            "{\"reportId\": \"r\", \"kind\": \"shipped\"}                   |shipment",
            "{\"reportId\": \"r\", \"kind\": \"shipped\", \"shipment\": {\"trackingCode\": \"x\"}} |shipment.carrier",
            "{\"reportId\": \"r\", \"kind\": \"printed\", \"items\": [{\"quantity\": 0}]} |items[0].itemReferenceId",
            "{\"reportId\": \"r\", \"kind\": \"accepted\", \"fileSha256\": [\"abc\"]} |fileSha256[0]"})
    void aBadReportIs400NamingTheField(String body, String field) {
        String key = newFacilityKey("fac-bad");
        report(key, UUID.randomUUID().toString(), body).statusCode(400).body("code", equalTo(400))
                .body("message", containsString(field)).body("errors.field", hasItem(field));
    }

    @Test
    void aValueOfTheWrongTypeIs400NamingTheField() {
        // refused while reading the body, by the shared mapper: the field is in the message
        report(newFacilityKey("fac-bad"), UUID.randomUUID().toString(),
                "{\"reportId\": \"r\", \"kind\": \"printed\", \"occurredAt\": \"yesterday\"}")
                .statusCode(400).body("message", containsString("'occurredAt'"));
        report(newFacilityKey("fac-bad"), UUID.randomUUID().toString(),
                "{\"reportId\": \"r\", \"kind\": \"printed\", \"items\": [{\"itemReferenceId\": \"a\","
                        + " \"quantity\": \"two\"}]}")
                .statusCode(400).body("message", containsString("'items[0].quantity'"));
    }

    @Test
    void anOrderIdThatIsNoOrderIdIs400() {
        report(newFacilityKey("fac-bad"), "not-an-order", "{\"reportId\": \"r\", \"kind\": \"printed\"}")
                .statusCode(400).body("errors.field", hasItem("orderId"));
    }

    @Test
    void onlyAnActiveFacilityKeyIsLetIn() {
        // given
        String facility = "fac-" + UUID.randomUUID();
        String key = newFacilityKey(facility);
        String body = "{\"reportId\": \"r\", \"kind\": \"printed\"}";
        String orderId = UUID.randomUUID().toString();

        // then: no key, a wrong secret, a client's key (in either header)
        given().contentType(ContentType.JSON).body(body).post("/facility/v1/orders/" + orderId + "/reports")
                .then().statusCode(401).body("message", containsString("X-FACILITY-KEY"));
        report(key.substring(0, key.indexOf(':')) + ":wrong", orderId, body).statusCode(401);
        report(OrderApiTest.KEY, orderId, body).statusCode(401);
        given().header("X-API-KEY", OrderApiTest.KEY).contentType(ContentType.JSON).body(body)
                .post("/facility/v1/orders/" + orderId + "/reports").then().statusCode(401);
        // and a facility key is no client key
        given().header("X-API-KEY", key).get("/v1/orders/" + orderId).then().statusCode(401);

        // when: revoked
        String keyId = key.substring(0, key.indexOf(':'));
        given().header("X-ADMIN-KEY", ADMIN).get("/admin/v1/facilities/" + facility + "/keys").then()
                .statusCode(200).body("keyId", equalTo(List.of(keyId)));
        given().header("X-ADMIN-KEY", ADMIN).delete("/admin/v1/facilities/" + facility + "/keys/" + keyId)
                .then().statusCode(204);

        // then
        report(key, orderId, body).statusCode(401);
        given().header("X-ADMIN-KEY", ADMIN).delete("/admin/v1/facilities/" + facility + "/keys/" + keyId)
                .then().statusCode(404);
        given().header("X-ADMIN-KEY", ADMIN).get("/admin/v1/facilities/" + facility + "/keys").then()
                .statusCode(200).body("[0].revokedAt", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void facilityKeysNeedTheAdminKeyAndAPlainFacilityId() {
        given().header("X-ADMIN-KEY", "guess").post("/admin/v1/facilities/fac-1/keys").then().statusCode(401);
        given().header("X-ADMIN-KEY", ADMIN).post("/admin/v1/facilities/fac%20one/keys").then().statusCode(400)
                .body("errors.field", hasItem("facilityId"));
    }
}
