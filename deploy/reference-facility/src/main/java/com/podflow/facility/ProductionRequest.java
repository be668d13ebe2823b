package com.podflow.facility;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the facility takes from an {@code order.production-requested} event, read by field name from the CloudEvents
 * JSON (as any outside facility would, without podflow's Java records).
 */
public record ProductionRequest(String orderId, int attempt, String facilityId, String carrier,
        String shipmentMethodUid, String country, List<Item> items, List<FileToFetch> files) {

    /** An item of the order and how many copies. */
    public record Item(String itemReferenceId, int quantity) {}

    /** A checked copy to fetch: what it is (for messages), the signed link and the SHA-256 it must have. */
    public record FileToFetch(String label, String downloadUrl, String sha256) {}

    /** Reads the event; a missing field is an {@link IllegalArgumentException} naming it. */
    public static ProductionRequest from(JsonNode event) {
        JsonNode data = event.path("data");
        String orderId = required(data, "orderId");
        int attempt = data.path("attempt").asInt(event.path("attempt").asInt(1));
        String facilityId = required(data, "facilityId");
        JsonNode shipment = data.path("shipment");
        List<Item> items = new ArrayList<>();
        List<FileToFetch> files = new ArrayList<>();
        for (JsonNode item : data.path("items")) {
            String ref = required(item, "itemReferenceId");
            items.add(new Item(ref, item.path("quantity").asInt(1)));
            int f = 0;
            for (JsonNode file : item.path("files")) {
                files.add(file("items[" + ref + "].files[" + f++ + "] (" + file.path("type").asText("default") + ")",
                        file.path("checked")));
            }
        }
        int p = 0;
        for (JsonNode instruction : data.path("packagingInstructions")) {
            JsonNode slip = instruction.path("packingSlip");
            if (slip.isObject()) {
                files.add(file("packagingInstructions[" + p + "].packingSlip", slip));
            }
            p++;
        }
        if (items.isEmpty()) {
            throw new IllegalArgumentException("data.items is empty");
        }
        return new ProductionRequest(orderId, attempt, facilityId, shipment.path("carrier").asText("Reference Post"),
                shipment.path("shipmentMethodUid").asText(""), data.path("shippingAddress").path("country").asText(""),
                List.copyOf(items), List.copyOf(files));
    }

    private static FileToFetch file(String label, JsonNode checked) {
        // no signed link or no hash: the file cannot be fetched as checked; reported as file_unavailable
        return new FileToFetch(label, text(checked, "downloadUrl"), text(checked, "sha256"));
    }

    private static String required(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("data." + field + " is missing");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
