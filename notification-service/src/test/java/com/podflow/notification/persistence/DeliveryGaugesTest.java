package com.podflow.notification.persistence;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import com.podflow.infra.KafkaPostgresTestResource;
import com.podflow.notification.SmtpTestResource;

/** Pending and failing deliveries and the oldest one's age on /q/metrics, counted in a real PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(KafkaPostgresTestResource.class)
@QuarkusTestResource(SmtpTestResource.class)
class DeliveryGaugesTest {
    @Inject
    Pool pool;

    @Inject
    DeliveryGauges gauges;

    static double sample(String name, String labels) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return text.lines().filter(l -> (l.startsWith(name + "{") || l.startsWith(name + " ")) && l.contains(labels))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst()
                .orElseThrow(() -> new AssertionError(name + " " + labels + " not on /q/metrics"));
    }

    /** A pending delivery created {@code hoursAgo} with {@code attempts} failed attempts, due tomorrow. */
    void pending(String client, int attempts, int hoursAgo) {
        String id = UUID.randomUUID().toString();
        pool.preparedQuery("insert into notification.deliveries (client_id, channel, lane, order_id, order_sequence,"
                + " event_id, message_id, event_type, payload, state, attempts, created_at, next_attempt_at)"
                + " values ($1, 'postback', $2, 'order-1', 1, $3, $3, 'order_status_updated', '{}', 'pending', $4,"
                + " now() - make_interval(hours => $5), now() + interval '1 day')")
                .execute(Tuple.of(client, "lane-" + client, id, attempts, hoursAgo)).await().indefinitely();
    }

    @Test
    void pendingAndFailingDeliveriesAndTheOldestAgeAreCounted() {
        gauges.refresh();
        double pendingBefore = sample("podflow_notification_deliveries_pending", "state=\"pending\"");
        double failingBefore = sample("podflow_notification_deliveries_pending", "state=\"failing\"");
        String client = "gauges-" + UUID.randomUUID();
        try {
            pending(client, 0, 1);
            pending(client, 0, 2);
            pending(client, 3, 1000);
            gauges.refresh();
            assertThat(sample("podflow_notification_deliveries_pending", "state=\"pending\""))
                    .isEqualTo(pendingBefore + 2);
            assertThat(sample("podflow_notification_deliveries_pending", "state=\"failing\""))
                    .isEqualTo(failingBefore + 1);
            assertThat(sample("podflow_notification_deliveries_oldest_age_seconds", ""))
                    .isGreaterThanOrEqualTo(1000 * 3600 - 60);
        } finally {
            pool.preparedQuery("delete from notification.deliveries where client_id = $1").execute(Tuple.of(client))
                    .await().indefinitely();
        }
    }
}
