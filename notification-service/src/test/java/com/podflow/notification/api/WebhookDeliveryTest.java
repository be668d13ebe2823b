package com.podflow.notification.api;

import static com.podflow.infra.KafkaPostgresTestResource.kafka;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.podflow.events.EventCodec;
import com.podflow.events.EventEnvelope;
import com.podflow.events.FulfillmentStatus;
import com.podflow.events.OrderStatusChanged;
import com.podflow.events.Topics;
import com.podflow.events.order.MetadataEntry;
import com.podflow.events.order.Order;
import com.podflow.infra.KafkaPostgresTestResource;
import com.podflow.notification.SmtpTestResource;
import com.podflow.notification.messaging.DeliveryWorker;

/**
 * Signed webhooks from the real broker to a real local HTTP receiver through the client-scoped internal API: signature,
 * retries in order, 410, a slow receiver next to a fast one, a stopped worker, redelivery, isolation between clients.
 */
@QuarkusTest
@QuarkusTestResource(KafkaPostgresTestResource.class)
@QuarkusTestResource(SmtpTestResource.class)
class WebhookDeliveryTest {
    static final Duration WAIT = Duration.ofSeconds(40);
    static final ObjectMapper JSON = new ObjectMapper();

    static PostbackReceiver receiver;

    @Inject
    DeliveryWorker worker;

    @Inject
    Pool pool;

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

    static String internal(String clientId) {
        return "/internal/v1/clients/" + clientId;
    }

    /** Registers a webhook through the internal API; answers {id, secret}. */
    static Map<String, Object> createWebhook(String clientId, String url, List<String> types, String contact) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("url", url);
        body.put("eventTypes", types);
        if (contact != null) {
            body.put("contactEmail", contact);
        }
        return given().contentType(ContentType.JSON).body(body)
                .post(internal(clientId) + "/webhooks")
                .then().statusCode(201)
                .extract().jsonPath().getMap("$");
    }

    static EventEnvelope statusChanged(String clientId, String orderId, long sequence, FulfillmentStatus status) {
        var order = new Order("ref-" + orderId, "order", null, "EUR", null, null, "normal", null, null, List.of(), null,
                List.of(new MetadataEntry("campaign", "spring")));
        var change = new OrderStatusChanged(orderId, clientId, "ref-" + orderId, sequence, null, status, "test", 1,
                status == FulfillmentStatus.FAILED ? "missing_required_field" : null,
                status == FulfillmentStatus.FAILED ? "shippingAddress.country is required" : null, order,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        return EventEnvelope.wrap(change, "/order-ledger", clientId, 1, null);
    }

    static EventEnvelope publish(EventEnvelope envelope) {
        kafka().send(Topics.ORDERS_STATUS, envelope.key(), EventCodec.encode(envelope));
        return envelope;
    }

    static List<Map<String, Object>> log(String clientId) {
        return given().get(internal(clientId) + "/postbacks?limit=1000")
                .then().statusCode(200).extract().jsonPath().getList("$");
    }

    /** The receiver's side of Standard Webhooks: HMAC-SHA256 over id.timestamp.body with the base64 key. */
    static String expectedSignature(String secret, String id, String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        return "v1," + Base64.getEncoder().encodeToString(
                mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    static long sequence(PostbackReceiver.Request request) {
        try {
            return JSON.readTree(request.body()).get("sequence").asLong();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String orderOf(PostbackReceiver.Request request) {
        try {
            return JSON.readTree(request.body()).get("orderId").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aWebhookIsSignedAndTheReceiverVerifiesTheSignature() throws Exception {
        // given
        String clientId = newClient();
        String path = "/dyn/signed-" + clientId;
        Map<String, Object> hook = createWebhook(clientId, receiver.url(path), List.of("order_status_updated"), null);
        String secret = (String) hook.get("secret");
        assertThat(secret).startsWith("whsec_");

        // when
        EventEnvelope envelope = publish(statusChanged(clientId, UUID.randomUUID().toString(), 1,
                FulfillmentStatus.RECEIVED));

        // then
        await().atMost(WAIT).until(() -> receiver.accepted(path).size() == 1);
        PostbackReceiver.Request request = receiver.accepted(path).get(0);
        String timestamp = request.header("webhook-timestamp");
        assertThat(request.header("webhook-id")).isEqualTo(envelope.id());
        assertThat(Math.abs(Long.parseLong(timestamp) - Instant.now().getEpochSecond())).isLessThan(300);
        assertThat(request.header("webhook-signature"))
                .isEqualTo(expectedSignature(secret, envelope.id(), timestamp, request.body()));
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.get("eventType").asText()).isEqualTo("order_status_updated");
        assertThat(body.get("eventId").asText()).isEqualTo(envelope.id());
        // and the signing secret is not stored in plain text
        String stored = pool.preparedQuery("select secret from notification.endpoints where id = $1")
                .execute(Tuple.of(UUID.fromString((String) hook.get("id")))).await().indefinitely()
                .iterator().next().getString(0);
        assertThat(stored).startsWith("v1:").doesNotContain(secret.substring(6));
    }

    @Test
    void aRotatedSecretSendsBothSignaturesDuringTheOverlap() throws Exception {
        // given
        String clientId = newClient();
        String path = "/dyn/rotated-" + clientId;
        Map<String, Object> hook = createWebhook(clientId, receiver.url(path), List.of(), null);
        String old = (String) hook.get("secret");

        // when
        String rotated = given().post(internal(clientId) + "/webhooks/" + hook.get("id") + "/rotate-secret")
                .then().statusCode(200).extract().path("secret");
        publish(statusChanged(clientId, UUID.randomUUID().toString(), 1, FulfillmentStatus.RECEIVED));

        // then
        await().atMost(WAIT).until(() -> receiver.accepted(path).size() == 1);
        PostbackReceiver.Request request = receiver.accepted(path).get(0);
        String id = request.header("webhook-id");
        String ts = request.header("webhook-timestamp");
        assertThat(rotated).isNotEqualTo(old);
        assertThat(request.header("webhook-signature").split(" ")).containsExactly(
                expectedSignature(rotated, id, ts, request.body()), expectedSignature(old, id, ts, request.body()));
        assertThat(given().get(internal(clientId) + "/webhooks/" + hook.get("id") + "/secret")
                .then().statusCode(200).extract().<String>path("secret")).isEqualTo(rotated);
    }

    @Test
    void aReceiverDownForSeveralRetriesGetsEveryEventOncePerIdInOrderPerOrder() {
        // given a receiver that answers 503 (the test schedule: 0s, 1s, 1s, 2s)
        String clientId = newClient();
        String path = "/dyn/down-" + clientId;
        receiver.answer(path, 503);
        createWebhook(clientId, receiver.url(path), List.of("order_status_updated"), null);
        String orderA = UUID.randomUUID().toString();
        String orderB = UUID.randomUUID().toString();

        // when three changes of A and two of B arrive, and the receiver comes back after two failed attempts
        List<String> ids = new ArrayList<>();
        for (int seq = 1; seq <= 3; seq++) {
            ids.add(publish(statusChanged(clientId, orderA, seq, FulfillmentStatus.RECEIVED)).id());
        }
        for (int seq = 1; seq <= 2; seq++) {
            ids.add(publish(statusChanged(clientId, orderB, seq, FulfillmentStatus.RECEIVED)).id());
        }
        await().atMost(WAIT).until(() -> receiver.requests(path).stream().filter(r -> orderA.equals(orderOf(r)))
                .count() >= 2);
        receiver.answer(path, 204);

        // then every event arrives once, and no order ever saw a later change before an earlier one
        await().atMost(WAIT).until(() -> receiver.accepted(path).size() == 5);
        assertThat(receiver.accepted(path)).extracting(r -> r.header("webhook-id"))
                .containsExactlyInAnyOrderElementsOf(ids);
        for (String order : List.of(orderA, orderB)) {
            List<Long> seen = receiver.requests(path).stream().filter(r -> order.equals(orderOf(r)))
                    .map(WebhookDeliveryTest::sequence).toList();
            assertThat(seen).as("sequences sent for order %s", order).isSorted();
            assertThat(receiver.accepted(path).stream().filter(r -> order.equals(orderOf(r)))
                    .map(WebhookDeliveryTest::sequence)).as("accepted for order %s", order).isSorted();
        }
        assertThat(log(clientId)).filteredOn(a -> "failed".equals(a.get("outcome"))).isNotEmpty()
                .allSatisfy(a -> assertThat(a.get("statusCode")).isEqualTo(503));
    }

    @Test
    void retryAfterOn429PostponesTheNextAttemptBeyondTheSchedule() {
        // given a receiver that asks for 3 s (the schedule would retry after 1 s +/- 20 %)
        String clientId = newClient();
        String path = "/dyn/busy-" + clientId;
        receiver.answer(path, 429);
        receiver.retryAfter(path, "3");
        createWebhook(clientId, receiver.url(path), List.of(), null);

        // when
        publish(statusChanged(clientId, UUID.randomUUID().toString(), 1, FulfillmentStatus.RECEIVED));

        // then the first attempt is logged with its next retry 3 s later
        Map<String, Object> first = await().atMost(WAIT).until(() -> log(clientId).stream()
                .filter(a -> Integer.valueOf(1).equals(a.get("attempt"))).findFirst().orElse(null), a -> a != null);
        assertThat(first).containsEntry("statusCode", 429).containsEntry("outcome", "failed");
        Duration wait = Duration.between(Instant.parse((String) first.get("attemptedAt")),
                Instant.parse((String) first.get("nextRetryAt")));
        assertThat(wait).isBetween(Duration.ofMillis(2_500), Duration.ofMillis(4_000));
    }

    @Test
    void aReceiverAnswering410IsDisabledAtOnceAndItsOwnerMailed() throws Exception {
        // given
        String clientId = newClient();
        String path = "/dyn/gone-" + clientId;
        receiver.answer(path, 410);
        String contact = "owner-" + UUID.randomUUID() + "@client.test";
        Map<String, Object> hook = createWebhook(clientId, receiver.url(path), List.of(), contact);
        String orderId = UUID.randomUUID().toString();

        // when
        EventEnvelope first = publish(statusChanged(clientId, orderId, 1, FulfillmentStatus.RECEIVED));

        // then
        await().atMost(WAIT).until(() -> !given().get(internal(clientId) + "/webhooks/" + hook.get("id"))
                .then().statusCode(200).extract().<Boolean>path("enabled"));
        assertThat(given().get(internal(clientId) + "/webhooks/" + hook.get("id")).then().extract()
                .<String>path("disabledReason")).contains("410");
        await().atMost(WAIT).until(() -> SmtpTestResource.smtp().getReceivedMessagesForDomain(contact).length == 1);
        var mail = SmtpTestResource.smtp().getReceivedMessagesForDomain(contact)[0];
        assertThat(mail.getSubject()).contains("was disabled");
        assertThat(GreenMailUtil.getBody(mail)).contains("410 Gone").contains(receiver.url(path));

        // and a later change is not sent to it
        publish(statusChanged(clientId, orderId, 2, FulfillmentStatus.PASSED));
        EventEnvelope other = publish(statusChanged(clientId, UUID.randomUUID().toString(), 1,
                FulfillmentStatus.RECEIVED));
        await().atMost(WAIT).until(() -> given().get(internal(clientId) + "/postbacks?channel=postback")
                .then().extract().jsonPath().getList("eventId").contains(other.id()));
        assertThat(receiver.requests(path)).extracting(r -> r.header("webhook-id")).containsExactly(first.id());

        // when the owner fixes it, enables it and redelivers the failed deliveries of the period
        receiver.answer(path, 204);
        given().contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url(path), "eventTypes", List.of(), "enabled", true))
                .put(internal(clientId) + "/webhooks/" + hook.get("id")).then().statusCode(200);
        int redelivered = given().contentType(ContentType.JSON)
                .body(Map.of("from", Instant.now().minusSeconds(600).toString(), "to", Instant.now().toString()))
                .post(internal(clientId) + "/deliveries/redeliver")
                .then().statusCode(202).extract().path("redelivered");

        // then it gets the given-up event under its original id
        assertThat(redelivered).isEqualTo(1);
        await().atMost(WAIT).until(() -> receiver.accepted(path).size() == 1);
        assertThat(receiver.accepted(path).get(0).header("webhook-id")).isEqualTo(first.id());
    }

    @Test
    void aSlowReceiverDoesNotDelayAnotherClientsDeliveries() {
        // given client A's endpoint sleeps 6 s per request (the test timeout is 3 s), client B's answers at once
        String slowClient = newClient();
        String fastClient = newClient();
        createWebhook(slowClient, receiver.url("/slow/" + slowClient), List.of(), null);
        String fastPath = "/dyn/fast-" + fastClient;
        createWebhook(fastClient, receiver.url(fastPath), List.of(), null);

        // when A's receiver is busy with ten orders, then B's five changes arrive
        for (int i = 0; i < 10; i++) {
            publish(statusChanged(slowClient, UUID.randomUUID().toString(), 1, FulfillmentStatus.RECEIVED));
        }
        await().atMost(WAIT).until(() -> receiver.slowInProgress() > 0);
        for (int i = 0; i < 5; i++) {
            publish(statusChanged(fastClient, UUID.randomUUID().toString(), 1, FulfillmentStatus.RECEIVED));
        }

        // then B got all five while A's first attempts were still unanswered
        await().atMost(WAIT).until(() -> receiver.accepted(fastPath).size() == 5);
        assertThat(log(slowClient)).noneMatch(a -> a.get("attempt") != null);
    }

    @Test
    void aStoppedServiceLosesNothingAndAnExpiredLeaseIsTakenAgain() {
        // given a receiver that fails the first attempt
        String clientId = newClient();
        String path = "/dyn/restart-" + clientId;
        receiver.answer(path, 500);
        createWebhook(clientId, receiver.url(path), List.of(), null);
        String orderId = UUID.randomUUID().toString();
        EventEnvelope first = publish(statusChanged(clientId, orderId, 1, FulfillmentStatus.RECEIVED));
        await().atMost(WAIT).until(() -> receiver.requests(path).size() >= 1);

        // when the worker stops (the service is down: nothing in memory survives), changes keep arriving, and a
        // worker that crashed mid-send left its lease on the pending delivery
        worker.stop();
        try {
            EventEnvelope second = publish(statusChanged(clientId, orderId, 2, FulfillmentStatus.PASSED));
            EventEnvelope third = publish(statusChanged(clientId, orderId, 3, FulfillmentStatus.CREATED));
            await().atMost(WAIT).until(() -> pool.preparedQuery("select count(*) from notification.deliveries"
                    + " where client_id = $1 and state = 'pending'").execute(Tuple.of(clientId))
                    .await().indefinitely().iterator().next().getLong(0) == 3);
            pool.preparedQuery("update notification.deliveries set lease_owner = 'crashed-worker',"
                    + " lease_until = now() - interval '1 second' where client_id = $1 and event_id = $2")
                    .execute(Tuple.of(clientId, first.id())).await().indefinitely();
            receiver.answer(path, 204);
            int before = receiver.requests(path).size();

            // then nothing was sent while it was down
            assertThat(receiver.requests(path)).hasSize(before);
            worker.start();

            // and after the start every change arrives once, in order
            await().atMost(WAIT).until(() -> receiver.accepted(path).size() == 3);
            assertThat(receiver.accepted(path)).extracting(r -> r.header("webhook-id"))
                    .containsExactly(first.id(), second.id(), third.id());
        } finally {
            worker.start();
        }
    }

    @Test
    void oneDeliveryIsRedeliveredUnderItsIdAndAnotherClientSeesNoneOfIt() {
        // given a delivered webhook of client A
        String clientId = newClient();
        String intruder = newClient();
        String path = "/dyn/redeliver-" + clientId;
        Map<String, Object> hook = createWebhook(clientId, receiver.url(path), List.of(), null);
        EventEnvelope envelope = publish(statusChanged(clientId, UUID.randomUUID().toString(), 1,
                FulfillmentStatus.RECEIVED));
        await().atMost(WAIT).until(() -> receiver.accepted(path).size() == 1);
        Number deliveryId = (Number) log(clientId).stream().filter(a -> "webhook".equals(a.get("channel")))
                .findFirst().orElseThrow().get("deliveryId");

        // then another client gets 404 for A's ids
        given().get(internal(intruder) + "/webhooks/" + hook.get("id")).then().statusCode(404).body("code",
                org.hamcrest.Matchers.equalTo(404));
        given().get(internal(intruder) + "/webhooks/" + hook.get("id") + "/secret").then().statusCode(404);
        given().post(internal(intruder) + "/webhooks/" + hook.get("id") + "/rotate-secret").then().statusCode(404);
        given().delete(internal(intruder) + "/webhooks/" + hook.get("id")).then().statusCode(404);
        given().get(internal(intruder) + "/deliveries/" + deliveryId).then().statusCode(404);
        given().post(internal(intruder) + "/deliveries/" + deliveryId + "/redeliver").then().statusCode(404);
        assertThat(given().get(internal(intruder) + "/webhooks").then().statusCode(200).extract().jsonPath()
                .getList("$")).isEmpty();

        // when A redelivers it
        given().post(internal(clientId) + "/deliveries/" + deliveryId + "/redeliver").then().statusCode(202);

        // then it arrives again under the same webhook-id, and the log shows both attempts
        await().atMost(WAIT).until(() -> receiver.accepted(path).size() == 2);
        assertThat(receiver.accepted(path)).extracting(r -> r.header("webhook-id"))
                .containsExactly(envelope.id(), envelope.id());
        await().atMost(WAIT).until(() -> given().get(internal(clientId) + "/deliveries/" + deliveryId)
                .then().statusCode(200).extract().jsonPath().getList("attempt").equals(List.of(2, 1)));
    }

    @Test
    void aTargetOnAPrivateOrReservedAddressIsNeverContacted() {
        // given (the test profile allows 127.0.0.0/8 only)
        String clientId = newClient();
        createWebhook(clientId, "http://169.254.169.254/latest/meta-data", List.of(), null);
        createWebhook(clientId, "http://[::1]:9/x", List.of(), null);

        // when
        publish(statusChanged(clientId, UUID.randomUUID().toString(), 1, FulfillmentStatus.RECEIVED));

        // then
        await().atMost(WAIT).until(() -> log(clientId).stream()
                .filter(a -> "webhook".equals(a.get("channel")) && a.get("attempt") != null).count() >= 2);
        assertThat(log(clientId)).filteredOn(a -> "webhook".equals(a.get("channel")) && a.get("attempt") != null)
                .allSatisfy(a -> {
                    assertThat(a.get("statusCode")).isNull();
                    assertThat((String) a.get("error")).startsWith("target refused");
                });
    }

    @Test
    void badSubscriptionsAre400NamingTheField() {
        String clientId = newClient();

        given().contentType(ContentType.JSON).body(Map.of("url", "https://user:pw@example.com/x"))
                .post(internal(clientId) + "/webhooks").then().statusCode(400)
                .body("message", org.hamcrest.Matchers.containsString("credentials"));
        given().contentType(ContentType.JSON)
                .body(Map.of("url", "https://example.com/x", "eventTypes", List.of("order_exploded")))
                .post(internal(clientId) + "/webhooks").then().statusCode(400)
                .body("message", org.hamcrest.Matchers.startsWith("eventTypes"));
        given().contentType(ContentType.JSON)
                .body(Map.of("url", "https://example.com/x", "contactEmail", "nope"))
                .post(internal(clientId) + "/webhooks").then().statusCode(400)
                .body("message", org.hamcrest.Matchers.startsWith("contactEmail"));
        given().get(internal(clientId) + "/postbacks?outcome=maybe").then().statusCode(400)
                .body("message", org.hamcrest.Matchers.startsWith("outcome"));
        given().get(internal(clientId) + "/postbacks?from=yesterday").then().statusCode(400)
                .body("message", org.hamcrest.Matchers.startsWith("from"));
        given().get(internal(clientId) + "/webhooks/not-a-uuid").then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of("statuses", List.of("lost")))
                .put(internal(clientId) + "/email-settings").then().statusCode(400)
                .body("message", org.hamcrest.Matchers.startsWith("statuses"));
    }
}
