package com.podflow.validation.domain;

import java.util.List;

/** A production facility: where it is and which catalog products (by uid) it makes. */
public record Facility(String id, String name, String country, List<String> products) {

    public Facility {
        country = Countries.normalize(country);
        products = products == null ? List.of() : List.copyOf(products);
    }

    public boolean makes(String productUid) {
        return products.contains(productUid);
    }

    public Facility withId(String newId) {
        return new Facility(newId, name, country, products);
    }
}
