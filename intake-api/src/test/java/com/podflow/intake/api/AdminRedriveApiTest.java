package com.podflow.intake.api;

import static com.podflow.infra.KafkaPostgresTestResource.kafka;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import com.podflow.events.EventCodec;
import com.podflow.events.EventEnvelope;
import com.podflow.events.OrderReceived;
import com.podflow.events.Redrives;
import com.podflow.events.Topics;
import com.podflow.infra.KafkaPostgresTestResource;

/**
 * POST /admin/v1/orders/{id}/redrive (ADR 0029) over real HTTP, database and broker; the ledger's answers (what the
 * order waits for, the production re-drive) come from {@link LedgerStub}.
 */
@QuarkusTest
@QuarkusTestResource(KafkaPostgresTestResource.class)
@QuarkusTestResource(LedgerStub.class)
class AdminRedriveApiTest {
    static final String ADMIN = "dev-admin";

    static String submit() {
        return given().header("X-API-KEY", OrderApiTest.KEY).contentType(ContentType.JSON)
                .body(OrderApiTest.seedOrder().replace("\"test\"", "\"redrive-" + UUID.randomUUID() + "\""))
                .post("/v1/orders").then().statusCode(201).extract().path("id");
    }

    static io.restassured.response.ValidatableResponse redrive(String orderId, String body) {
        return given().header("X-ADMIN-KEY", ADMIN).contentType(ContentType.JSON).body(body)
                .post("/admin/v1/orders/{id}/redrive", orderId).then();
    }

    @Test
    void aValidatorTheOrderWaitsForGetsTheCurrentAttemptAgainAddressedToItOnceAnId() {
        // given an order the ledger shows waiting for files
        String orderId = submit();
        LedgerStub.waiting(orderId, "received", "files");

        // when re-driven twice
        String first = redrive(orderId, "{\"step\":\"validator\",\"validator\":\"files\"}").statusCode(202)
                .body("step", equalTo("validator")).body("validator", equalTo("files")).body("attempt", equalTo(1))
                .extract().path("eventId");
        String second = redrive(orderId, "{\"step\":\"validator\",\"validator\":\"files\"}").statusCode(202)
                .extract().path("eventId");

        // then the same event id both times, on orders.intake after the original, addressed to files
        assertThat(second).isEqualTo(first).isEqualTo(Redrives.eventId(orderId, 1, "files"));
        List<ConsumerRecord<String, String>> records = kafka().await(Topics.ORDERS_INTAKE,
                r -> orderId.equals(r.key()), 3, Duration.ofSeconds(30));
        assertThat(records).hasSize(3);
        EventEnvelope redriven = EventCodec.decode(records.get(2).value());
        assertThat(redriven.id()).isEqualTo(first);
        assertThat(Redrives.target(redriven)).contains("files");
        assertThat(redriven.data()).isInstanceOfSatisfying(OrderReceived.class, r -> {
            assertThat(r.attempt()).isEqualTo(1);
            assertThat(r.order().orderReferenceId()).startsWith("redrive-");
        });
    }

    @Test
    void aStepTheOrderDoesNotWaitForIs409() {
        String orderId = submit();
        LedgerStub.waiting(orderId, "received", "files");
        String done = submit();
        LedgerStub.waiting(done, "failed");

        redrive(orderId, "{\"step\":\"validator\",\"validator\":\"data\"}").statusCode(409)
                .body("message", containsString("does not wait for validator data"));
        redrive(done, "{\"step\":\"validator\",\"validator\":\"files\"}").statusCode(409)
                .body("message", containsString("is failed"));
        redrive(orderId, "{\"step\":\"production\"}").statusCode(409)
                .body("message", containsString("receipt"));
    }

    @Test
    void theProductionRequestIsReDrivenByTheLedger() {
        String orderId = submit();
        LedgerStub.waiting(orderId, "created");

        redrive(orderId, "{\"step\":\"production\"}").statusCode(202)
                .body("step", equalTo("production")).body("eventId", equalTo("redriven-" + orderId));
    }

    @Test
    void anUnknownOrderIs404AndABadBodyA400NamingTheField() {
        redrive("no-such-order", "{\"step\":\"validator\",\"validator\":\"files\"}").statusCode(404);
        redrive("no-such-order", "{}").statusCode(400).body("errors[0].field", equalTo("step"));
        redrive("no-such-order", "{\"step\":\"shipping\"}").statusCode(400).body("errors[0].field", equalTo("step"));
        redrive("no-such-order", "{\"step\":\"validator\",\"validator\":\"colour\"}").statusCode(400)
                .body("errors[0].field", equalTo("validator"));
        given().contentType(ContentType.JSON).body("{\"step\":\"production\"}")
                .post("/admin/v1/orders/{id}/redrive", "x").then().statusCode(401);
    }
}
