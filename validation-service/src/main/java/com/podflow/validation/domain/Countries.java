package com.podflow.validation.domain;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** Country codes as the reference data compares them: trimmed, upper case. */
final class Countries {
    private Countries() {
    }

    static String normalize(String country) {
        return country == null ? null : country.trim().toUpperCase(Locale.ROOT);
    }

    static List<String> normalize(List<String> countries) {
        return countries == null
                ? List.of()
                : countries.stream().filter(Objects::nonNull).map(Countries::normalize).distinct().toList();
    }
}
