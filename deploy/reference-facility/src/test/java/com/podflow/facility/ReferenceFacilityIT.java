package com.podflow.facility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.podflow.infra.Infra;
import com.podflow.infra.KafkaTestClient;
import com.sun.net.httpserver.HttpServer;

/**
 * The facility on a real broker: production requests go in as raw JSON (the v1 fixture with links to a real HTTP
 * server), reports are read back raw. Each test has a facility id and consumer group of its own.
 */
class ReferenceFacilityIT {
    static final byte[] PRINT_FILE = "%PDF-1.4 a print file\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] SLIP = "%PDF-1.4 a packing slip\n".getBytes(StandardCharsets.US_ASCII);

    static Infra infra;
    static KafkaTestClient kafka;
    static HttpServer http;
    ReferenceFacility facility;

    @BeforeAll
    static void start() throws IOException {
        infra = Infra.startForTests(System.getenv());
        kafka = new KafkaTestClient(infra.bootstrapServers());
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        serve("/files/v1/print", PRINT_FILE);
        serve("/files/v1/slip", SLIP);
        http.start();
    }

    @AfterAll
    static void stop() {
        if (http != null) {
            http.stop(0);
        }
        if (kafka != null) {
            kafka.close();
        }
        if (infra != null) {
            infra.close();
        }
    }

    @AfterEach
    void stopFacility() {
        if (facility != null) {
            facility.close();
        }
    }

    static void serve(String path, byte[] bytes) {
        http.createContext(path, exchange -> {
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
    }

    static String link(String path) {
        return "http://127.0.0.1:" + http.getAddress().getPort() + path + "?expires=4102444800&sig=test";
    }

    /** The fixture for a new order of {@code facilityId}, its files served by our HTTP server. */
    static ObjectNode request(String orderId, String facilityId) {
        ObjectNode event = Fixtures.productionRequested();
        event.put("id", UUID.randomUUID().toString()).put("subject", orderId);
        ObjectNode data = (ObjectNode) event.get("data");
        data.put("orderId", orderId).put("facilityId", facilityId);
        ((ObjectNode) data.at("/items/0/files/0/checked")).put("downloadUrl", link("/files/v1/print"))
                .put("sha256", MadeUpShipment.sha256Hex(new String(PRINT_FILE, StandardCharsets.US_ASCII)));
        ((ObjectNode) data.at("/packagingInstructions/0/packingSlip")).put("downloadUrl", link("/files/v1/slip"))
                .put("sha256", MadeUpShipment.sha256Hex(new String(SLIP, StandardCharsets.US_ASCII)));
        return event;
    }

    static ObjectNode command(String fixture, String orderId, String facilityId) {
        ObjectNode event = Fixtures.read(fixture);
        event.put("id", UUID.randomUUID().toString()).put("subject", orderId);
        ((ObjectNode) event.get("data")).put("orderId", orderId).put("facilityId", facilityId);
        return event;
    }

    ReferenceFacility startFacility(String facilityId, Duration stepDelay) {
        facility = ReferenceFacility.start(FacilitySettings.defaults(infra.bootstrapServers())
                .withFacilityIds(facilityId).withGroupId("facility-" + facilityId).withStepDelay(stepDelay));
        return facility;
    }

    static List<JsonNode> reportsOf(String orderId) {
        return kafka.readToEnd(ReferenceFacility.REPORTS, r -> orderId.equals(r.key())).stream()
                .map(ConsumerRecord::value).map(ReferenceFacilityIT::json).toList();
    }

    static List<String> kinds(String orderId) {
        return reportsOf(orderId).stream().map(r -> r.at("/data/kind").asText()).toList();
    }

    static JsonNode json(String text) {
        try {
            return Reports.JSON.readTree(text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aRequestIsFetchedCheckedAndReportedStepByStepUntilDelivered() {
        // given
        String facilityId = "f-" + UUID.randomUUID();
        String orderId = UUID.randomUUID().toString();
        startFacility(facilityId, Duration.ZERO);

        // when the ledger's request arrives (and one for another facility, which is not ours)
        kafka.send(ReferenceFacility.FEED, orderId, request(orderId, facilityId).toString());
        String foreign = UUID.randomUUID().toString();
        kafka.send(ReferenceFacility.FEED, foreign, request(foreign, "another-facility").toString());

        // then the reports arrive in order, keyed by order id
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(kinds(orderId)).containsExactly(
                "accepted", "in_production", "printed", "packaged", "shipped", "in_transit", "delivered"));
        List<JsonNode> reports = reportsOf(orderId);
        JsonNode accepted = reports.get(0);
        assertThat(accepted.get("type").asText()).isEqualTo("order.production-reported");
        assertThat(accepted.get("source").asText()).isEqualTo("/facility/" + facilityId);
        assertThat(accepted.at("/data/facilityId").asText()).isEqualTo(facilityId);
        assertThat(accepted.at("/data/fileSha256")).extracting(JsonNode::asText).containsExactly(
                MadeUpShipment.sha256Hex(new String(PRINT_FILE, StandardCharsets.US_ASCII)),
                MadeUpShipment.sha256Hex(new String(SLIP, StandardCharsets.US_ASCII)));
        JsonNode shipped = reports.get(4).get("data");
        assertThat(shipped.at("/shipment/carrier").asText()).isEqualTo("DHL");
        assertThat(shipped.at("/shipment/trackingCode").asText()).startsWith("RF");
        assertThat(shipped.at("/shipment/packages")).hasSize(1);
        assertThat(shipped.at("/items/0/itemReferenceId").asText()).isEqualTo("test1");
        assertThat(reports).extracting(r -> r.at("/data/reportId").asText()).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).startsWith(orderId + "/a1/"));
        assertThat(reportsOf(foreign)).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> facility.inProduction() == 0);
    }

    @Test
    void aFileWhoseHashDiffersIsAnErrorReportAndNothingElse() {
        // given
        String facilityId = "f-" + UUID.randomUUID();
        String orderId = UUID.randomUUID().toString();
        startFacility(facilityId, Duration.ZERO);
        ObjectNode request = request(orderId, facilityId);
        ((ObjectNode) request.at("/data/items/0/files/0/checked")).put("sha256", "00".repeat(32));

        // when
        kafka.send(ReferenceFacility.FEED, orderId, request.toString());

        // then
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(kinds(orderId))
                .containsExactly("error"));
        JsonNode error = reportsOf(orderId).get(0).get("data");
        assertThat(error.get("errorCode").asText()).isEqualTo("file_checksum_mismatch");
        assertThat(error.get("errorMessage").asText()).contains("items[test1].files[0]", "differs");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> kinds(orderId).size() == 1);
    }

    @Test
    void aFileThatCannotBeFetchedIsFileUnavailable() {
        String facilityId = "f-" + UUID.randomUUID();
        String orderId = UUID.randomUUID().toString();
        startFacility(facilityId, Duration.ZERO);
        ObjectNode request = request(orderId, facilityId);
        ((ObjectNode) request.at("/data/items/0/files/0/checked")).put("downloadUrl", link("/files/v1/gone"));

        kafka.send(ReferenceFacility.FEED, orderId, request.toString());

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(kinds(orderId))
                .containsExactly("error"));
        assertThat(reportsOf(orderId).get(0).at("/data/errorCode").asText()).isEqualTo("file_unavailable");
        assertThat(reportsOf(orderId).get(0).at("/data/errorMessage").asText()).contains("HTTP 404")
                .doesNotContain("sig=");
    }

    @Test
    void aForwardedCancelBeforeShippingIsAcceptedAndStopsTheOrder() {
        // given an order in production, one step a second
        String facilityId = "f-" + UUID.randomUUID();
        String orderId = UUID.randomUUID().toString();
        startFacility(facilityId, Duration.ofSeconds(1));
        kafka.send(ReferenceFacility.FEED, orderId, request(orderId, facilityId).toString());
        await().atMost(Duration.ofSeconds(60)).until(() -> kinds(orderId).contains("accepted"));

        // when the client's cancel is forwarded, awaiting our answer
        kafka.send(ReferenceFacility.FEED, orderId,
                command("order.production-cancel-requested.v1.json", orderId, facilityId).toString());

        // then the facility accepts it and sends nothing more
        await().atMost(Duration.ofSeconds(30)).until(() -> kinds(orderId).contains("cancel_accepted"));
        int sent = kinds(orderId).size();
        assertThat(kinds(orderId)).doesNotContain("shipped");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
                .until(() -> kinds(orderId).size() == sent);
    }

    @Test
    void aForwardedShipmentUpdateChangesTheParcel() {
        // given an order in production
        String facilityId = "f-" + UUID.randomUUID();
        String orderId = UUID.randomUUID().toString();
        startFacility(facilityId, Duration.ofMillis(500));
        kafka.send(ReferenceFacility.FEED, orderId, request(orderId, facilityId).toString());

        // when the client changes method and address (the fixture: fed_ex_2_day to GB)
        kafka.send(ReferenceFacility.FEED, orderId,
                command("order.production-shipment-updated.v1.json", orderId, facilityId).toString());

        // then the parcel goes out with them
        await().atMost(Duration.ofSeconds(60)).until(() -> kinds(orderId).contains("shipped"));
        JsonNode shipped = reportsOf(orderId).stream().filter(r -> r.at("/data/kind").asText().equals("shipped"))
                .findFirst().orElseThrow();
        assertThat(shipped.at("/data/shipment/trackingUrl").asText()).endsWith("?method=fed_ex_2_day&to=GB");
    }

    @Test
    void aRestartResumesUnfinishedOrdersWithTheSameReportIds() {
        // given an order stopped halfway by a restart (one step every 2 s)
        String facilityId = "f-" + UUID.randomUUID();
        String orderId = UUID.randomUUID().toString();
        startFacility(facilityId, Duration.ofSeconds(2));
        kafka.send(ReferenceFacility.FEED, orderId, request(orderId, facilityId).toString());
        await().atMost(Duration.ofSeconds(60)).until(() -> kinds(orderId).contains("in_production"));
        facility.close();

        // when a new process of the same facility (same group) starts
        startFacility(facilityId, Duration.ZERO);

        // then it reads the unfinished request again and finishes the order; repeated reports have the same ids
        await().atMost(Duration.ofSeconds(60)).until(() -> kinds(orderId).contains("delivered"));
        List<JsonNode> reports = reportsOf(orderId);
        assertThat(reports.stream().map(r -> r.at("/data/kind").asText()).distinct())
                .containsExactly("accepted", "in_production", "printed", "packaged", "shipped", "in_transit",
                        "delivered");
        assertThat(reports.stream().filter(r -> r.at("/data/kind").asText().equals("accepted"))
                .map(r -> r.get("id").asText()).distinct()).hasSize(1);
    }
}
