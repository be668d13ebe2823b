package com.podflow.validation.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.podflow.events.RefusalCodes;
import com.podflow.events.ValidationFailed.Finding;
import com.podflow.events.ValidationPassed.ShipmentChoice;
import com.podflow.events.order.Order;
import com.podflow.events.order.OrderItem;

/**
 * Validator {@code rules}: each product is available, may be shipped to the destination and is ordered in an allowed
 * quantity; one of the order's shipment methods can deliver there (the cheapest is chosen); a facility makes all
 * products (one in the destination country if possible); a cross-border order carries retail prices. It never
 * reports what another validator reports: items whose product is unknown are skipped (validator {@code product}), a
 * missing country or quantity is left to validator {@code data}.
 */
public final class BusinessRulesValidator {
    /** The refusal message of the API reference for a cross-border order without retail prices. */
    public static final String CROSS_BORDER_MESSAGE = "Order is failing as it’s going to be cross border and product"
            + " retail prices are missing.";

    /** All findings, or none and the chosen shipment method and facility (either may be null if undecidable). */
    public record Outcome(List<Finding> findings, ShipmentChoice shipment) {
        public Outcome {
            findings = List.copyOf(findings);
        }

        public boolean passed() {
            return findings.isEmpty();
        }
    }

    public Outcome validate(Order order, String clientId, ReferenceData reference) {
        List<Finding> findings = new ArrayList<>();
        if (order == null) {
            return new Outcome(findings, null);
        }
        String country = order.shippingAddress() == null || blank(order.shippingAddress().country())
                ? null
                : Countries.normalize(order.shippingAddress().country());
        List<OrderItem> items = order.items() == null ? List.of() : order.items();

        List<Product> products = new ArrayList<>();
        boolean allKnown = !items.isEmpty();
        for (int i = 0; i < items.size(); i++) {
            ItemProduct resolved = ItemProduct.of(items.get(i), clientId, reference);
            if (resolved instanceof ItemProduct.Known known) {
                products.add(known.product());
                checkItem(findings, "items[" + i + "]", items.get(i), known.product(), country);
            } else {
                allKnown = false; // reported by the product or data validator
            }
        }

        Optional<ShipmentMethod> method = Optional.empty();
        if (country != null) {
            method = cheapestMethod(findings, order.shipmentMethodUid(), country, reference);
        }
        Optional<Facility> facility = Optional.empty();
        if (country != null && allKnown) {
            facility = facility(findings, products, country, reference);
        }
        facility.filter(f -> !f.country().equals(country))
                .ifPresent(f -> checkRetailPrices(findings, order, items));

        ShipmentChoice choice = method.isEmpty() && facility.isEmpty()
                ? null
                : new ShipmentChoice(method.map(ShipmentMethod::uid).orElse(null),
                        method.map(ShipmentMethod::name).orElse(null), method.map(ShipmentMethod::carrier).orElse(null),
                        method.map(ShipmentMethod::tier).orElse(null), method.map(ShipmentMethod::price).orElse(null),
                        method.map(ShipmentMethod::currency).orElse(null),
                        method.map(ShipmentMethod::minDeliveryDays).orElse(null),
                        method.map(ShipmentMethod::maxDeliveryDays).orElse(null),
                        facility.map(Facility::id).orElse(null), facility.map(Facility::country).orElse(null));
        return new Outcome(findings, choice);
    }

    private static void checkItem(List<Finding> findings, String at, OrderItem item, Product product,
            String country) {
        String productField = at + (item.productUid() != null ? ".productUid" : ".productName");
        if (!product.orderable()) {
            findings.add(new Finding(RefusalCodes.PRODUCT_UNAVAILABLE, productField, "product \"" + product.uid()
                    + "\" is currently unavailable; choose another product"));
        } else if (country != null && !product.shipsTo(country)) {
            findings.add(new Finding(RefusalCodes.PRODUCT_UNAVAILABLE, "shippingAddress.country", "product \""
                    + product.uid() + "\" cannot be shipped to " + country + allowedCountries(product)
                    + "; choose another product or destination"));
        }
        Integer quantity = item.quantity();
        if (quantity == null || quantity < 1) {
            return; // the data validator reports it
        }
        if (product.minQuantity() != null && quantity < product.minQuantity()) {
            findings.add(new Finding(RefusalCodes.QUANTITY_LIMIT, at + ".quantity", "quantity " + quantity
                    + " is below the minimum of " + product.minQuantity() + " for product \"" + product.uid()
                    + "\"; order at least " + product.minQuantity()));
        }
        if (product.maxQuantity() != null && quantity > product.maxQuantity()) {
            findings.add(new Finding(RefusalCodes.QUANTITY_LIMIT, at + ".quantity", "quantity " + quantity
                    + " exceeds the maximum of " + product.maxQuantity() + " for product \"" + product.uid()
                    + "\"; order at most " + product.maxQuantity() + " per item, or split the item"));
        }
    }

    private static String allowedCountries(Product product) {
        return product.shipsTo().isEmpty() ? "" : " (it ships to " + String.join(", ", product.shipsTo()) + ")";
    }

    /**
     * The cheapest method the order's list names (uids, carriers or tiers; no list = any method) that delivers to
     * {@code country}; ties go to the faster, then to the uid, so the choice is deterministic.
     */
    private static Optional<ShipmentMethod> cheapestMethod(List<Finding> findings, String requested, String country,
            ReferenceData reference) {
        List<String> tokens = blank(requested)
                ? List.of()
                : Arrays.stream(requested.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
        List<ShipmentMethod> named = tokens.isEmpty()
                ? reference.shipmentMethods()
                : tokens.stream().flatMap(t -> ShipmentMethod.namedBy(t, reference.shipmentMethods()).stream())
                        .distinct().toList();
        Optional<ShipmentMethod> cheapest = named.stream().filter(m -> m.deliversTo(country))
                .min(Comparator.comparing(ShipmentMethod::price, Comparator.nullsLast(BigDecimal::compareTo))
                        .thenComparing(ShipmentMethod::maxDeliveryDays, Comparator.nullsLast(Integer::compareTo))
                        .thenComparing(ShipmentMethod::uid));
        if (cheapest.isEmpty()) {
            Set<String> unknown = new LinkedHashSet<>();
            tokens.stream().filter(t -> ShipmentMethod.namedBy(t, reference.shipmentMethods()).isEmpty())
                    .forEach(unknown::add);
            String possible = reference.shipmentMethods().stream().filter(m -> m.deliversTo(country))
                    .map(ShipmentMethod::uid).collect(Collectors.joining(", "));
            findings.add(new Finding(RefusalCodes.SHIPMENT_NOT_POSSIBLE, "shipmentMethodUid",
                    (tokens.isEmpty()
                            ? "no shipment method can deliver to " + country
                            : "none of the shipment methods \"" + String.join(",", tokens) + "\" can deliver to "
                                    + country)
                            + (unknown.isEmpty() ? "" : " (unknown: " + String.join(", ", unknown) + ")")
                            + (possible.isEmpty()
                                    ? "; check the address's country"
                                    : "; check the address's country, or add one of: " + possible)));
        }
        return cheapest;
    }

    /** A facility that makes every product of the order, preferring one in the destination country. */
    private static Optional<Facility> facility(List<Finding> findings, List<Product> products, String country,
            ReferenceData reference) {
        List<Facility> capable = reference.facilities().stream()
                .filter(f -> products.stream().allMatch(p -> f.makes(p.uid()))).toList();
        Optional<Facility> chosen = capable.stream().filter(f -> f.country().equals(country)).findFirst()
                .or(() -> capable.stream().findFirst());
        if (chosen.isEmpty()) {
            findings.add(new Finding(RefusalCodes.PRODUCT_UNAVAILABLE, "items",
                    "no production facility makes all products of this order together ("
                            + products.stream().map(Product::uid).distinct().collect(Collectors.joining(", "))
                            + "); split the order into one order per product"));
        }
        return chosen;
    }

    private static void checkRetailPrices(List<Finding> findings, Order order, List<OrderItem> items) {
        List<String> missing = new ArrayList<>();
        if (blank(order.retailCurrency())) {
            missing.add("retailCurrency");
        }
        if (order.retailShippingPriceInclVat() == null) {
            missing.add("retailShippingPriceInclVat");
        }
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) != null && items.get(i).retailPriceInclVat() == null) {
                missing.add("items[" + i + "].retailPriceInclVat");
            }
        }
        for (String field : missing) {
            findings.add(new Finding(RefusalCodes.MISSING_RETAIL_PRICES, field,
                    CROSS_BORDER_MESSAGE + " Add " + field + " (customs need retailCurrency,"
                            + " retailShippingPriceInclVat and every items[i].retailPriceInclVat)."));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
