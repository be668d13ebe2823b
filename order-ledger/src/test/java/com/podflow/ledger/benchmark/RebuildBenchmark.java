package com.podflow.ledger.benchmark;

import static io.restassured.RestAssured.given;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

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
import com.podflow.events.ValidationPassed;
import com.podflow.events.Validators;
import com.podflow.events.order.Order;
import com.podflow.infra.KafkaPostgresTestResource;

/**
 * How many events per second a rebuild folds on this machine: {@code benchmark.orders} synthetic orders (default
 * 4,000) of five events each (received, four validators passed: 20,000 events) written straight into the event log,
 * then rebuilt (a dry run over their time range: read, fold, write the shadow rows, compare with the live projection).
 * Not part of the default run (the name does not end in Test) and asserts nothing; run it with
 * {@code ./mvnw -B verify -pl order-ledger -Dtest=RebuildBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@QuarkusTest
@QuarkusTestResource(KafkaPostgresTestResource.class)
class RebuildBenchmark {
    @Inject
    Pool pool;

    @Test
    void eventsPerSecond() {
        int orders = Integer.getInteger("benchmark.orders", 4000);
        Instant at = Instant.parse("2050-01-01T00:00:00Z");
        var choice = new ValidationPassed.ShipmentChoice("normal", "PostNord", "PostNord", "normal",
                new BigDecimal("3.90"), "EUR", 1, 3, "se-stockholm-1", "SE");
        List<EventEnvelope> log = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            String orderId = UUID.randomUUID().toString();
            Instant t = at.plusSeconds(i);
            List<OrderEvent> events = List.of(
                    new OrderReceived(orderId, "bench", 1, "api", new Order("ref-" + i, "order", null, "EUR", null,
                            null, "normal", null, null, List.of(), null, null), t),
                    new ValidationPassed(orderId, 1, Validators.DATA, t.plusMillis(100)),
                    new ValidationPassed(orderId, 1, Validators.PRODUCT, t.plusMillis(200)),
                    new ValidationPassed(orderId, 1, Validators.RULES, t.plusMillis(300),
                            new ValidationPassed.Resolution(choice, null)),
                    new ValidationPassed(orderId, 1, Validators.FILES, t.plusMillis(400)));
            events.forEach(e -> log.add(EventEnvelope.wrap(e, "/bench", "bench", 1, null)));
        }
        for (int from = 0; from < log.size(); from += 5000) {
            List<EventEnvelope> page = log.subList(from, Math.min(log.size(), from + 5000));
            pool.preparedQuery("insert into ledger.event_log (event_id, order_id, type, occurred_at, payload, topic)"
                    + " select e.event_id, e.order_id, e.type, e.occurred_at, e.payload, 'bench'"
                    + " from unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[])"
                    + " with ordinality as e(event_id, order_id, type, occurred_at, payload, n) order by n")
                    .executeAndAwait(Tuple.of(page.stream().map(EventEnvelope::id).toArray(String[]::new),
                            page.stream().map(EventEnvelope::key).toArray(String[]::new),
                            page.stream().map(e -> e.type().wireName()).toArray(String[]::new),
                            page.stream().map(e -> OffsetDateTime.ofInstant(e.data().occurredAt(), ZoneOffset.UTC))
                                    .toArray(OffsetDateTime[]::new),
                            page.stream().map(EventCodec::encode).toArray(String[]::new)));
        }

        for (int run = 1; run <= 3; run++) {
            Map<String, Object> report = given().contentType(ContentType.JSON)
                    .body(Map.of("scope", "range", "from", at.toString(),
                            "to", at.plusSeconds(orders + 1).toString(), "dryRun", true))
                    .post("/internal/v1/rebuilds").then().statusCode(200).extract().as(Map.class);
            System.out.printf("REBUILD run %d: %s orders, %s events in %s ms = %s events/s (%s differences:"
                    + " the live projection has none of these orders)%n", run, report.get("orders"),
                    report.get("events"), report.get("elapsedMs"), report.get("eventsPerSecond"),
                    report.get("differences"));
        }
    }
}
