package com.podflow.notification.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Multi;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import com.podflow.events.EventCodec;
import com.podflow.events.EventEnvelope;
import com.podflow.events.FulfillmentStatus;
import com.podflow.events.OrderStatusChanged;
import com.podflow.events.Topics;
import com.podflow.events.order.Order;
import com.podflow.infra.KafkaPostgresTestResource;
import com.podflow.infra.KafkaTestClient;
import com.podflow.notification.SmtpTestResource;
import com.podflow.notification.config.NotificationConfig;
import com.podflow.notification.messaging.DeliveryWorker;

/**
 * Throughput, not a test: prints deliveries/second from the durable queue (lease, POST, attempt row and state update
 * per delivery) to a local receiver that answers at once, next to
 * raw POSTs/second from this JVM to the same receiver at the same concurrency (one endpoint's in-flight cap). Run with
 * {@code ./mvnw -B verify -pl notification-service -Dtest=DeliveryBenchmarkTest -Dbenchmark=true}. No assertion on
 * timing.
 */
@QuarkusTest
@QuarkusTestResource(KafkaPostgresTestResource.class)
@QuarkusTestResource(SmtpTestResource.class)
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class DeliveryBenchmarkTest {
    static final int N = Integer.getInteger("benchmark.deliveries", 2000);

    @Inject
    Vertx vertx;

    @Inject
    NotificationConfig config;

    @Inject
    DeliveryWorker worker;

    @Inject
    Pool pool;

    @Test
    void deliveriesPerSecondAgainstRawPosts() {
        try (PostbackReceiver receiver = PostbackReceiver.start();
                KafkaTestClient kafka = new KafkaTestClient(KafkaPostgresTestResource.infra().bootstrapServers())) {
            int concurrency = config.maxInFlightPerEndpoint();
            String body = "{\"version\":1,\"eventType\":\"order_status_updated\",\"sequence\":1}";

            // baseline: raw POSTs from this JVM, same client library, same concurrency; measured before and after the
            // deliveries, as the machine may be shared
            WebClient raw = WebClient.create(vertx, new WebClientOptions().setMaxPoolSize(concurrency));
            rawPostsPerSecond(raw, receiver.url("/ok/warm-up"), body, concurrency);
            double rawBefore = rawPostsPerSecond(raw, receiver.url("/ok/baseline"), body, concurrency);

            // the service: N status changes of N orders for one client with a postback URL
            String clientId = "bench-" + UUID.randomUUID();
            String path = "/ok/" + clientId;
            given().header("X-ADMIN-KEY", "dev-admin").contentType(ContentType.JSON)
                    .body(Map.of("url", receiver.url(path)))
                    .put("/admin/v1/clients/{clientId}/postback", clientId).then().statusCode(200);
            Order order = new Order("ref", "order", null, "EUR", null, null, "normal", null, null, List.of(), null,
                    List.of());
            // the worker is held while the consumer schedules them, so the figure is the sending side alone
            worker.stop();
            for (int i = 0; i < N; i++) {
                String orderId = UUID.randomUUID().toString();
                var change = new OrderStatusChanged(orderId, clientId, "ref-" + i, 1, null,
                        FulfillmentStatus.RECEIVED, "bench", 1, null, null, order, Instant.now());
                EventEnvelope envelope = EventEnvelope.wrap(change, "/bench", clientId, 1, null);
                kafka.send(Topics.ORDERS_STATUS, envelope.key(), EventCodec.encode(envelope));
            }
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> pool.preparedQuery("select count(*) from notification.deliveries where client_id = $1")
                            .execute(Tuple.of(clientId)).await().indefinitely().iterator().next().getLong(0) >= N);
            long t1 = System.nanoTime();
            worker.start();
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(20))
                    .until(() -> receiver.accepted(path).size() >= N);
            double perSecond = N / ((System.nanoTime() - t1) / 1e9);
            double rawAfter = rawPostsPerSecond(raw, receiver.url("/ok/baseline"), body, concurrency);
            raw.close();
            double rawPerSecond = (rawBefore + rawAfter) / 2;

            System.out.printf("%nBENCHMARK deliveries=%d concurrency=%d%n"
                    + "BENCHMARK raw POSTs/s (baseline, before/after) %.0f / %.0f%n"
                    + "BENCHMARK deliveries/s (durable queue -> receiver, attempt logged) %.0f%n"
                    + "BENCHMARK ratio deliveries/raw (mean)      %.2f%n%n", N, concurrency, rawBefore, rawAfter,
                    perSecond,
                    perSecond / rawPerSecond);
        }
    }

    static double rawPostsPerSecond(WebClient raw, String url, String body, int concurrency) {
        long t0 = System.nanoTime();
        Multi.createFrom().range(0, N)
                .onItem().transformToUni(i -> raw.postAbs(url).sendBuffer(Buffer.buffer(body)))
                .merge(concurrency)
                .collect().last().await().atMost(Duration.ofMinutes(5));
        return N / ((System.nanoTime() - t0) / 1e9);
    }
}
