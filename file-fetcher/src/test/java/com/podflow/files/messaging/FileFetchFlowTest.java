package com.podflow.files.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import com.podflow.events.EventCodec;
import com.podflow.events.EventEnvelope;
import com.podflow.events.OrderReceived;
import com.podflow.events.RefusalCodes;
import com.podflow.events.Topics;
import com.podflow.events.ValidationFailed;
import com.podflow.events.ValidationFailed.Finding;
import com.podflow.events.ValidationPassed;
import com.podflow.events.Validators;
import com.podflow.events.order.Order;
import com.podflow.events.order.OrderFile;
import com.podflow.events.order.OrderItem;
import com.podflow.events.order.PackagingInstruction;
import com.podflow.events.order.PackagingInstruction.PackingSlip;
import com.podflow.infra.FreePorts;
import com.podflow.infra.KafkaPostgresTestResource;
import com.podflow.infra.KafkaTestClient;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The file fetcher on a real broker against a real HTTP server: files that download pass, each file that does not (404,
 * too slow, unreachable, not http) is one finding. The test profile sets {@code files.fetch-timeout-ms=1500}.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaPostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "false"))
class FileFetchFlowTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final String CLIENT_ID = "client-" + UUID.randomUUID();
    /** Holds the slow answers until the tests are done; they are only slow, never finished in time. */
    static final CountDownLatch RELEASE = new CountDownLatch(1);

    static KafkaTestClient kafka;
    static ExecutorService serverThreads;
    static HttpServer server;
    static String base;

    @BeforeAll
    static void start() throws IOException {
        kafka = new KafkaTestClient(KafkaPostgresTestResource.infra().bootstrapServers());
        serverThreads = Executors.newCachedThreadPool();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(serverThreads);
        server.createContext("/ok.pdf", exchange -> answer(exchange, 200, "%PDF-1.4\n%%EOF\n"));
        server.createContext("/missing.pdf", exchange -> answer(exchange, 404, "no such file"));
        server.createContext("/slow-to-answer.pdf", exchange -> {
            awaitRelease();
            answer(exchange, 200, "%PDF-1.4\n%%EOF\n");
        });
        server.createContext("/slow-body.pdf", exchange -> {
            // the headers arrive at once, the body never completes in time
            exchange.sendResponseHeaders(200, 1000);
            OutputStream body = exchange.getResponseBody();
            body.write("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII));
            body.flush();
            awaitRelease();
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        RELEASE.countDown();
        server.stop(0);
        serverThreads.shutdownNow();
        kafka.close();
    }

    static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    static void awaitRelease() {
        try {
            RELEASE.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static OrderItem item(String... urls) {
        List<OrderFile> files = Arrays.stream(urls).map(url -> new OrderFile("default", url, null)).toList();
        return new OrderItem("item-" + UUID.randomUUID(), "flat_product_pf_a4", null, null, 1, null, files, null, null);
    }

    static Order order(List<OrderItem> items, String packingSlipUrl) {
        List<PackagingInstruction> packaging = packingSlipUrl == null
                ? null
                : List.of(new PackagingInstruction(null, new PackingSlip(packingSlipUrl)));
        return new Order("ref-" + UUID.randomUUID(), "order", null, "EUR", null, null, "normal", null, null, items,
                packaging, null);
    }

    static EventEnvelope send(String orderId, int attempt, Order order) {
        var event = new OrderReceived(orderId, CLIENT_ID, attempt, "api", order, Instant.now());
        EventEnvelope envelope = EventEnvelope.wrap(event, "/test", CLIENT_ID, attempt, null);
        kafka.send(Topics.ORDERS_INTAKE, envelope.key(), EventCodec.encode(envelope));
        return envelope;
    }

    static EventEnvelope result(String orderId) {
        List<ConsumerRecord<String, String>> records = kafka.await(Topics.ORDERS_VALIDATION,
                r -> orderId.equals(r.key()), 1, WAIT);
        assertThat(records).as("result of order %s", orderId).hasSize(1);
        return EventCodec.decode(records.get(0).value());
    }

    @Test
    void anOrderWhoseFilesAllDownloadPasses() {
        // given
        String orderId = UUID.randomUUID().toString();

        // when
        EventEnvelope in = send(orderId, 1, order(List.of(item(base + "/ok.pdf", base + "/ok.pdf?side=back")),
                base + "/ok.pdf"));

        // then
        EventEnvelope out = result(orderId);
        assertThat(out.data()).isInstanceOfSatisfying(ValidationPassed.class, passed -> {
            assertThat(passed.validator()).isEqualTo(Validators.FILES);
            assertThat(passed.attempt()).isEqualTo(1);
        });
        assertThat(out.id()).isEqualTo(EventEnvelope.derivedId(in.id(), Validators.FILES));
        assertThat(out.causationId()).isEqualTo(in.id());
        assertThat(out.source()).isEqualTo("/file-fetcher");
        assertThat(out.clientId()).isEqualTo(CLIENT_ID);
    }

    @Test
    void eachFileThatCannotBeDownloadedIsAFinding() {
        // given
        String orderId = UUID.randomUUID().toString();
        String missing = base + "/missing.pdf";
        String slowToAnswer = base + "/slow-to-answer.pdf";
        String slowBody = base + "/slow-body.pdf";
        String ftp = "ftp://127.0.0.1/file.pdf";
        String closed = "http://127.0.0.1:" + FreePorts.next() + "/file.pdf";
        Order order = order(List.of(item(base + "/ok.pdf", missing, slowToAnswer), item(ftp, closed, slowBody)),
                missing + "?slip");

        // when
        EventEnvelope in = send(orderId, 3, order);

        // then
        EventEnvelope out = result(orderId);
        assertThat(out.id()).isEqualTo(EventEnvelope.derivedId(in.id(), Validators.FILES));
        assertThat(out.causationId()).isEqualTo(in.id());
        assertThat(out.data()).isInstanceOfSatisfying(ValidationFailed.class, failed -> {
            assertThat(failed.validator()).isEqualTo(Validators.FILES);
            assertThat(failed.attempt()).isEqualTo(3);
            assertThat(failed.findings()).allSatisfy(
                    f -> assertThat(f.code()).isEqualTo(RefusalCodes.DOWNLOAD_FAILED));
            assertThat(failed.findings()).satisfiesExactly(
                    f -> assertThat(f).extracting(Finding::field, Finding::message)
                            .containsExactly("items[0].files[1].url", missing + " answered HTTP 404"),
                    f -> assertThat(f).extracting(Finding::field, Finding::message)
                            .containsExactly("items[0].files[2].url", slowToAnswer + " timed out after 1500 ms"),
                    f -> assertThat(f).extracting(Finding::field, Finding::message)
                            .containsExactly("items[1].files[0].url", ftp + " is not an http(s) URL"),
                    f -> {
                        assertThat(f.field()).isEqualTo("items[1].files[1].url");
                        assertThat(f.message()).startsWith(closed + " could not be reached: ")
                                .containsIgnoringCase("connection refused");
                    },
                    f -> assertThat(f).extracting(Finding::field, Finding::message)
                            .containsExactly("items[1].files[2].url", slowBody + " timed out after 1500 ms"),
                    f -> assertThat(f).extracting(Finding::field, Finding::message)
                            .containsExactly("packagingInstructions[0].packingSlip.fileUrl",
                                    missing + "?slip answered HTTP 404"));
        });
    }

    @Test
    void anOrderWithoutFilesPasses() {
        // given
        String orderId = UUID.randomUUID().toString();

        // when
        send(orderId, 1, order(List.of(item()), null));

        // then
        assertThat(result(orderId).data()).isInstanceOf(ValidationPassed.class);
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopic() {
        // given
        String poisonKey = "poison-" + UUID.randomUUID();

        // when
        kafka.send(Topics.ORDERS_INTAKE, poisonKey, "{\"specversion\":\"0.3\"}");

        // then
        List<ConsumerRecord<String, String>> dead = kafka.await(Topics.deadLetter(Topics.ORDERS_INTAKE),
                r -> poisonKey.equals(r.key()), 1, WAIT);
        assertThat(dead).hasSize(1);
        assertThat(new String(dead.get(0).headers().lastHeader("dead-letter-reason").value(),
                StandardCharsets.UTF_8)).contains("unsupported CloudEvents specversion");
    }
}
