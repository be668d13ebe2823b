package com.podflow.validation.domain;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.podflow.events.order.OrderItem;

/**
 * What catalog product an order item names, by {@code productUid} or through the client's customer product. The
 * product and rules validators read items through this one function, so they agree on which items are unknown (the
 * product validator reports those; the rules validator leaves them alone).
 */
public sealed interface ItemProduct {

    /** The item names a catalog product. */
    record Known(Product product, boolean viaCustomerProduct) implements ItemProduct {}

    /** {@code productUid} is not in the catalog. */
    record UnknownUid(String productUid) implements ItemProduct {}

    /** The client has no customer product with this name and variant. */
    record UnknownCustomerProduct(String productName, String variantKey) implements ItemProduct {}

    /** The customer product exists but is connected to no catalog product, or to one that is gone. */
    record NotConnected(CustomerProduct customerProduct) implements ItemProduct {}

    /** The item does not name a product properly (none, or both ways): the data validator reports it. */
    record Unspecified() implements ItemProduct {}

    static ItemProduct of(OrderItem item, String clientId, ReferenceData reference) {
        if (item == null) {
            return new Unspecified();
        }
        boolean hasUid = notBlank(item.productUid());
        boolean hasName = notBlank(item.productName());
        if (hasUid == hasName) {
            return new Unspecified();
        }
        if (hasUid) {
            String uid = item.productUid().trim();
            return reference.product(uid).<ItemProduct>map(p -> new Known(p, false))
                    .orElseGet(() -> new UnknownUid(uid));
        }
        if (item.productVariant() == null || !item.productVariant().isObject()) {
            return new Unspecified();
        }
        Map<String, String> variant = variant(item.productVariant());
        var customerProduct = reference.customerProduct(clientId, item.productName(), variant);
        if (customerProduct.isEmpty()) {
            return new UnknownCustomerProduct(item.productName().trim(), CustomerProduct.variantKey(variant));
        }
        CustomerProduct c = customerProduct.get();
        if (!c.connected()) {
            return new NotConnected(c);
        }
        return reference.product(c.productUid()).<ItemProduct>map(p -> new Known(p, true))
                .orElseGet(() -> new NotConnected(c));
    }

    /** The variant's attributes as text ({@code {"PaperSize": "A3"}}; numbers and booleans by their text). */
    static Map<String, String> variant(JsonNode node) {
        Map<String, String> variant = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> variant.put(e.getKey(), e.getValue().asText()));
        return variant;
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
