package com.podflow.validation.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import com.podflow.events.order.ProductUid;

/**
 * What makes reference data usable by the validators. Each check returns every problem as a message that starts with
 * the field's name, for the admin API's 400 answers and for the files loaded at startup.
 */
public final class ReferenceChecks {
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]{0,199}");

    private ReferenceChecks() {
    }

    /**
     * The product with its size filled in from a structured productUid when the entry gives none (the uid's paper
     * format, e.g. {@code pf_a4} with {@code _hor}, already says 297 × 210 mm).
     */
    public static Product withDefaults(Product product) {
        if (product.widthMm() != null || product.heightMm() != null) {
            return product;
        }
        return ProductUid.parse(product.uid()).flatMap(ProductUid::printSize)
                .map(size -> product.withSize(size.widthMm(), size.heightMm())).orElse(product);
    }

    public static List<String> check(Product p) {
        List<String> problems = new ArrayList<>();
        key(problems, "uid", p.uid());
        text(problems, "name", p.name());
        positive(problems, "widthMm", p.widthMm());
        positive(problems, "heightMm", p.heightMm());
        if (p.bleedMm() == null || p.bleedMm().signum() < 0) {
            problems.add("bleedMm is required and must be 0 or more (mm added on each side, e.g. 3)");
        }
        if (p.minDpi() == null || p.minDpi() < 1) {
            problems.add("minDpi is required and must be at least 1 (e.g. 300)");
        }
        if (p.fileTypes().isEmpty() || p.fileTypes().stream().anyMatch(t -> t == null || !KEY.matcher(t).matches())) {
            problems.add("fileTypes must list at least one print-file type (e.g. \"default\")");
        }
        if (p.minQuantity() != null && p.minQuantity() < 1) {
            problems.add("minQuantity must be at least 1");
        }
        if (p.maxQuantity() != null && p.maxQuantity() < Optional.ofNullable(p.minQuantity()).orElse(1)) {
            problems.add("maxQuantity must be at least minQuantity (or 1)");
        }
        countries(problems, "shipsTo", p.shipsTo());
        countries(problems, "notShippedTo", p.notShippedTo());
        // a structured uid names its print size: the entry must not contradict it
        ProductUid.parse(p.uid()).flatMap(ProductUid::printSize).ifPresent(size -> {
            if (p.widthMm() != null && p.heightMm() != null && (size.widthMm().compareTo(p.widthMm()) != 0
                    || size.heightMm().compareTo(p.heightMm()) != 0)) {
                problems.add("widthMm/heightMm (" + p.widthMm().toPlainString() + " x " + p.heightMm().toPlainString()
                        + ") contradict the productUid's print size " + size.widthMm().toPlainString() + " x "
                        + size.heightMm().toPlainString() + " mm");
            }
        });
        return problems;
    }

    public static List<String> check(ShipmentMethod m) {
        List<String> problems = new ArrayList<>();
        key(problems, "uid", m.uid());
        text(problems, "name", m.name());
        text(problems, "carrier", m.carrier());
        if (m.tier() == null || !ShipmentMethod.TIERS.contains(m.tier())) {
            problems.add("tier must be one of " + ShipmentMethod.TIERS);
        }
        countries(problems, "destinations", m.destinations());
        if (m.price() == null || m.price().signum() < 0) {
            problems.add("price is required and must be 0 or more");
        }
        if (m.currency() == null || !CURRENCY.matcher(m.currency()).matches()) {
            problems.add("currency must be an ISO 4217 code, e.g. \"EUR\"");
        }
        if (m.minDeliveryDays() == null || m.minDeliveryDays() < 0) {
            problems.add("minDeliveryDays is required and must be 0 or more");
        }
        if (m.maxDeliveryDays() == null || m.minDeliveryDays() != null && m.maxDeliveryDays() < m.minDeliveryDays()) {
            problems.add("maxDeliveryDays is required and must be at least minDeliveryDays");
        }
        return problems;
    }

    public static List<String> check(Facility f) {
        List<String> problems = new ArrayList<>();
        key(problems, "id", f.id());
        text(problems, "name", f.name());
        if (f.country() == null || !COUNTRY.matcher(f.country()).matches()) {
            problems.add("country must be an ISO 3166-1 alpha-2 code, e.g. \"DE\"");
        }
        if (f.products().isEmpty() || f.products().stream().anyMatch(uid -> uid == null || uid.isBlank())) {
            problems.add("products must list the uids of the products the facility makes");
        }
        return problems;
    }

    public static List<String> check(CustomerProduct c) {
        List<String> problems = new ArrayList<>();
        text(problems, "clientId", c.clientId());
        text(problems, "productName", c.productName());
        if (c.productVariant().isEmpty()) {
            problems.add("productVariant must hold at least one attribute, e.g. {\"PaperSize\": \"A3\"}");
        }
        if (c.productUid() != null && c.productUid().isBlank()) {
            problems.add("productUid must be a catalog productUid, or null while not connected");
        }
        return problems;
    }

    private static void key(List<String> problems, String field, String value) {
        if (value == null || !KEY.matcher(value).matches()) {
            problems.add(field + " is required: letters, digits, '_', '-' or '.' (at most 200)");
        }
    }

    private static void text(List<String> problems, String field, String value) {
        if (value == null || value.isBlank()) {
            problems.add(field + " is required");
        }
    }

    private static void positive(List<String> problems, String field, BigDecimal value) {
        if (value == null || value.signum() <= 0) {
            problems.add(field + " is required and must be more than 0 (mm)");
        }
    }

    private static void countries(List<String> problems, String field, List<String> countries) {
        countries.stream().filter(c -> !COUNTRY.matcher(c).matches()).findFirst().ifPresent(
                c -> problems.add(field + " must hold ISO 3166-1 alpha-2 codes, e.g. \"SE\" (not \"" + c + "\")"));
    }
}
