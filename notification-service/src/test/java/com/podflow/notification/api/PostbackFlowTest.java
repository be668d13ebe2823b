package com.podflow.notification.api;

import static com.podflow.infra.KafkaPostgresTestResource.kafka;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.podflow.events.EventCodec;
import com.podflow.events.EventEnvelope;
import com.podflow.events.FulfillmentStatus;
import com.podflow.events.OrderReceived;
import com.podflow.events.OrderStatusChanged;
import com.podflow.events.Topics;
import com.podflow.events.order.MetadataEntry;
import com.podflow.events.order.Order;
import com.podflow.infra.KafkaPostgresTestResource;
import com.podflow.notification.SmtpTestResource;

/** Status changes from the real broker posted to a real local HTTP receiver, and logged in the real database. */
@QuarkusTest
@QuarkusTestResource(KafkaPostgresTestResource.class)
@QuarkusTestResource(SmtpTestResource.class)
class PostbackFlowTest {
    static final String ADMIN_KEY = "dev-admin";
    static final Duration WAIT = Duration.ofSeconds(30);
    static final ObjectMapper JSON = new ObjectMapper();

    static PostbackReceiver receiver;

    @BeforeAll
    static void start() {
        receiver = PostbackReceiver.start();
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    static String newClient() {
        return "client-" + UUID.randomUUID();
    }

    static void setPostback(String clientId, String url) {
        given().header("X-ADMIN-KEY", ADMIN_KEY).contentType(ContentType.JSON).body(Map.of("url", url))
                .put("/admin/v1/clients/{clientId}/postback", clientId)
                .then().statusCode(200);
    }

    static EventEnvelope statusChanged(String clientId, String orderId, long sequence, FulfillmentStatus previous,
            FulfillmentStatus status) {
        var order = new Order("ref-" + orderId, "order", null, "EUR", null, null, "normal", null, null, List.of(), null,
                List.of(new MetadataEntry("campaign", "spring")));
        var change = new OrderStatusChanged(orderId, clientId, "ref-" + orderId, sequence, previous, status,
                "validation", 1, null, null, order, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        return EventEnvelope.wrap(change, "/order-ledger", clientId, 1, null);
    }

    static EventEnvelope publish(EventEnvelope envelope) {
        kafka().send(Topics.ORDERS_STATUS, envelope.key(), EventCodec.encode(envelope));
        return envelope;
    }

    /** The client's postback log through the admin API, newest first. */
    static List<Map<String, Object>> attempts(String clientId) {
        return given().header("X-ADMIN-KEY", ADMIN_KEY)
                .get("/admin/v1/clients/{clientId}/postbacks", clientId)
                .then().statusCode(200)
                .extract().jsonPath().getList("$");
    }

    static Map<String, Object> awaitAttempt(String clientId, String eventId) {
        // the first attempt, or the no_target line (a pending line without attempt is not one)
        return await().atMost(WAIT).until(() -> attempts(clientId).stream()
                .filter(a -> eventId.equals(a.get("eventId")))
                .filter(a -> a.get("attempt") != null || "no_target".equals(a.get("outcome")))
                .reduce((newer, older) -> older).orElse(null), a -> a != null);
    }

    @Test
    void aStatusChangeIsPostedWithTheDocumentedPayload() throws IOException {
        // given
        String clientId = newClient();
        String path = "/ok/" + clientId;
        setPostback(clientId, receiver.url(path));
        String orderId = UUID.randomUUID().toString();
        EventEnvelope envelope = statusChanged(clientId, orderId, 3, FulfillmentStatus.PASSED,
                FulfillmentStatus.CREATED);
        OrderStatusChanged change = (OrderStatusChanged) envelope.data();

        // when
        publish(envelope);

        // then
        await().atMost(WAIT).until(() -> receiver.requests(path).size() == 1);
        PostbackReceiver.Request request = receiver.requests(path).get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("webhook-id")).isEqualTo(envelope.id());
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.fieldNames()).toIterable().containsExactly("version", "eventId", "eventType", "occurredAt",
                "orderId", "orderReferenceId", "clientId", "fulfillmentStatus", "previousStatus", "sequence", "cause",
                "refusalReasonCode", "refusalReason", "items", "tracking", "metadata");
        assertThat(body.get("version").asInt()).isEqualTo(1);
        assertThat(body.get("eventId").asText()).isEqualTo(envelope.id());
        assertThat(body.get("eventType").asText()).isEqualTo("order_status_updated");
        assertThat(Instant.parse(body.get("occurredAt").asText())).isEqualTo(change.occurredAt());
        assertThat(body.get("orderId").asText()).isEqualTo(orderId);
        assertThat(body.get("orderReferenceId").asText()).isEqualTo("ref-" + orderId);
        assertThat(body.get("clientId").asText()).isEqualTo(clientId);
        assertThat(body.get("fulfillmentStatus").asText()).isEqualTo("created");
        assertThat(body.get("previousStatus").asText()).isEqualTo("passed");
        assertThat(body.get("sequence").asLong()).isEqualTo(3);
        assertThat(body.get("cause").asText()).isEqualTo("validation");
        assertThat(body.get("refusalReasonCode").isNull()).isTrue();
        assertThat(body.get("refusalReason").isNull()).isTrue();
        assertThat(body.get("metadata").toString()).isEqualTo("[{\"key\":\"campaign\",\"value\":\"spring\"}]");

        // and the attempt is logged with exactly what was sent
        Map<String, Object> attempt = awaitAttempt(clientId, envelope.id());
        assertThat(attempt).containsEntry("outcome", "delivered").containsEntry("statusCode", 204)
                .containsEntry("orderId", orderId).containsEntry("url", receiver.url(path));
        JsonNode logged = JSON.valueToTree(attempt.get("payload"));
        assertThat(logged).isEqualTo(body);
    }

    @Test
    void aRedeliveredEventIsPostedOnlyOnce() {
        // given an event that was delivered
        String clientId = newClient();
        String path = "/ok/" + clientId;
        setPostback(clientId, receiver.url(path));
        String orderId = UUID.randomUUID().toString();
        EventEnvelope first = publish(statusChanged(clientId, orderId, 1, null, FulfillmentStatus.RECEIVED));
        await().atMost(WAIT).until(() -> receiver.requests(path).size() == 1);

        // when the same record arrives again, followed by the order's next change (same key, same partition)
        publish(first);
        EventEnvelope next = publish(statusChanged(clientId, orderId, 2, FulfillmentStatus.RECEIVED,
                FulfillmentStatus.PASSED));

        // then the next change got through, and the repeat was not posted
        await().atMost(WAIT).until(() -> receiver.requests(path).stream()
                .anyMatch(r -> next.id().equals(r.header("webhook-id"))));
        assertThat(receiver.requests(path)).extracting(r -> r.header("webhook-id"))
                .containsExactly(first.id(), next.id());
        assertThat(attempts(clientId)).extracting(a -> a.get("eventId")).containsExactly(next.id(), first.id());
    }

    @Test
    void aTargetAnswering500IsRetriedOnTheScheduleThenGivenUpAndTheNextChangeFollows() {
        // given (the test profile's schedule has 4 attempts)
        String clientId = newClient();
        String path = "/fail/" + clientId;
        setPostback(clientId, receiver.url(path));
        String orderId = UUID.randomUUID().toString();

        // when
        EventEnvelope envelope = publish(statusChanged(clientId, orderId, 1, null, FulfillmentStatus.RECEIVED));
        EventEnvelope next = publish(statusChanged(clientId, orderId, 2, FulfillmentStatus.RECEIVED,
                FulfillmentStatus.PASSED));

        // then
        Map<String, Object> attempt = awaitAttempt(clientId, envelope.id());
        assertThat(attempt).containsEntry("outcome", "failed").containsEntry("statusCode", 500)
                .containsEntry("responseExcerpt", "boom").containsEntry("error", "HTTP 500");
        assertThat((Integer) attempt.get("durationMs")).isGreaterThanOrEqualTo(0);
        await().atMost(WAIT).until(() -> receiver.requests(path).size() == 8);
        // the next change of the order was not sent before the first one was given up
        assertThat(receiver.requests(path)).extracting(r -> r.header("webhook-id"))
                .containsExactly(envelope.id(), envelope.id(), envelope.id(), envelope.id(), next.id(), next.id(),
                        next.id(), next.id());
        await().atMost(WAIT).until(() -> attempts(clientId).stream()
                .filter(a -> next.id().equals(a.get("eventId"))).allMatch(a -> "failed".equals(a.get("deliveryState")))
                && attempts(clientId).stream().filter(a -> next.id().equals(a.get("eventId"))).count() == 4);
        assertThat(attempts(clientId)).filteredOn(a -> envelope.id().equals(a.get("eventId")))
                .extracting(a -> a.get("attempt")).containsExactly(4, 3, 2, 1);
    }

    @Test
    void aRedirectIsNotFollowed() {
        // given
        String clientId = newClient();
        setPostback(clientId, receiver.url("/redirect/" + clientId));

        // when
        EventEnvelope envelope = publish(statusChanged(clientId, UUID.randomUUID().toString(), 1, null,
                FulfillmentStatus.RECEIVED));

        // then
        assertThat(awaitAttempt(clientId, envelope.id())).containsEntry("outcome", "failed")
                .containsEntry("statusCode", 302);
        assertThat(receiver.requests("/ok/redirected")).isEmpty();
    }

    @Test
    void aTargetThatDoesNotAnswerInTimeFailed() {
        // given (the test profile allows 3000 ms)
        String clientId = newClient();
        setPostback(clientId, receiver.url("/slow/" + clientId));

        // when
        EventEnvelope envelope = publish(statusChanged(clientId, UUID.randomUUID().toString(), 1, null,
                FulfillmentStatus.RECEIVED));

        // then
        Map<String, Object> attempt = awaitAttempt(clientId, envelope.id());
        assertThat(attempt).containsEntry("outcome", "failed").containsEntry("statusCode", null)
                .containsEntry("error", "no answer within 3000 ms");
        assertThat((Integer) attempt.get("durationMs")).isBetween(2_900, 10_000);
    }

    @Test
    void anUnreachableTargetFailed() throws IOException {
        // given a port nobody listens on
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String clientId = newClient();
        setPostback(clientId, "http://127.0.0.1:" + closedPort + "/hooks");

        // when
        EventEnvelope envelope = publish(statusChanged(clientId, UUID.randomUUID().toString(), 1, null,
                FulfillmentStatus.RECEIVED));

        // then
        Map<String, Object> attempt = awaitAttempt(clientId, envelope.id());
        assertThat(attempt).containsEntry("outcome", "failed").containsEntry("statusCode", null);
        assertThat((String) attempt.get("error")).containsIgnoringCase("connection refused");
    }

    @Test
    void aClientWithoutPostbackUrlIsLoggedAsNoTarget() {
        // given
        String clientId = newClient();

        // when
        EventEnvelope envelope = publish(statusChanged(clientId, UUID.randomUUID().toString(), 1, null,
                FulfillmentStatus.RECEIVED));

        // then
        Map<String, Object> attempt = awaitAttempt(clientId, envelope.id());
        assertThat(attempt).containsEntry("outcome", "no_target").containsEntry("url", null)
                .containsEntry("statusCode", null);
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheNextRecordIsStillDelivered() {
        // given
        String clientId = newClient();
        String path = "/ok/" + clientId;
        setPostback(clientId, receiver.url(path));
        String orderId = UUID.randomUUID().toString();
        var wrongType = EventEnvelope.wrap(new OrderReceived(orderId, clientId, 1, "api", null, Instant.now()),
                "/test", clientId, 1, null);

        // when: unreadable bytes, then a readable event that does not belong on this topic, then a good one
        kafka().send(Topics.ORDERS_STATUS, orderId, "{this is not an event");
        publish(wrongType);
        EventEnvelope good = publish(statusChanged(clientId, orderId, 1, null, FulfillmentStatus.RECEIVED));

        // then
        List<ConsumerRecord<String, String>> dead = kafka().await(Topics.deadLetter(Topics.ORDERS_STATUS),
                r -> orderId.equals(r.key()), 2, WAIT);
        assertThat(dead).hasSize(2);
        assertThat(new String(dead.get(0).headers().lastHeader("dead-letter-reason").value(),
                StandardCharsets.UTF_8)).contains("not JSON");
        assertThat(new String(dead.get(1).headers().lastHeader("dead-letter-reason").value(),
                StandardCharsets.UTF_8)).contains("does not belong on orders.status");
        await().atMost(WAIT).until(() -> receiver.requests(path).size() == 1);
        assertThat(receiver.requests(path).get(0).header("webhook-id")).isEqualTo(good.id());
    }
}
