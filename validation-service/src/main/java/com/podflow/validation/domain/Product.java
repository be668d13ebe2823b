package com.podflow.validation.domain;

import java.math.BigDecimal;
import java.util.List;

/**
 * A catalog product: its print size (trim, without bleed) and bleed in mm, the lowest resolution that prints well,
 * the print-file types it takes, the quantities one order item may hold, whether it can be ordered now, and where it
 * may be shipped ({@code shipsTo} empty = everywhere, minus {@code notShippedTo}).
 */
public record Product(String uid, String name, String category, BigDecimal widthMm, BigDecimal heightMm,
        BigDecimal bleedMm, Integer minDpi, List<String> fileTypes, Integer minQuantity, Integer maxQuantity,
        Boolean available, List<String> shipsTo, List<String> notShippedTo) {

    public Product {
        fileTypes = fileTypes == null ? List.of() : List.copyOf(fileTypes);
        shipsTo = Countries.normalize(shipsTo);
        notShippedTo = Countries.normalize(notShippedTo);
    }

    /** Whether the product may be shipped to {@code country} (ISO 3166-1 alpha-2). */
    public boolean shipsTo(String country) {
        String c = Countries.normalize(country);
        return (shipsTo.isEmpty() || shipsTo.contains(c)) && !notShippedTo.contains(c);
    }

    public boolean orderable() {
        return !Boolean.FALSE.equals(available);
    }

    public Product withUid(String newUid) {
        return new Product(newUid, name, category, widthMm, heightMm, bleedMm, minDpi, fileTypes, minQuantity,
                maxQuantity, available, shipsTo, notShippedTo);
    }

    public Product withSize(BigDecimal width, BigDecimal height) {
        return new Product(uid, name, category, width, height, bleedMm, minDpi, fileTypes, minQuantity, maxQuantity,
                available, shipsTo, notShippedTo);
    }
}
