package com.podflow.notification.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import com.podflow.infra.KafkaPostgresTestResource;
import com.podflow.notification.SmtpTestResource;

/** The delivery log's retention on a real PostgreSQL: ended and old goes, pending or recent stays. */
@QuarkusTest
@QuarkusTestResource(KafkaPostgresTestResource.class)
@QuarkusTestResource(SmtpTestResource.class)
class DeliveryRetentionTest {
    @Inject
    Pool pool;

    @Inject
    DeliveryRetention retention;

    /** A delivery in {@code state} that ended (or, if pending, was created) {@code daysAgo} days ago, with 2 attempts. */
    long delivery(String client, String state, int daysAgo) {
        Row row = pool.preparedQuery("insert into notification.deliveries (client_id, channel, lane, order_id,"
                + " order_sequence, event_id, message_id, event_type, payload, state, created_at, completed_at,"
                + " next_attempt_at) values ($1, 'postback', $2, 'order-1', 1, $3, $3, 'order_status_updated', '{}',"
                + " $4, now() - make_interval(days => $5), case when $4 = 'pending' then null"
                + " else now() - make_interval(days => $5) end, case when $4 = 'pending' then now() + interval '1 day'"
                + " end) returning id")
                .execute(Tuple.of(client, "lane-" + client, UUID.randomUUID().toString(), state, daysAgo))
                .await().indefinitely().iterator().next();
        long id = row.getLong("id");
        for (int attempt = 1; attempt <= 2; attempt++) {
            pool.preparedQuery("insert into notification.delivery_attempts (delivery_id, attempt, outcome,"
                    + " duration_ms, attempted_at) values ($1, $2, 'failed', 5, now() - make_interval(days => $3))")
                    .execute(Tuple.of(id, attempt, daysAgo)).await().indefinitely();
        }
        return id;
    }

    List<Long> remaining(String client) {
        List<Long> ids = new ArrayList<>();
        pool.preparedQuery("select id from notification.deliveries where client_id = $1 order by id")
                .execute(Tuple.of(client)).await().indefinitely().forEach(r -> ids.add(r.getLong("id")));
        return ids;
    }

    long attemptsOf(long deliveryId) {
        return pool.preparedQuery("select count(*) from notification.delivery_attempts where delivery_id = $1")
                .execute(Tuple.of(deliveryId)).await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void endedDeliveriesOlderThanTheRetentionGoWithTheirAttempts() {
        String client = "retention-" + UUID.randomUUID();
        long oldDelivered = delivery(client, "delivered", 40);
        long oldFailed = delivery(client, "failed", 31);
        long oldNoTarget = delivery(client, "no_target", 60);
        long oldPending = delivery(client, "pending", 45);
        long recentDelivered = delivery(client, "delivered", 2);

        long deleted = retention.sweep(Duration.ofDays(30));

        assertThat(deleted).isGreaterThanOrEqualTo(3);
        assertThat(remaining(client)).containsExactly(oldPending, recentDelivered);
        assertThat(attemptsOf(oldDelivered) + attemptsOf(oldFailed) + attemptsOf(oldNoTarget)).isZero();
        assertThat(attemptsOf(oldPending)).isEqualTo(2);
        assertThat(attemptsOf(recentDelivered)).isEqualTo(2);
    }
}
