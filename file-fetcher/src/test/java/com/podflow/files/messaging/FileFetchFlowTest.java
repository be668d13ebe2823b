package com.podflow.files.messaging;

import static com.podflow.infra.KafkaPostgresTestResource.kafka;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.smallrye.mutiny.Uni;

import com.podflow.events.EventCodec;
import com.podflow.events.EventEnvelope;
import com.podflow.events.OrderReceived;
import com.podflow.events.Redrives;
import com.podflow.events.RefusalCodes;
import com.podflow.events.Topics;
import com.podflow.events.ValidationFailed;
import com.podflow.events.ValidationFailed.Finding;
import com.podflow.events.ValidationPassed;
import com.podflow.events.ValidationPassed.CheckedFile;
import com.podflow.events.Validators;
import com.podflow.events.order.CustomTrim;
import com.podflow.events.order.Order;
import com.podflow.events.order.OrderFile;
import com.podflow.events.order.OrderItem;
import com.podflow.events.order.PackagingInstruction;
import com.podflow.events.order.PackagingInstruction.PackingSlip;
import com.podflow.files.check.OrderFileCheck;
import com.podflow.files.store.FileStore;
import com.podflow.files.testing.FileServer;
import com.podflow.files.testing.TestFiles;
import com.podflow.infra.FreePorts;
import com.podflow.infra.KafkaPostgresTestResource;

/**
 * The file fetcher on a real broker against a real HTTP server serving generated PDF, PNG and JPEG files: an order
 * whose files are fine passes with their checksums and measurements, and every file that cannot be downloaded or is
 * not printable is one finding. The test profile allows loopback, times out after 1.5 s, retries once and accepts 2 MB.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaPostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "false"))
class FileFetchFlowTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final String CLIENT_ID = "client-" + UUID.randomUUID();
    static final String A4_LANDSCAPE = "flat_product_pf_a4_pt_200-gsm-uncoated_cl_4-0_ct_none_prt_none_sft_none_set_none_hor";
    static final CustomTrim CARD = new CustomTrim(new BigDecimal("100"), new BigDecimal("70"));
    static final byte[] A4_PDF = TestFiles.pdf(297, 210).pages(2).text("Hello").bytes();
    static final byte[] CARD_PNG = TestFiles.png(1181, 827);
    static final byte[] DESIGN_PDF = TestFiles.pdf(297, 210).text("Design").bytes();
    static final byte[] SLIP_PDF = TestFiles.pdf(210, 297).text("Thank you").bytes();

    static FileServer server;

    @Inject
    FileStore store;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @BeforeAll
    static void start() throws IOException {
        server = new FileServer()
                .file("/a4.pdf", A4_PDF)
                .withETag("/design.pdf", () -> DESIGN_PDF)
                .file("/card.png", CARD_PNG)
                .file("/slip.pdf", SLIP_PDF)
                .file("/card-low.jpg", TestFiles.jpeg(591, 414))
                .file("/portrait.pdf", TestFiles.pdf(210, 297).bytes())
                .file("/helvetica.pdf", TestFiles.pdf(297, 210).textInUnembeddedFont("Hello").bytes())
                .file("/huge.pdf", new byte[3_000_000])
                .status("/missing.pdf", 404)
                .silent("/slow-to-answer.pdf")
                .slow("/slow-body.pdf")
                .redirect("/to-private.pdf", "http://10.0.0.7/a.pdf");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static OrderItem item(String reference, String productUid, CustomTrim trim, String... urls) {
        List<OrderFile> files = java.util.Arrays.stream(urls).map(url -> new OrderFile("default", url, null))
                .toList();
        return new OrderItem(reference, productUid, null, null, 1, null, files, trim, null);
    }

    static Order order(List<OrderItem> items, String packingSlipUrl) {
        List<PackagingInstruction> packaging = packingSlipUrl == null
                ? null
                : List.of(new PackagingInstruction(null, new PackingSlip(packingSlipUrl)));
        return new Order("ref-" + UUID.randomUUID(), "order", null, "EUR", null, null, "normal", null, null, items,
                packaging, null);
    }

    static EventEnvelope envelope(String orderId, int attempt, Order order) {
        var event = new OrderReceived(orderId, CLIENT_ID, attempt, "api", order, Instant.now());
        return EventEnvelope.wrap(event, "/test", CLIENT_ID, attempt, null);
    }

    static EventEnvelope send(String orderId, int attempt, Order order) {
        EventEnvelope envelope = envelope(orderId, attempt, order);
        kafka().send(Topics.ORDERS_INTAKE, envelope.key(), EventCodec.encode(envelope));
        return envelope;
    }

    /** The record of {@code envelope} on partition 0, so that several of them can share one producer batch. */
    static ProducerRecord<String, String> record(EventEnvelope envelope) {
        return new ProducerRecord<>(Topics.ORDERS_INTAKE, 0, envelope.key(), EventCodec.encode(envelope));
    }

    /**
     * Sends the records as one producer batch (one partition, sent together, then flushed): the broker appends them as
     * one record batch, which a fetch returns whole, so the consumer gets them in one poll, one batch.
     */
    void sendInOneBatch(List<ProducerRecord<String, String>> records) {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 60_000,
                ProducerConfig.BATCH_SIZE_CONFIG, 1_000_000), new StringSerializer(), new StringSerializer())) {
            for (ProducerRecord<String, String> record : records) {
                record.headers().add("content-type", EventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
                producer.send(record);
            }
            producer.flush();
        }
    }

    static EventEnvelope result(String orderId) {
        return EventCodec.decode(resultRecord(orderId).value());
    }

    static ConsumerRecord<String, String> resultRecord(String orderId) {
        List<ConsumerRecord<String, String>> records = kafka().await(Topics.ORDERS_VALIDATION,
                r -> orderId.equals(r.key()), 1, WAIT);
        assertThat(records).as("result of order %s", orderId).hasSize(1);
        return records.get(0);
    }

    @Test
    void anOrderWhoseFilesArePrintablePassesWithWhatWasChecked() {
        // given
        String orderId = UUID.randomUUID().toString();
        String a4 = server.url("/a4.pdf");
        String card = server.url("/card.png");
        String slip = server.url("/slip.pdf");

        // when
        EventEnvelope in = send(orderId, 1,
                order(List.of(item("poster", A4_LANDSCAPE, null, a4), item("card", A4_LANDSCAPE, CARD, card)),
                        slip));

        // then
        EventEnvelope out = result(orderId);
        assertThat(out.id()).isEqualTo(EventEnvelope.derivedId(in.id(), Validators.FILES));
        assertThat(out.causationId()).isEqualTo(in.id());
        assertThat(out.source()).isEqualTo("/file-fetcher");
        assertThat(out.clientId()).isEqualTo(CLIENT_ID);
        assertThat(out.data()).isInstanceOfSatisfying(ValidationPassed.class, passed -> {
            assertThat(passed.validator()).isEqualTo(Validators.FILES);
            assertThat(passed.attempt()).isEqualTo(1);
            // (the links are checked below and in DownloadRoutesTest)
            assertThat(passed.resolution().files())
                    .usingRecursiveFieldByFieldElementComparatorIgnoringFields("downloadUrl", "downloadExpiresAt")
                    .containsExactly(
                            new CheckedFile("poster", "default", a4, sha256(A4_PDF), "application/pdf",
                                    A4_PDF.length, null, null, null, 2, sha256(A4_PDF)),
                            new CheckedFile("card", "default", card, sha256(CARD_PNG), "image/png", CARD_PNG.length,
                                    300, 1181, 827, null, sha256(CARD_PNG), null, null, "rgb",
                                    List.of("the image is RGB; print converts it to CMYK, so bright colours may"
                                            + " print duller")),
                            new CheckedFile(null, "packing_slip", slip, sha256(SLIP_PDF), "application/pdf",
                                    SLIP_PDF.length, null, null, null, 1, sha256(SLIP_PDF)));
            // every checked copy can be fetched through its signed link, for 30 days, whatever becomes of the URL
            for (CheckedFile file : passed.resolution().files()) {
                assertThat(file.downloadUrl()).startsWith("http://localhost:")
                        .contains("/files/v1/" + file.sha256() + "?expires=" + file.downloadExpiresAt()
                                .getEpochSecond() + "&sig=");
                assertThat(file.downloadExpiresAt()).isBetween(Instant.now().plus(Duration.ofDays(30)).minus(
                        Duration.ofMinutes(5)), Instant.now().plus(Duration.ofDays(30)));
                URI link = URI.create(file.downloadUrl());
                byte[] served = RestAssured.given().urlEncodingEnabled(false)
                        .get(link.getRawPath() + "?" + link.getRawQuery())
                        .then().statusCode(200).contentType(file.mimeType()).extract().asByteArray();
                assertThat(sha256(served)).isEqualTo(file.sha256());
            }
        });
        // the packing slip stays available whatever happens to its URL
        assertThat(store.find(sha256(SLIP_PDF))).hasValueSatisfying(path -> assertThat(read(path)).isEqualTo(SLIP_PDF));
    }

    @Test
    void eachFileThatCannotBeDownloadedOrPrintedIsAFinding() {
        // given
        String orderId = UUID.randomUUID().toString();
        String missing = server.url("/missing.pdf");
        String slowToAnswer = server.url("/slow-to-answer.pdf");
        String slowBody = server.url("/slow-body.pdf");
        String huge = server.url("/huge.pdf");
        String toPrivate = server.url("/to-private.pdf");
        String ftp = "ftp://127.0.0.1/file.pdf";
        String closed = "http://127.0.0.1:" + FreePorts.next() + "/file.pdf";
        Order order = order(List.of(
                item("downloads", A4_LANDSCAPE, null, server.url("/a4.pdf"), missing, slowToAnswer, ftp, closed,
                        slowBody, huge, toPrivate),
                item("prints", A4_LANDSCAPE, null, server.url("/portrait.pdf"), server.url("/helvetica.pdf")),
                item("card", A4_LANDSCAPE, CARD, server.url("/card-low.jpg"))),
                missing + "?slip");

        // when
        EventEnvelope in = send(orderId, 3, order);

        // then
        EventEnvelope out = result(orderId);
        assertThat(out.id()).isEqualTo(EventEnvelope.derivedId(in.id(), Validators.FILES));
        assertThat(out.data()).isInstanceOfSatisfying(ValidationFailed.class, failed -> {
            assertThat(failed.validator()).isEqualTo(Validators.FILES);
            assertThat(failed.attempt()).isEqualTo(3);
            assertThat(failed.findings()).extracting(Finding::code, Finding::field).containsExactly(
                    org.assertj.core.api.Assertions.tuple(RefusalCodes.DOWNLOAD_FAILED, "items[0].files[1].url"),
                    org.assertj.core.api.Assertions.tuple(RefusalCodes.DOWNLOAD_FAILED, "items[0].files[2].url"),
                    org.assertj.core.api.Assertions.tuple(RefusalCodes.DOWNLOAD_FAILED, "items[0].files[3].url"),
                    org.assertj.core.api.Assertions.tuple(RefusalCodes.DOWNLOAD_FAILED, "items[0].files[4].url"),
                    org.assertj.core.api.Assertions.tuple(RefusalCodes.DOWNLOAD_FAILED, "items[0].files[5].url"),
                    org.assertj.core.api.Assertions.tuple(RefusalCodes.DOWNLOAD_FAILED, "items[0].files[6].url"),
                    org.assertj.core.api.Assertions.tuple(RefusalCodes.DOWNLOAD_FAILED, "items[0].files[7].url"),
                    org.assertj.core.api.Assertions.tuple(RefusalCodes.FILE_FORMAT, "items[1].files[0].url"),
                    org.assertj.core.api.Assertions.tuple(RefusalCodes.FILE_FORMAT, "items[1].files[1].url"),
                    org.assertj.core.api.Assertions.tuple(RefusalCodes.FILE_QUALITY, "items[2].files[0].url"),
                    org.assertj.core.api.Assertions.tuple(RefusalCodes.DOWNLOAD_FAILED,
                            "packagingInstructions[0].packingSlip.fileUrl"));
            assertThat(failed.findings()).extracting(Finding::message).satisfiesExactly(
                    m -> assertThat(m).isEqualTo(missing + " answered HTTP 404"),
                    m -> assertThat(m).isEqualTo(slowToAnswer + " timed out after 1.5 s (2 attempts)"),
                    m -> assertThat(m).isEqualTo(ftp + " is not an http(s) URL"),
                    m -> assertThat(m).startsWith(closed + " could not be reached: ")
                            .containsIgnoringCase("connection refused").endsWith("(2 attempts)"),
                    m -> assertThat(m).isEqualTo(slowBody + " timed out after 1.5 s (2 attempts)"),
                    m -> assertThat(m).isEqualTo(huge + " is larger than the 2 MB limit (3 MB)"),
                    m -> assertThat(m).isEqualTo(toPrivate + " redirects to http://10.0.0.7/a.pdf, which is not"
                            + " public: 10.0.0.7 is a private address; give a URL on the public internet"),
                    m -> assertThat(m).isEqualTo("page 1 is 210×297 mm, expected 297×210 mm (trim) or 303×216 mm"
                            + " (with 3 mm bleed)"),
                    m -> assertThat(m).isEqualTo("fonts not embedded: Helvetica; embed all fonts when exporting the"
                            + " PDF (or convert the text to outlines)"),
                    m -> assertThat(m).isEqualTo("150 DPI at 100×70 mm, 300 required (the image is 591×414 px;"
                            + " 1181×827 px needed)"),
                    m -> assertThat(m).isEqualTo(missing + "?slip answered HTTP 404"));
        });
    }

    @Test
    void inABatchAnOrderWaitingOnASlowHostDoesNotHoldUpTheOthers() {
        // given an order whose file never arrives (it ends in a timeout after two attempts of 1.5 s)
        String slowOrder = UUID.randomUUID().toString();
        EventEnvelope slow = envelope(slowOrder, 1,
                order(List.of(item("slow", A4_LANDSCAPE, null, server.url("/slow-to-answer.pdf?o=1"))), null));

        // when an order behind it in the same batch has a file that downloads at once
        String fastOrder = UUID.randomUUID().toString();
        EventEnvelope fast = envelope(fastOrder, 1,
                order(List.of(item("fast", A4_LANDSCAPE, null, server.url("/a4.pdf"))), null));
        sendInOneBatch(List.of(record(slow), record(fast)));

        // then its result is published first, although it was received second
        ConsumerRecord<String, String> fastResult = resultRecord(fastOrder);
        ConsumerRecord<String, String> slowResult = resultRecord(slowOrder);
        assertThat(EventCodec.decode(fastResult.value()).data()).isInstanceOf(ValidationPassed.class);
        assertThat(EventCodec.decode(slowResult.value()).data()).isInstanceOf(ValidationFailed.class);
        assertThat(fastResult.timestamp()).isLessThan(slowResult.timestamp());
    }

    @Test
    void aPoisonRecordInABatchIsParkedAloneAndEveryOrderOfTheBatchGetsItsResult() {
        // given a batch of three orders with an unreadable record between them
        String poisonKey = "poison-" + UUID.randomUUID();
        List<EventEnvelope> orders = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            orders.add(envelope(UUID.randomUUID().toString(), 1,
                    order(List.of(item("poster", A4_LANDSCAPE, null, server.url("/a4.pdf"))), null)));
        }

        // when
        sendInOneBatch(List.of(record(orders.get(0)), record(orders.get(1)),
                new ProducerRecord<>(Topics.ORDERS_INTAKE, 0, poisonKey, "{\"specversion\":\"0.3\"}"),
                record(orders.get(2))));

        // then
        for (EventEnvelope in : orders) {
            EventEnvelope out = result(in.key());
            assertThat(out.id()).isEqualTo(EventEnvelope.derivedId(in.id(), Validators.FILES));
            assertThat(out.data()).isInstanceOf(ValidationPassed.class);
        }
        String deadLetters = Topics.deadLetter(Topics.ORDERS_INTAKE);
        List<ConsumerRecord<String, String>> dead = kafka().await(deadLetters, r -> poisonKey.equals(r.key()), 1,
                WAIT);
        assertThat(dead).hasSize(1);
        assertThat(new String(dead.get(0).headers().lastHeader("dead-letter-reason").value(),
                StandardCharsets.UTF_8)).contains("unsupported CloudEvents specversion");
        assertThat(kafka().await(deadLetters, r -> orders.stream().anyMatch(o -> o.key().equals(r.key())), 1,
                Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void manyOrdersOfOneDesignDownloadItOnceAndEachIsJudgedByItsOwnSize() {
        // given an order that passed with the design, so it is stored with its ETag
        String url = server.url("/design.pdf");
        String firstOrder = UUID.randomUUID().toString();
        send(firstOrder, 1, order(List.of(item("poster", A4_LANDSCAPE, null, url)), null));
        assertThat(result(firstOrder).data()).isInstanceOf(ValidationPassed.class);

        // when a batch of orders prints it, one of them as a card it does not fit
        List<EventEnvelope> posters = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            posters.add(envelope(UUID.randomUUID().toString(), 1,
                    order(List.of(item("poster", A4_LANDSCAPE, null, url)), null)));
        }
        EventEnvelope card = envelope(UUID.randomUUID().toString(), 1,
                order(List.of(item("card", A4_LANDSCAPE, CARD, url)), null));
        List<ProducerRecord<String, String>> batch = new java.util.ArrayList<>();
        posters.forEach(p -> batch.add(record(p)));
        batch.add(2, record(card));
        sendInOneBatch(batch);

        // then every order has its result, and the server sent the file once
        for (EventEnvelope poster : posters) {
            assertThat(result(poster.key()).data()).isInstanceOfSatisfying(ValidationPassed.class,
                    passed -> assertThat(passed.resolution().files()).singleElement()
                            .satisfies(f -> assertThat(f.sha256()).isEqualTo(sha256(DESIGN_PDF))));
        }
        assertThat(result(card.key()).data()).isInstanceOfSatisfying(ValidationFailed.class,
                failed -> assertThat(failed.findings()).extracting(Finding::message).containsExactly(
                        "page 1 is 297×210 mm, expected 100×70 mm (trim) or 106×76 mm (with 3 mm bleed)"));
        assertThat(server.hits("/design.pdf")).isEqualTo(6);
        assertThat(server.bodies("/design.pdf")).isEqualTo(1);
    }

    @Test
    void aCheckThatCrashesFailsTheOrderWithAnInternalError() {
        // given
        QuarkusMock.installMockForType(new OrderFileCheck(null, null, null, null, null, null) {
            @Override
            public Uni<Result> check(Order order) {
                throw new IllegalStateException("inspection blew up");
            }
        }, OrderFileCheck.class);
        String orderId = UUID.randomUUID().toString();

        // when
        send(orderId, 2, order(List.of(item("any", A4_LANDSCAPE, null, server.url("/a4.pdf"))), null));

        // then
        assertThat(result(orderId).data()).isInstanceOfSatisfying(ValidationFailed.class, failed -> {
            assertThat(failed.attempt()).isEqualTo(2);
            assertThat(failed.findings()).singleElement().satisfies(f -> {
                assertThat(f.code()).isEqualTo(RefusalCodes.INTERNAL_ERROR);
                assertThat(f.message()).contains("internal error");
            });
        });
    }

    @Test
    void aRecordReDrivenToAnotherValidatorIsSkippedAndOneReDrivenToFilesIsChecked() {
        // given an order re-driven to product (not this validator), then to files (ADR 0029)
        String orderId = UUID.randomUUID().toString();
        var event = new OrderReceived(orderId, CLIENT_ID, 1, "api", order(List.of(item("nothing", A4_LANDSCAPE, null)),
                null), Instant.now());
        EventEnvelope toProduct = EventEnvelope.withId(Redrives.eventId(orderId, 1, "product"), event,
                Redrives.source("product"), CLIENT_ID, 1, null);
        EventEnvelope toFiles = EventEnvelope.withId(Redrives.eventId(orderId, 1, "files"), event,
                Redrives.source("files"), CLIENT_ID, 1, null);

        // when
        sendInOneBatch(List.of(record(toProduct), record(toFiles)));

        // then one result, for the re-drive addressed to files
        assertThat(result(orderId).causationId()).isEqualTo(toFiles.id());
    }

    @Test
    void anOrderWithoutFilesPasses() {
        // given
        String orderId = UUID.randomUUID().toString();

        // when
        send(orderId, 1, order(List.of(item("nothing", A4_LANDSCAPE, null)), null));

        // then
        assertThat(result(orderId).data()).isInstanceOfSatisfying(ValidationPassed.class,
                passed -> assertThat(passed.resolution()).isNull());
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopic() {
        // given
        String poisonKey = "poison-" + UUID.randomUUID();

        // when
        kafka().send(Topics.ORDERS_INTAKE, poisonKey, "{\"specversion\":\"0.3\"}");

        // then
        List<ConsumerRecord<String, String>> dead = kafka().await(Topics.deadLetter(Topics.ORDERS_INTAKE),
                r -> poisonKey.equals(r.key()), 1, WAIT);
        assertThat(dead).hasSize(1);
        assertThat(new String(dead.get(0).headers().lastHeader("dead-letter-reason").value(),
                StandardCharsets.UTF_8)).contains("unsupported CloudEvents specversion");
    }

    static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] read(java.nio.file.Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
