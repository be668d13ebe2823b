package com.podflow.intake.channels.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns a Shopify {@code orders/create} or WooCommerce {@code order.created} webhook body into the native order JSON.
 * Line items go through the store's product mappings (product, or product + variant, to a productUid and a design
 * file); a line item without one is reported as {@code not_connected}, naming the store's product. The result is then
 * checked like any order (the caller does that): what the storefront left out (a phone, say) fails there, by field.
 */
public final class StorefrontOrders {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StorefrontOrders() {
    }

    public enum Platform {
        SHOPIFY("shopify"), WOOCOMMERCE("woocommerce");

        private final String wireName;

        Platform(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static Optional<Platform> fromWireName(String name) {
            for (Platform p : values()) {
                if (p.wireName.equals(name)) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        }
    }

    /** A store product's print: what to make and from which file. */
    public record ProductMapping(String productUid, String fileUrl, String fileType) {}

    /** A line item whose store product has no mapping. */
    public record NotConnected(String field, String productId, String variantId, String title) {
        public String message() {
            return "store product " + productId + (variantId == null || variantId.isEmpty()
                    ? ""
                    : " variant "
                            + variantId)
                    + (title == null ? "" : " (" + title + ")") + " is not connected to a product: add a"
                    + " product mapping for it";
        }
    }

    /** The order JSON, or the line items that could not be mapped (then the order is null). */
    public record Mapped(ObjectNode order, List<NotConnected> notConnected) {}

    /**
     * @param mappings (productId, variantId or "") to its mapping; the variant's own first, then the product's
     */
    public static Mapped map(Platform platform, String storeId, String customerReferenceId, JsonNode body,
            BiFunction<String, String, Optional<ProductMapping>> mappings) {
        return platform == Platform.SHOPIFY
                ? shopify(storeId, customerReferenceId, body, mappings)
                : woocommerce(storeId, customerReferenceId, body, mappings);
    }

    private static Mapped shopify(String storeId, String customerReferenceId, JsonNode body,
            BiFunction<String, String, Optional<ProductMapping>> mappings) {
        JsonNode ship = body.path("shipping_address");
        ObjectNode address = NODES.objectNode();
        put(address, "country", ship.path("country_code"));
        put(address, "firstName", ship.path("first_name"));
        put(address, "lastName", ship.path("last_name"));
        put(address, "companyName", ship.path("company"));
        put(address, "addressLine1", ship.path("address1"));
        put(address, "addressLine2", ship.path("address2"));
        put(address, "city", ship.path("city"));
        put(address, "postCode", ship.path("zip"));
        put(address, "state", ship.path("province_code"));
        put(address, "email",
                first(body.path("email"), body.path("contact_email"), body.path("customer").path("email")));
        put(address, "phone", first(ship.path("phone"), body.path("phone"), body.path("customer").path("phone")));
        return order(storeId, customerReferenceId, body.path("id"), body.path("name"), body.path("currency"),
                address, body.path("line_items"), "variant_id", mappings);
    }

    private static Mapped woocommerce(String storeId, String customerReferenceId, JsonNode body,
            BiFunction<String, String, Optional<ProductMapping>> mappings) {
        JsonNode ship = body.path("shipping");
        JsonNode billing = body.path("billing");
        ObjectNode address = NODES.objectNode();
        put(address, "country", ship.path("country"));
        put(address, "firstName", ship.path("first_name"));
        put(address, "lastName", ship.path("last_name"));
        put(address, "companyName", ship.path("company"));
        put(address, "addressLine1", ship.path("address_1"));
        put(address, "addressLine2", ship.path("address_2"));
        put(address, "city", ship.path("city"));
        put(address, "postCode", ship.path("postcode"));
        put(address, "state", ship.path("state"));
        put(address, "email", billing.path("email"));
        put(address, "phone", first(ship.path("phone"), billing.path("phone")));
        return order(storeId, customerReferenceId, body.path("id"), body.path("number"), body.path("currency"),
                address, body.path("line_items"), "variation_id", mappings);
    }

    private static Mapped order(String storeId, String customerReferenceId, JsonNode id, JsonNode name,
            JsonNode currency, ObjectNode address, JsonNode lineItems, String variantField,
            BiFunction<String, String, Optional<ProductMapping>> mappings) {
        ObjectNode order = NODES.objectNode();
        // the store's order id, prefixed by the store: two stores of one client may both have an order 1
        if (!text(id).isEmpty()) {
            order.put("orderReferenceId", storeId + "-" + text(id));
        }
        order.put("orderType", "order");
        // a storefront retries deliveries; the reference claim makes a second delivery of one order a duplicate
        order.put("preventDuplicate", true);
        if (customerReferenceId != null) {
            order.put("customerReferenceId", customerReferenceId);
        }
        put(order, "currency", currency);
        put(order, "retailCurrency", currency);
        order.set("shippingAddress", address);
        ArrayNode items = order.putArray("items");
        List<NotConnected> missing = new ArrayList<>();
        int index = 0;
        for (JsonNode line : lineItems) {
            String productId = text(line.path("product_id"));
            String variantId = text(line.path(variantField));
            if ("0".equals(variantId)) {
                variantId = ""; // WooCommerce: 0 = a simple product
            }
            String v = variantId;
            Optional<ProductMapping> mapping = productId.isEmpty()
                    ? Optional.empty()
                    : mappings.apply(productId, v)
                            .or(() -> v.isEmpty() ? Optional.empty() : mappings.apply(productId, ""));
            if (mapping.isEmpty()) {
                missing.add(new NotConnected("line_items[" + index + "]", productId.isEmpty() ? "(none)" : productId,
                        variantId,
                        line.hasNonNull("title") ? line.get("title").asText() : line.path("name").asText(null)));
            } else {
                ObjectNode item = items.addObject();
                item.put("itemReferenceId",
                        text(line.path("id")).isEmpty() ? "line-" + (index + 1) : text(line.path("id")));
                item.put("productUid", mapping.get().productUid());
                item.set("quantity", line.path("quantity").isMissingNode() ? NODES.nullNode() : line.get("quantity"));
                JsonNode price = line.path("price");
                if (price.isNumber()) {
                    item.put("retailPriceInclVat", price.decimalValue());
                } else if (price.isTextual() && price.asText().matches("\\d{1,12}(\\.\\d{1,4})?")) {
                    item.put("retailPriceInclVat", new java.math.BigDecimal(price.asText()));
                }
                ObjectNode file = item.putArray("files").addObject();
                file.put("type", mapping.get().fileType());
                file.put("url", mapping.get().fileUrl());
            }
            index++;
        }
        ArrayNode metadata = order.putArray("metadata");
        metadata.addObject().put("key", "storefront-store").put("value", storeId);
        if (!text(name).isEmpty()) {
            metadata.addObject().put("key", "storefront-order-name").put("value", text(name));
        }
        return missing.isEmpty() ? new Mapped(order, List.of()) : new Mapped(null, missing);
    }

    private static JsonNode first(JsonNode... candidates) {
        for (JsonNode candidate : candidates) {
            if (!text(candidate).isEmpty()) {
                return candidate;
            }
        }
        return candidates[0];
    }

    private static void put(ObjectNode target, String field, JsonNode value) {
        String text = text(value);
        if (!text.isEmpty()) {
            target.put(field, text);
        }
    }

    private static String text(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode() || value.isContainerNode()
                ? ""
                : value.asText().strip();
    }
}
