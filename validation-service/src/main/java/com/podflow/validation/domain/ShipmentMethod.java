package com.podflow.validation.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A way to ship an order: its uid (what {@code shipmentMethodUid} names), carrier, service tier ({@code normal} or
 * {@code express}), the countries it delivers to ({@code destinations} empty = everywhere), its price and delivery
 * time.
 */
public record ShipmentMethod(String uid, String name, String carrier, String tier, List<String> destinations,
        BigDecimal price, String currency, Integer minDeliveryDays, Integer maxDeliveryDays) {

    public static final List<String> TIERS = List.of("normal", "express");

    public ShipmentMethod {
        destinations = Countries.normalize(destinations);
    }

    public boolean deliversTo(String country) {
        return destinations.isEmpty() || destinations.contains(Countries.normalize(country));
    }

    /**
     * The methods one entry of a {@code shipmentMethodUid} list names: the method with that uid if there is one, else
     * the carrier's methods, else the tier's ({@code normal} is both a method uid and a tier: the uid wins).
     */
    public static List<ShipmentMethod> namedBy(String token, List<ShipmentMethod> methods) {
        String t = lower(token);
        for (var name : List.<Function<ShipmentMethod, String>>of(ShipmentMethod::uid,
                ShipmentMethod::carrier, ShipmentMethod::tier)) {
            List<ShipmentMethod> named = methods.stream()
                    .filter(m -> lower(name.apply(m)).equals(t) || lower(name.apply(m)).replace(" ", "").equals(t))
                    .toList();
            if (!named.isEmpty()) {
                return named;
            }
        }
        return List.of();
    }

    public ShipmentMethod withUid(String newUid) {
        return new ShipmentMethod(newUid, name, carrier, tier, destinations, price, currency, minDeliveryDays,
                maxDeliveryDays);
    }

    private static String lower(String s) {
        return s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
    }
}
