package com.podflow.intake.api;

import static com.podflow.infra.KafkaPostgresTestResource.kafka;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import com.podflow.events.EventCodec;
import com.podflow.events.EventEnvelope;
import com.podflow.events.OrderReceived;
import com.podflow.events.Topics;
import com.podflow.infra.KafkaPostgresTestResource;

/** The Order API over real HTTP, with a real database and broker behind it. */
@QuarkusTest
@QuarkusTestResource(KafkaPostgresTestResource.class)
@QuarkusTestResource(LedgerStub.class)
class OrderApiTest {
    /** The key test profile's bootstrap client gets (application.properties). */
    static final String KEY = "test-key:test-secret";

    static String seedOrder() {
        try (InputStream in = OrderApiTest.class.getResourceAsStream("/seed-order.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theSeedOrderIsAcceptedAndAnnouncedOnTheIntakeTopic() {
        // when
        String id = given().header("X-API-KEY", KEY).contentType(ContentType.JSON).body(seedOrder())
                .post("/v1/orders")
                .then().statusCode(201)
                .header("Location", containsString("/v1/orders/"))
                .body("orderReferenceId", equalTo("test"))
                .body("createdAt", notNullValue())
                .extract().path("id");

        // then
        List<ConsumerRecord<String, String>> records = kafka().await(Topics.ORDERS_INTAKE, r -> id.equals(r.key()), 1,
                Duration.ofSeconds(30));
        assertThat(records).hasSize(1);
        EventEnvelope envelope = EventCodec.decode(records.get(0).value());
        OrderReceived received = (OrderReceived) envelope.data();
        assertThat(received.orderId()).isEqualTo(id);
        assertThat(received.attempt()).isEqualTo(1);
        assertThat(received.channel()).isEqualTo("api");
        assertThat(received.order().shippingAddress().country()).isEqualTo("SE");
        assertThat(received.order().items().get(0).retailPriceInclVat()).isEqualByComparingTo("19.99");
        assertThat(envelope.clientId()).isEqualTo(received.clientId()).isNotBlank();
    }

    @Test
    void aClientCreatedByTheAdminApiCanSubmitWithItsKey() {
        String apiKey = given().header("X-ADMIN-KEY", "dev-admin").contentType(ContentType.JSON)
                .body("{\"name\":\"Poster Shop\"}")
                .post("/admin/v1/clients")
                .then().statusCode(201).body("name", equalTo("Poster Shop"))
                .extract().path("apiKey");

        given().header("X-API-KEY", apiKey).contentType(ContentType.JSON).body(seedOrder())
                .post("/v1/orders")
                .then().statusCode(201);
    }

    @ParameterizedTest(name = "X-API-KEY \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {
            "''                      | Missing X-API-KEY header",
            "no-colon                | X-API-KEY must have the format key:secret",
            "test-key:wrong-secret   | Invalid API key or secret",
            "unknown-key:test-secret | Invalid API key or secret"})
    void aMissingOrWrongKeyIs401(String key, String message) {
        var request = given().contentType(ContentType.JSON).body(seedOrder());
        if (!key.isEmpty()) {
            request.header("X-API-KEY", key);
        }
        request.post("/v1/orders")
                .then().statusCode(401)
                .body("code", equalTo(401))
                .body("message", containsString(message));
    }

    @Test
    void theAdminApiWantsTheAdminKey() {
        given().header("X-ADMIN-KEY", "guess").contentType(ContentType.JSON).body("{\"name\":\"x\"}")
                .post("/admin/v1/clients")
                .then().statusCode(401).body("message", containsString("X-ADMIN-KEY"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"orderReferenceId\": |Malformed JSON",
            "{\"items\": [{\"quantity\": \"many\"}]} |Invalid value at 'items[0].quantity'",
            "{\"shippingAddress\": []}               |Invalid value at 'shippingAddress'",
            "[1, 2, 3]                               |The request body must be a JSON object"})
    void malformedOrdersAre400WithAMessageNamingTheProblem(String body, String message) {
        given().header("X-API-KEY", KEY).contentType(ContentType.JSON).body(body)
                .post("/v1/orders")
                .then().statusCode(400)
                .body("code", equalTo(400))
                .body("message", containsString(message));
    }

    @Test
    void anEmptyBodyIs400() {
        given().header("X-API-KEY", KEY).contentType(ContentType.JSON)
                .post("/v1/orders")
                .then().statusCode(400).body("message", containsString("body must be an order"));
    }

    @Test
    void aNonJsonBodyIs415() {
        given().header("X-API-KEY", KEY).contentType(ContentType.TEXT).body("hello")
                .post("/v1/orders")
                .then().statusCode(415).body("message", containsString("application/json"));
    }

    @Test
    void whenTheLedgerFailsGetAnswers503InsteadOfGuessing() {
        // the client is told to retry, not given a stale status
        given().header("X-API-KEY", KEY)
                .get("/v1/orders/{id}", LedgerStub.FAILING)
                .then().statusCode(503).body("message", containsString("temporarily unavailable"));
    }
}
