package com.podflow.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.podflow.events.FulfillmentStatus;
import com.podflow.events.OrderStatusChanged;
import com.podflow.events.order.MetadataEntry;
import com.podflow.events.order.Order;

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
}
