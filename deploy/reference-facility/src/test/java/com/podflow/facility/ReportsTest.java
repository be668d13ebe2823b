package com.podflow.facility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.podflow.events.EventCodec;
import com.podflow.events.EventEnvelope;
import com.podflow.events.ProductionReported;

/**
 * The reports as JSON, field by field; and, as a contract check, read back with the ledger's own decoder (order-events
 * is on the test classpath only).
 */
class ReportsTest {
    static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    static final String ORDER = "32884a3e-bd09-42be-8225-c5cea7d24611";
    static final String FACILITY = "db0622e7-d7af-4453-b39f-cdf1b67f3daa";

    final ProductionRequest request = ProductionRequest.from(Fixtures.productionRequested());

    @Test
    void theRequestIsReadByFieldNameFromTheFixture() {
        assertThat(request.orderId()).isEqualTo(ORDER);
        assertThat(request.attempt()).isEqualTo(1);
        assertThat(request.facilityId()).isEqualTo(FACILITY);
        assertThat(request.carrier()).isEqualTo("DHL");
        assertThat(request.items()).containsExactly(new ProductionRequest.Item("test1", 1));
        // the print file and the packing slip, each with its signed link to file-fetcher
        assertThat(request.files()).extracting(ProductionRequest.FileToFetch::sha256).containsExactly(
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752");
        assertThat(request.files()).extracting(ProductionRequest.FileToFetch::downloadUrl).containsExactly(
                "https://files.podflow.example/files/v1/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
                        + "?expires=1766484932&sig=q3Nf0n2Xb1cYt7u8Qe5wJm4kLz9pRa6sVd0hGi1oTyU",
                "https://files.podflow.example/files/v1/60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752"
                        + "?expires=1766484932&sig=q3Nf0n2Xb1cYt7u8Qe5wJm4kLz9pRa6sVd0hGi1oTyU");
    }

    @Test
    void aRequestWithoutItsOrderIdIsRefusedNamingTheField() {
        ObjectNode event = Fixtures.productionRequested();
        ((ObjectNode) event.get("data")).remove("orderId");

        assertThatThrownBy(() -> ProductionRequest.from(event)).hasMessage("data.orderId is missing");
    }

    @Test
    void acceptedCarriesTheFetchedHashesAndAnIdDerivedFromOrderAttemptAndStep() {
        // when
        JsonNode report = Reports.step(request, Step.ACCEPTED, List.of("aa", "bb"), MadeUpShipment.of(request), NOW);

        // then
        assertThat(report.get("specversion").asText()).isEqualTo("1.0");
        assertThat(report.get("type").asText()).isEqualTo("order.production-reported");
        assertThat(report.get("source").asText()).isEqualTo("/facility/" + FACILITY);
        assertThat(report.get("subject").asText()).isEqualTo(ORDER);
        assertThat(report.get("time").asText()).isEqualTo("2026-12-02T10:00:00Z");
        JsonNode data = report.get("data");
        assertThat(data.get("orderId").asText()).isEqualTo(ORDER);
        assertThat(data.get("facilityId").asText()).isEqualTo(FACILITY);
        assertThat(data.get("reportId").asText()).isEqualTo(ORDER + "/a1/accepted");
        assertThat(data.get("kind").asText()).isEqualTo("accepted");
        assertThat(data.get("fileSha256")).extracting(JsonNode::asText).containsExactly("aa", "bb");
        assertThat(data.has("shipment")).isFalse();
        assertThat(data.has("items")).isFalse(); // the whole order
        // the same id the ledger derives for a report sent without one: a repeat is caught either way
        assertThat(report.get("id").asText()).isEqualTo(ProductionReported.eventId(FACILITY, ORDER + "/a1/accepted"));
        // and the same report made again (a restart) is the same report
        assertThat(Reports.step(request, Step.ACCEPTED, List.of("aa", "bb"), MadeUpShipment.of(request),
                NOW.plusSeconds(60)).get("id")).isEqualTo(report.get("id"));
    }

    @Test
    void shippedCarriesOneParcelWithEveryItemAndTheMadeUpTracking() {
        // given the client changed the method before shipping
        MadeUpShipment shipment = MadeUpShipment.of(request).updated("fed_ex_2_day", null);

        // when
        JsonNode data = Reports.step(request, Step.SHIPPED, List.of(), shipment, NOW).get("data");

        // then
        assertThat(data.get("kind").asText()).isEqualTo("shipped");
        assertThat(data.at("/items/0/itemReferenceId").asText()).isEqualTo("test1");
        assertThat(data.at("/items/0/quantity").asInt()).isEqualTo(1);
        assertThat(data.at("/shipment/carrier").asText()).isEqualTo("DHL");
        String code = data.at("/shipment/trackingCode").asText();
        assertThat(code).matches("RF[0-9A-F]{12}").isEqualTo(MadeUpShipment.of(request).trackingCode());
        assertThat(data.at("/shipment/trackingUrl").asText())
                .isEqualTo("https://tracking.example.com/dhl/" + code + "?method=fed_ex_2_day&to=SE");
        assertThat(data.at("/shipment/packages")).hasSize(1);
        assertThat(data.at("/shipment/packages/0/trackingCode").asText()).isEqualTo(code);
    }

    @Test
    void errorsAndCancelAnswersHaveTheirKindsAndIds() {
        JsonNode error = Reports.error(request, "file_unavailable", "no link", NOW).get("data");
        assertThat(error.get("kind").asText()).isEqualTo("error");
        assertThat(error.get("errorCode").asText()).isEqualTo("file_unavailable");
        assertThat(error.get("errorMessage").asText()).isEqualTo("no link");
        assertThat(error.get("reportId").asText()).isEqualTo(ORDER + "/a1/error");
        assertThat(Reports.cancelAnswer(request, true, NOW).at("/data/kind").asText()).isEqualTo("cancel_accepted");
        assertThat(Reports.cancelAnswer(request, false, NOW).at("/data/reportId").asText())
                .isEqualTo(ORDER + "/a1/cancel_refused");
    }

    @Test
    void everyReportIsReadableByTheLedgersDecoder() {
        MadeUpShipment shipment = MadeUpShipment.of(request);
        for (Step step : Step.values()) {
            EventEnvelope decoded = EventCodec
                    .decode(Reports.step(request, step, List.of("aa"), shipment, NOW).toString());
            ProductionReported report = (ProductionReported) decoded.data();
            assertThat(report.kind().wireName()).isEqualTo(step.kind());
            assertThat(decoded.key()).isEqualTo(ORDER);
        }
        ProductionReported shipped = (ProductionReported) EventCodec
                .decode(Reports.step(request, Step.SHIPPED, List.of(), shipment, NOW).toString()).data();
        assertThat(shipped.shipment().trackingCode()).isEqualTo(shipment.trackingCode());
        assertThat(shipped.items()).containsExactly(new ProductionReported.ItemQuantity("test1", 1));
        ProductionReported error = (ProductionReported) EventCodec
                .decode(Reports.error(request, "file_checksum_mismatch", "differs", NOW).toString()).data();
        assertThat(error.errorCode()).isEqualTo("file_checksum_mismatch");
    }
}
