package com.podflow.ledger.support;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalDouble;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import com.podflow.infra.KafkaPostgresTestResource;

/** The ledger's gauges on /q/metrics, counted in a real PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(KafkaPostgresTestResource.class)
class LedgerGaugesTest {
    @Inject
    Pool pool;

    @Inject
    LedgerGauges gauges;

    /** The value of the sample {@code name} whose labels contain {@code labels}, if /q/metrics has it. */
    static OptionalDouble sample(String name, String labels) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return text.lines().filter(l -> (l.startsWith(name + "{") || l.startsWith(name + " ")) && l.contains(labels))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst();
    }

    @Test
    void parkedDeadLettersAreCountedPerSourceTopicAndDropToZeroWhenResolved() {
        String topic = "orders.gauge-" + UUID.randomUUID();
        for (int offset = 0; offset < 3; offset++) {
            pool.preparedQuery("insert into ledger.dead_letters (dlq_topic, dlq_partition, dlq_offset, source_topic,"
                    + " headers, status) values ($1, 0, $2, $3, '[]'::jsonb, $4)")
                    .execute(Tuple.of(topic + ".dlq", offset, topic, offset == 2 ? "replayed" : "parked"))
                    .await().indefinitely();
        }
        gauges.refreshParked();
        assertThat(sample("podflow_dead_letters_parked", "topic=\"" + topic + "\"")).hasValue(2.0);

        pool.preparedQuery("update ledger.dead_letters set status = 'resolved' where source_topic = $1")
                .execute(Tuple.of(topic)).await().indefinitely();
        gauges.refreshParked();
        assertThat(sample("podflow_dead_letters_parked", "topic=\"" + topic + "\"")).hasValue(0.0);
    }

    @Test
    void stalledOrdersAreCounted() {
        gauges.refreshStalled();
        assertThat(sample("podflow_ledger_stalled_orders", "")).isPresent();
        assertThat(sample("podflow_ledger_stalled_orders", "").getAsDouble()).isGreaterThanOrEqualTo(0);
    }
}
