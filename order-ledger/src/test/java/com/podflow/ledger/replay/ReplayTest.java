package com.podflow.ledger.replay;

import static com.podflow.infra.KafkaPostgresTestResource.kafka;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

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
import com.podflow.infra.Infra;
import com.podflow.infra.KafkaPostgresTestResource;
import com.podflow.infra.TopicRetention;

/**
 * Time travel, rebuild, what-if and replay on a real broker and database. The orders of one test live in a time window
 * of their own (a random day years ahead, so no handover check touches them), which the rebuild's range scope selects.
 */
@QuarkusTest
@QuarkusTestResource(KafkaPostgresTestResource.class)
class ReplayTest {
    static final String CLIENT = "client-" + UUID.randomUUID();

    @Inject
    Pool pool;

    static EventEnvelope send(String topic, OrderEvent event, int attempt) {
        EventEnvelope envelope = EventEnvelope.wrap(event, "/test", CLIENT, attempt, null);
        kafka().send(topic, envelope.key(), EventCodec.encode(envelope));
        return envelope;
    }

    static Order order(String reference) {
        return new Order(reference, "order", null, "EUR", null, null, "normal", null, null, List.of(), null, null);
    }

    static Instant window() {
        return Instant.parse("2031-01-01T00:00:00Z").plus(ThreadLocalRandom.current().nextInt(3000), ChronoUnit.DAYS);
    }

    static ValidationPassed rulesPassed(String orderId, Instant at) {
        var choice = new ValidationPassed.ShipmentChoice("normal", "PostNord", "PostNord", "normal",
                new BigDecimal("3.90"), "EUR", 1, 3, "se-stockholm-1", "SE");
        return new ValidationPassed(orderId, 1, Validators.RULES, at, new ValidationPassed.Resolution(choice, null));
    }

    /** An order received at {@code at}, passed by the given validators (data, product, rules, files). */
    static String received(Instant at, String... passedBy) {
        String orderId = UUID.randomUUID().toString();
        send(Topics.ORDERS_INTAKE, new OrderReceived(orderId, CLIENT, 1, "api", order("ref-" + orderId), at), 1);
        for (int i = 0; i < passedBy.length; i++) {
            Instant t = at.plusSeconds(10L * (i + 1));
            send(Topics.ORDERS_VALIDATION, Validators.RULES.equals(passedBy[i])
                    ? rulesPassed(orderId, t)
                    : new ValidationPassed(orderId, 1, passedBy[i], t), 1);
        }
        return orderId;
    }

    /** Refused by the data validator after every other one passed (decided under any decision rule). */
    static String failed(Instant at) {
        String orderId = received(at, Validators.PRODUCT, Validators.RULES, Validators.FILES);
        send(Topics.ORDERS_VALIDATION, new ValidationFailed(orderId, 1, Validators.DATA,
                List.of(new ValidationFailed.Finding(RefusalCodes.MISSING_REQUIRED_FIELD, "shippingAddress.country",
                        "shippingAddress.country is required")),
                at.plusSeconds(50)), 1);
        return orderId;
    }

    static void awaitStatus(String orderId, String status) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .get("/internal/v1/clients/{client}/orders/{id}", CLIENT, orderId)
                .then().statusCode(200).body("fulfillmentStatus", equalTo(status)));
    }

    static Map<String, Object> range(Instant from, Instant to) {
        return Map.of("scope", "range", "from", from.toString(), "to", to.toString());
    }

    @Test
    void timeTravelShowsTheStateAfterEachEvent() {
        // given an order received, then passed (in this order: the two topics are consumed independently)
        Instant at = window();
        String orderId = received(at);
        awaitStatus(orderId, "received");
        for (String validator : List.of(Validators.DATA, Validators.PRODUCT, Validators.RULES, Validators.FILES)) {
            send(Topics.ORDERS_VALIDATION, Validators.RULES.equals(validator)
                    ? rulesPassed(orderId, at.plusSeconds(10))
                    : new ValidationPassed(orderId, 1, validator, at.plusSeconds(10)), 1);
        }
        awaitStatus(orderId, "created");

        // when / then
        given().get("/internal/v1/orders/{id}/states", orderId).then().statusCode(200)
                .body("size()", equalTo(5))
                .body("type", equalTo(List.of("order.received", "order.validation-passed",
                        "order.validation-passed", "order.validation-passed", "order.validation-passed")))
                .body("state.fulfillmentStatus", equalTo(List.of("received", "received", "received", "received",
                        "created")))
                .body("[0].statusChanges", equalTo(List.of("none -> received")))
                .body("[4].statusChanges", equalTo(List.of("received -> passed", "passed -> created")))
                .body("[4].state.statusHistory.status", equalTo(List.of("received", "passed", "created")));
        given().get("/internal/v1/orders/{id}/states", "no-such-order").then().statusCode(404);
    }

    @Test
    void aRebuildFindsExactlyTheCorruptedOrderAndTheSwapRepairsIt() {
        // given orders in every status of the fold, in a window of their own
        Instant at = window();
        String created = received(at, Validators.DATA, Validators.PRODUCT, Validators.RULES, Validators.FILES);
        String waiting = received(at.plusSeconds(60), Validators.DATA);
        String refused = failed(at.plusSeconds(120));
        awaitStatus(created, "created");
        awaitStatus(waiting, "received");
        awaitStatus(refused, "failed");
        await().atMost(Duration.ofSeconds(30)).until(() -> events(waiting) == 2);
        var scope = range(at, at.plus(1, ChronoUnit.DAYS));

        // when nothing is wrong, a rebuild of the window finds no difference
        given().contentType(ContentType.JSON).body(scope).post("/internal/v1/rebuilds").then().log().ifValidationFails()
                .statusCode(200)
                .body("orders", equalTo(3)).body("events", equalTo(12)).body("differences", equalTo(0));

        // when a live row is corrupted
        long outboxBefore = outboxRows();
        pool.preparedQuery("update ledger.orders set status = 'canceled' where order_id = $1")
                .executeAndAwait(Tuple.of(created));
        String id = given().contentType(ContentType.JSON).body(Map.of("scope", "range", "from", at.toString(),
                "to", at.plus(1, ChronoUnit.DAYS).toString(), "dryRun", false))
                .post("/internal/v1/rebuilds").then().statusCode(200)
                .body("differences", equalTo(1))
                .body("differing[0].orderId", equalTo(created))
                .body("differing[0].liveStatus", equalTo("canceled"))
                .body("differing[0].rebuiltStatus", equalTo("created"))
                .body("differing[0].fields", equalTo(List.of("status")))
                .body("differing[0].stale", equalTo(false))
                .extract().path("id");
        given().get("/internal/v1/rebuilds/{id}", id).then().statusCode(200).body("differences", equalTo(1));

        // then the swap repairs it, and nobody is notified
        given().post("/internal/v1/rebuilds/{id}/swap", id).then().statusCode(200)
                .body("swapped", equalTo(1)).body("differences", equalTo(0));
        awaitStatus(created, "created");
        assertThat(outboxRows()).isEqualTo(outboxBefore);
        given().post("/internal/v1/rebuilds/{id}/swap", id).then().statusCode(409);
    }

    @Test
    void aDryRunCannotBeSwappedAndABadScopeNamesItsField() {
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("scope", "order", "orderId", "nothing-" + UUID.randomUUID(), "dryRun", true))
                .post("/internal/v1/rebuilds").then().statusCode(200).body("orders", equalTo(0))
                .extract().path("id");
        given().post("/internal/v1/rebuilds/{id}/swap", id).then().statusCode(409);
        given().contentType(ContentType.JSON).body(Map.of("scope", "range", "from", "2031-01-01T00:00:00Z"))
                .post("/internal/v1/rebuilds").then().statusCode(400).body("errors[0].field", equalTo("to"));
        given().contentType(ContentType.JSON).body(Map.of("scope", "everything"))
                .post("/internal/v1/rebuilds").then().statusCode(400).body("errors[0].field", equalTo("scope"));
        given().get("/internal/v1/rebuilds/{id}", "no-such-rebuild").then().statusCode(404);
    }

    @Test
    void aWhatIfListsExactlyTheOrdersWhoseStatusWouldChange() {
        // given: one order waits for files only, one is created, one failed
        Instant at = window();
        String waitsForFiles = received(at, Validators.DATA, Validators.PRODUCT, Validators.RULES);
        String created = received(at.plusSeconds(60), Validators.DATA, Validators.PRODUCT, Validators.RULES,
                Validators.FILES);
        String refused = failed(at.plusSeconds(120));
        awaitStatus(created, "created");
        awaitStatus(refused, "failed");
        await().atMost(Duration.ofSeconds(30)).until(() -> events(waitsForFiles) == 4);

        // when files were not required, then only the order waiting for files would change
        given().contentType(ContentType.JSON)
                .body(Map.of("requiredValidators", List.of("data", "product", "rules"), "scope", "range",
                        "from", at.toString(), "to", at.plus(1, ChronoUnit.DAYS).toString()))
                .post("/internal/v1/what-if").then().statusCode(200)
                .body("orders", equalTo(3))
                .body("changes.orderId", equalTo(List.of(waitsForFiles)))
                .body("changes[0].status", equalTo("received"))
                .body("changes[0].liveStatus", equalTo("received"))
                .body("changes[0].whatIfStatus", equalTo("created"));
        // and nothing was written
        awaitStatus(waitsForFiles, "received");
        given().contentType(ContentType.JSON).body(Map.of("requiredValidators", List.of()))
                .post("/internal/v1/what-if").then().statusCode(400)
                .body("errors[0].field", equalTo("requiredValidators"));
    }

    @Test
    void aReplayFromKafkaAppliesOnlyWhatTheLogLacks() {
        // given an order whose events were all applied, and one of them lost from the log
        Instant since = Instant.now().minusSeconds(1);
        String orderId = received(window(), Validators.DATA, Validators.PRODUCT);
        await().atMost(Duration.ofSeconds(30)).until(() -> events(orderId) == 3);
        pool.preparedQuery("delete from ledger.event_log where order_id = $1 and type = 'order.validation-passed'"
                + " and payload like '%\"validator\":\"product\"%'").executeAndAwait(Tuple.of(orderId));
        assertThat(events(orderId)).isEqualTo(2);

        // when the validation topic is replayed from before the order
        var body = Map.of("topic", Topics.ORDERS_VALIDATION, "fromTime", since.toString());
        int read = given().contentType(ContentType.JSON).body(body).post("/internal/v1/replays").then()
                .statusCode(200).body("applied", equalTo(1)).body("complete", equalTo(true))
                .extract().path("read");

        // then the lost event is back, once, and a second replay applies nothing
        assertThat(read).isGreaterThanOrEqualTo(2);
        assertThat(events(orderId)).isEqualTo(3);
        given().contentType(ContentType.JSON).body(body).post("/internal/v1/replays").then().statusCode(200)
                .body("applied", equalTo(0)).body("duplicates", equalTo(read)).body("read", equalTo(read));
        assertThat(events(orderId)).isEqualTo(3);
        given().contentType(ContentType.JSON).body(Map.of("topic", "orders.status", "fromOffset", 0))
                .post("/internal/v1/replays").then().statusCode(400).body("errors[0].field", equalTo("topic"));
    }

    @Test
    void everyTopicHasItsChosenRetention() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaPostgresTestResource.infra().bootstrapServers()))) {
            for (String topic : Infra.TOPICS) {
                var resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
                Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
                assertThat(config.get(TopicConfig.RETENTION_MS_CONFIG).value()).as(topic)
                        .isEqualTo(String.valueOf(TopicRetention.of(topic).toMillis()));
            }
        }
        assertThat(TopicRetention.of(Topics.ORDERS_INTAKE)).isEqualTo(Duration.ofDays(30));
        assertThat(TopicRetention.of(Topics.deadLetter(Topics.ORDERS_VALIDATION))).isEqualTo(Duration.ofDays(90));
    }

    long events(String orderId) {
        return pool.preparedQuery("select count(*) from ledger.event_log where order_id = $1")
                .executeAndAwait(Tuple.of(orderId)).iterator().next().getLong(0);
    }

    long outboxRows() {
        return pool.query("select count(*) from ledger.outbox").executeAndAwait().iterator().next().getLong(0);
    }
}
