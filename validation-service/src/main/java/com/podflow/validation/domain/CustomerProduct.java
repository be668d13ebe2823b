package com.podflow.validation.domain;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A client's own product ({@code productName} + {@code productVariant}) and the catalog product it is connected to;
 * {@code productUid} null means the client has it but it is not connected yet.
 */
public record CustomerProduct(String clientId, String productName, Map<String, String> productVariant,
        String productUid) {

    public CustomerProduct {
        productVariant = productVariant == null ? Map.of() : Map.copyOf(productVariant);
    }

    /** The name as it is matched: trimmed, case-insensitive. */
    public String nameKey() {
        return nameKey(productName);
    }

    public String variantKey() {
        return variantKey(productVariant);
    }

    public boolean connected() {
        return productUid != null && !productUid.isBlank();
    }

    public static String nameKey(String name) {
        return name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * A variant as it is matched: attributes sorted by name, names and values trimmed and case-insensitive, so
     * {@code {"PaperSize":"A3","FrameColour":"Black"}} and {@code {"framecolour":"black","papersize":"a3"}} agree.
     */
    public static String variantKey(Map<String, String> variant) {
        Map<String, String> sorted = new TreeMap<>();
        variant.forEach((k, v) -> sorted.put(nameKey(k), nameKey(v)));
        return sorted.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";"));
    }
}
