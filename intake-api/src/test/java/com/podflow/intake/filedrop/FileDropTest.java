package com.podflow.intake.filedrop;

import static com.podflow.infra.KafkaPostgresTestResource.kafka;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import com.fasterxml.jackson.databind.JsonNode;
import com.podflow.events.EventCodec;
import com.podflow.events.EventJson;
import com.podflow.events.OrderReceived;
import com.podflow.events.Topics;
import com.podflow.infra.KafkaPostgresTestResource;
import com.podflow.intake.api.LedgerStub;

/** The file drop over a real folder, PostgreSQL and Kafka: the scanner is run by the test, scan by scan. */
@QuarkusTest
@QuarkusTestResource(KafkaPostgresTestResource.class)
@QuarkusTestResource(LedgerStub.class)
class FileDropTest {
    private static final String HEADER = "orderReferenceId,firstName,lastName,addressLine1,city,postCode,country,email,"
            + "phone,shipmentMethodUid,itemReferenceId,productUid,quantity,fileUrl\n";

    @Inject
    FileDropScanner scanner;

    Path root;
    String clientId;
    Path inbox;

    @BeforeEach
    void newClientAndFolder() throws IOException {
        root = Files.createTempDirectory("filedrop");
        clientId = given().header("X-ADMIN-KEY", "dev-admin").contentType(ContentType.JSON)
                .body("{\"name\":\"File drop " + UUID.randomUUID() + "\"}")
                .post("/admin/v1/clients").then().statusCode(201).extract().path("id");
        inbox = Files.createDirectories(root.resolve(clientId).resolve("inbox"));
    }

    @Test
    void aJsonOrderDroppedIsAcceptedWithChannelFileAndArchived() throws IOException {
        String reference = "drop-" + UUID.randomUUID();
        Files.writeString(inbox.resolve("one.json"), order(reference));

        // when: the first scan sees the file, the second finds it unchanged and takes it
        assertThat(scanner.scan(root)).isEmpty();
        List<FileReport> reports = scanner.scan(root);

        // then
        assertThat(reports).hasSize(1);
        assertThat(reports.get(0).problems()).isEmpty();
        String id = reports.get(0).accepted().get(0).id();
        List<ConsumerRecord<String, String>> records = kafka().await(Topics.ORDERS_INTAKE, r -> id.equals(r.key()), 1,
                Duration.ofSeconds(30));
        OrderReceived received = (OrderReceived) EventCodec.decode(records.get(0).value()).data();
        assertThat(received.channel()).isEqualTo("file");
        assertThat(received.clientId()).isEqualTo(clientId);
        assertThat(received.order().orderReferenceId()).isEqualTo(reference);
        assertThat(inbox.resolve("one.json")).doesNotExist();
        assertThat(root.resolve(clientId).resolve("archive").resolve("one.json")).exists();
        assertThat(root.resolve(clientId).resolve("archive").resolve("one.json.report.json")).exists();
    }

    @Test
    void aFileStillGrowingIsNotTakenButADoneMarkerTakesItAtOnce() throws IOException {
        Path file = inbox.resolve("growing.json");
        Files.writeString(file, "[" + order("g1-" + UUID.randomUUID()));
        assertThat(scanner.scan(root)).isEmpty();
        Files.writeString(file, "[" + order("g1-" + UUID.randomUUID()) + ", " + order("g2-" + UUID.randomUUID())
                + "]");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(2)));
        assertThat(scanner.scan(root)).as("changed since the last scan").isEmpty();

        Path marked = inbox.resolve("marked.json");
        Files.writeString(marked, order("m-" + UUID.randomUUID()));
        Files.writeString(inbox.resolve("marked.json.done"), "");
        List<FileReport> reports = scanner.scan(root);

        assertThat(reports).extracting(FileReport::file).containsExactlyInAnyOrder("growing.json", "marked.json");
        assertThat(reports).allSatisfy(r -> assertThat(r.problems()).isEmpty());
        assertThat(reports.stream().mapToInt(r -> r.accepted().size()).sum()).isEqualTo(3);
        assertThat(inbox.resolve("marked.json.done")).doesNotExist();
    }

    @Test
    void aCsvWithThreeOrdersAndOneBadRowAcceptsTheGoodOrdersAndReportsTheRow() throws IOException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String csv = HEADER
                + row("a-" + run, "SE", "a1", "2")
                + row("a-" + run, "SE", "a2", "1")
                + row("b-" + run, "SE", "b1", "1")
                + row("c-" + run, "SE", "c1", "1")
                + row("d-" + run, "SE", "d1", "0") // row 6: quantity 0
                + row("d-" + run, "SE", "d2", "1");
        Files.writeString(inbox.resolve("bulk.csv"), csv);
        Files.writeString(inbox.resolve("bulk.csv.done"), "");

        List<FileReport> reports = scanner.scan(root);

        assertThat(reports).hasSize(1);
        FileReport report = reports.get(0);
        assertThat(report.accepted()).extracting(FileReport.Accepted::orderReferenceId)
                .containsExactly("a-" + run, "b-" + run, "c-" + run);
        assertThat(report.accepted()).extracting(FileReport.Accepted::row).containsExactly(2, 4, 5);
        assertThat(report.problems()).hasSize(1);
        assertThat(report.problems().get(0).row()).isEqualTo(6);
        assertThat(report.problems().get(0).field()).isEqualTo("quantity");
        assertThat(report.problems().get(0).orderReferenceId()).isEqualTo("d-" + run);
        String id = report.accepted().get(0).id();
        OrderReceived received = (OrderReceived) EventCodec.decode(kafka().await(Topics.ORDERS_INTAKE,
                r -> id.equals(r.key()), 1, Duration.ofSeconds(30)).get(0).value()).data();
        assertThat(received.channel()).isEqualTo("file");
        assertThat(received.order().items()).hasSize(2);
        assertThat(received.order().items().get(0).quantity()).isEqualTo(2);
        assertThat(received.order().items().get(0).files().get(0).url()).isEqualTo("https://example.com/a1.pdf");

        // the report is machine-readable and lies beside the archived file
        JsonNode written = EventJson.mapper().readTree(Files.readString(
                root.resolve(clientId).resolve("archive").resolve("bulk.csv.report.json")));
        assertThat(written.at("/problems/0/row").asInt()).isEqualTo(6);
        assertThat(written.at("/problems/0/field").asText()).isEqualTo("quantity");
    }

    @Test
    void aFileWithNoGoodOrderGoesToErrorWithItsReport() throws IOException {
        Files.writeString(inbox.resolve("bad.csv"), HEADER + row("x-" + UUID.randomUUID(), "XX", "x1", "1"));
        Files.writeString(inbox.resolve("broken.json"), "{\"orderReferenceId\": ");
        Files.writeString(inbox.resolve("bad.csv.done"), "");
        Files.writeString(inbox.resolve("broken.json.done"), "");

        List<FileReport> reports = scanner.scan(root);

        assertThat(reports).hasSize(2).allSatisfy(r -> assertThat(r.accepted()).isEmpty());
        Path error = root.resolve(clientId).resolve("error");
        assertThat(error.resolve("bad.csv")).exists();
        assertThat(error.resolve("broken.json")).exists();
        JsonNode bad = EventJson.mapper().readTree(Files.readString(error.resolve("bad.csv.errors.json")));
        assertThat(bad.at("/problems/0/row").asInt()).isEqualTo(2);
        assertThat(bad.at("/problems/0/field").asText()).isEqualTo("country");
        JsonNode broken = EventJson.mapper().readTree(Files.readString(error.resolve("broken.json.errors.json")));
        assertThat(broken.at("/problems/0/code").asText()).isEqualTo("malformed_json");
    }

    @Test
    void aFileIsProcessedOnceByTwoScannersSeeingTheSameFile() throws Exception {
        String reference = "once-" + UUID.randomUUID();
        Path file = inbox.resolve("once.json");
        Files.writeString(file, order(reference));
        // a second replica's view of the same shared folder: a copy of the same bytes and mtime, as it sees them
        Path other = Files.createTempDirectory("filedrop-replica");
        Path otherInbox = Files.createDirectories(other.resolve(clientId).resolve("inbox"));
        Files.copy(file, otherInbox.resolve("once.json"));
        Files.setLastModifiedTime(otherInbox.resolve("once.json"), Files.getLastModifiedTime(file));
        Files.writeString(inbox.resolve("once.json.done"), "");
        Files.writeString(otherInbox.resolve("once.json.done"), "");

        List<FileReport> first = scanner.scan(root);
        List<FileReport> second = scanner.scan(other);

        assertThat(first).hasSize(1);
        assertThat(second).as("claimed by the first").isEmpty();
        assertThat(kafka().await(Topics.ORDERS_INTAKE, r -> r.value().contains(reference), 1,
                Duration.ofSeconds(30))).hasSize(1);
        assertThat(kafka().await(Topics.ORDERS_INTAKE, r -> r.value().contains(reference), 2,
                Duration.ofSeconds(3))).hasSize(1);
    }

    private static String row(String reference, String country, String item, String quantity) {
        return reference + ",Ann,Lee,1 Main St,Stockholm,11111," + country + ",ann@example.com,+46700000000,"
                + "normal," + item
                + ",flat_product_pf_a4_pt_200-gsm-uncoated_cl_4-0_ct_none_prt_none_sft_none_set_none_hor,"
                + quantity + ",https://example.com/" + item + ".pdf\n";
    }

    private static String order(String reference) {
        try (InputStream in = FileDropTest.class.getResourceAsStream("/seed-order.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("\"orderReferenceId\": \"test\"", "\"orderReferenceId\": \"" + reference + "\"")
                    .replace("\"preventDuplicate\": true, ", "");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
