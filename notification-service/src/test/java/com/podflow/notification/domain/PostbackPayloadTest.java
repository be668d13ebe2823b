package com.podflow.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.podflow.events.FulfillmentStatus;
import com.podflow.events.OrderStatusChanged;
import com.podflow.events.ProductionReported;
import com.podflow.events.order.MetadataEntry;
import com.podflow.events.order.Order;
import com.podflow.events.order.OrderItem;

class PostbackPayloadTest {
    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();

    static Order order(List<MetadataEntry> metadata) {
        return new Order("ref-1", "order", null, "EUR", null, null, "normal", null, null, List.of(), null, metadata);
    }

    @Test
    void aStatusChangeBecomesTheDocumentedPayload() throws Exception {
        // given
        var change = new OrderStatusChanged("order-1", "client-1", "ref-1", 3, FulfillmentStatus.PASSED,
                FulfillmentStatus.FAILED, "validation", 2, "missing_required_field",
                "shippingAddress.country is required", order(List.of(new MetadataEntry("campaign", "spring"))), T0);

        // when
        JsonNode json = JSON.readTree(PostbackPayload.of("event-1", change).toJson());

        // then
        assertThat(json.fieldNames()).toIterable().containsExactly("version", "eventId", "eventType", "occurredAt",
                "orderId", "orderReferenceId", "clientId", "fulfillmentStatus", "previousStatus", "sequence", "cause",
                "refusalReasonCode", "refusalReason", "items", "tracking", "metadata");
        assertThat(json.get("version").asInt()).isEqualTo(1);
        assertThat(json.get("eventId").asText()).isEqualTo("event-1");
        assertThat(json.get("eventType").asText()).isEqualTo("order_status_updated");
        assertThat(json.get("occurredAt").asText()).isEqualTo("2026-11-23T10:00:00Z");
        assertThat(json.get("orderId").asText()).isEqualTo("order-1");
        assertThat(json.get("orderReferenceId").asText()).isEqualTo("ref-1");
        assertThat(json.get("clientId").asText()).isEqualTo("client-1");
        assertThat(json.get("fulfillmentStatus").asText()).isEqualTo("failed");
        assertThat(json.get("previousStatus").asText()).isEqualTo("passed");
        assertThat(json.get("sequence").asLong()).isEqualTo(3);
        assertThat(json.get("cause").asText()).isEqualTo("validation");
        assertThat(json.get("refusalReasonCode").asText()).isEqualTo("missing_required_field");
        assertThat(json.get("refusalReason").asText()).isEqualTo("shippingAddress.country is required");
        assertThat(json.get("metadata").toString()).isEqualTo("[{\"key\":\"campaign\",\"value\":\"spring\"}]");
    }

    @Test
    void absentValuesAreNullAndMissingMetadataIsAnEmptyList() throws Exception {
        // given the first status of an order without a snapshot
        var change = new OrderStatusChanged("order-1", "client-1", null, 1, null, FulfillmentStatus.RECEIVED, null, 1,
                null, null, null, T0);

        // when
        JsonNode json = JSON.readTree(PostbackPayload.of("event-1", change).toJson());

        // then
        assertThat(json.get("fulfillmentStatus").asText()).isEqualTo("received");
        assertThat(json.get("previousStatus").isNull()).isTrue();
        assertThat(json.get("orderReferenceId").isNull()).isTrue();
        assertThat(json.get("refusalReasonCode").isNull()).isTrue();
        assertThat(json.get("metadata").isArray()).isTrue();
        assertThat(json.get("metadata")).isEmpty();
    }

    @Test
    void anOrderWithoutOrderLevelMetadataGivesAnEmptyList() {
        // given
        var change = new OrderStatusChanged("order-1", "client-1", "ref-1", 2, FulfillmentStatus.RECEIVED,
                FulfillmentStatus.PASSED, null, 1, null, null, order(null), T0);

        // when
        PostbackPayload payload = PostbackPayload.of("event-1", change);

        // then
        assertThat(payload.metadata()).isEmpty();
    }

    @Test
    void aShippedChangeCarriesTheTrackingEveryParcelAndEachItemsOwnStatus() throws Exception {
        // given two items, one shipped apart with two parcels, then the other
        var items = List.of(new OrderItem("item-1", "flat_a4", null, null, 1, null, List.of(), null, null),
                new OrderItem("item-2", "flat_a5", null, null, 2, null, List.of(), null, null));
        var order = new Order("ref-1", "order", null, "EUR", null, null, "normal", null, null, items, null,
                List.of());
        var first = new OrderStatusChanged.Tracking("DHL", "T-A", "https://dhl.example/T-A",
                List.of(new ProductionReported.Parcel("T-A1", "https://dhl.example/T-A1"),
                        new ProductionReported.Parcel("T-A2", "https://dhl.example/T-A2")),
                T0);
        var second = new OrderStatusChanged.Tracking("UPS", "T-B", "https://ups.example/T-B", List.of(),
                T0.plusSeconds(60));
        var change = new OrderStatusChanged("order-1", "client-1", "ref-1", 7, FulfillmentStatus.PACKAGED,
                FulfillmentStatus.SHIPPED, "facility reported shipped", 1, null, null, order, T0.plusSeconds(60),
                List.of(first, second),
                Map.of("item-1", FulfillmentStatus.SHIPPED, "item-2", FulfillmentStatus.IN_TRANSIT));

        // when
        JsonNode json = JSON.readTree(PostbackPayload.of("event-7", change).toJson());

        // then the tracking is the latest shipment's, with every parcel of the order
        JsonNode tracking = json.get("tracking");
        assertThat(tracking.get("code").asText()).isEqualTo("T-B");
        assertThat(tracking.get("url").asText()).isEqualTo("https://ups.example/T-B");
        assertThat(tracking.get("carrier").asText()).isEqualTo("UPS");
        assertThat(tracking.get("shippedAt").asText()).isEqualTo("2026-11-23T10:01:00Z");
        assertThat(tracking.get("packages").findValuesAsText("trackingCode")).containsExactly("T-A1", "T-A2", "T-B");
        assertThat(tracking.get("packages").get(0).get("carrier").asText()).isEqualTo("DHL");
        // and each item has its own status
        assertThat(json.get("items").findValuesAsText("status")).containsExactly("shipped", "in_transit");
        assertThat(json.get("eventType").asText()).isEqualTo("order_status_updated");
    }
}
