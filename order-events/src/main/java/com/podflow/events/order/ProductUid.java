package com.podflow.events.order;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a catalog {@code productUid} says about itself. The uids of the API reference encode attributes as
 * {@code <family>_<key>_<value>_…[_<orientation>]}, e.g.
 * {@code flat_product_pf_a4_pt_200-gsm-uncoated_cl_4-0_ct_none_prt_none_sft_none_set_none_hor}: family
 * {@code flat_product}, paper format {@code pf=a4}, paper type {@code pt=200-gsm-uncoated}, colours {@code cl=4-0},
 * landscape ({@code hor}). Values never contain {@code _}. Part of the contract because every service that reasons
 * about a product's print size (validators, file checks) must read uids the same way.
 */
public record ProductUid(String value, String family, Map<String, String> attributes, Orientation orientation) {

    /** Attribute keys that may follow the family; the first one found ends the family. */
    public static final Set<String> KEYS = Set.of("pf", "pt", "cl", "ct", "prt", "sft", "set", "bt", "fc", "ft", "fs",
            "hc", "mt", "pc", "gca", "gsc", "gcu", "gqa", "gsi", "gco", "gpr");

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)x(\\d+(?:\\.\\d+)?)-(mm|cm|inch|in)");
    private static final BigDecimal MM_PER_INCH = new BigDecimal("25.4");
    /** ISO 216 A sizes, portrait, in mm. */
    private static final Map<String, int[]> A_SIZES = Map.of("a0", new int[]{841, 1189}, "a1", new int[]{594, 841},
            "a2", new int[]{420, 594}, "a3", new int[]{297, 420}, "a4", new int[]{210, 297}, "a5",
            new int[]{148, 210}, "a6", new int[]{105, 148}, "a7", new int[]{74, 105});

    public ProductUid {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** How the product is printed; {@code null} when the uid does not say. */
    public enum Orientation {
        PORTRAIT("ver"), LANDSCAPE("hor"), SQUARE("sq");

        private final String token;

        Orientation(String token) {
            this.token = token;
        }

        static Optional<Orientation> ofToken(String token) {
            for (Orientation o : values()) {
                if (o.token.equals(token)) {
                    return Optional.of(o);
                }
            }
            return Optional.empty();
        }
    }

    /** A trim size in millimetres, width by height as printed (after the orientation is applied). */
    public record PrintSize(BigDecimal widthMm, BigDecimal heightMm) {}

    /**
     * Reads {@code uid}; empty if it is blank or holds no {@code key_value} attribute at all (so it is not in the
     * structured format and only a catalog lookup can tell what it is).
     */
    public static Optional<ProductUid> parse(String uid) {
        if (uid == null || uid.isBlank()) {
            return Optional.empty();
        }
        List<String> tokens = List.of(uid.trim().split("_", -1));
        int first = -1;
        for (int i = 1; i < tokens.size(); i++) {
            if (KEYS.contains(tokens.get(i))) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            return Optional.empty();
        }
        String family = String.join("_", tokens.subList(0, first));
        Map<String, String> attributes = new LinkedHashMap<>();
        Orientation orientation = null;
        int i = first;
        while (i < tokens.size()) {
            String token = tokens.get(i);
            if (i == tokens.size() - 1) {
                orientation = Orientation.ofToken(token).orElse(null);
                if (orientation == null) {
                    return Optional.empty(); // a key without a value
                }
                break;
            }
            if (token.isEmpty() || tokens.get(i + 1).isEmpty()) {
                return Optional.empty();
            }
            attributes.put(token, tokens.get(i + 1));
            i += 2;
        }
        return Optional.of(new ProductUid(uid.trim(), family, attributes, orientation));
    }

    /** The paper format attribute ({@code pf}), e.g. {@code a4} or {@code 500x700-mm}. */
    public Optional<String> paperFormat() {
        return Optional.ofNullable(attributes.get("pf"));
    }

    /**
     * The trim size the paper format names (A0–A7, or {@code <w>x<h>-mm|cm|inch}), turned to the orientation: landscape
     * puts the longer side horizontally, portrait vertically. Empty for formats it cannot read.
     */
    public Optional<PrintSize> printSize() {
        return paperFormat().flatMap(ProductUid::sizeOf).map(this::oriented);
    }

    private PrintSize oriented(PrintSize size) {
        BigDecimal shorter = size.widthMm().min(size.heightMm());
        BigDecimal longer = size.widthMm().max(size.heightMm());
        if (orientation == Orientation.LANDSCAPE) {
            return new PrintSize(longer, shorter);
        }
        if (orientation == Orientation.PORTRAIT) {
            return new PrintSize(shorter, longer);
        }
        return size;
    }

    private static Optional<PrintSize> sizeOf(String format) {
        int[] a = A_SIZES.get(format);
        if (a != null) {
            return Optional.of(new PrintSize(BigDecimal.valueOf(a[0]), BigDecimal.valueOf(a[1])));
        }
        Matcher m = SIZE.matcher(format);
        if (!m.matches()) {
            return Optional.empty();
        }
        BigDecimal factor = switch (m.group(3)) {
            case "cm" -> BigDecimal.TEN;
            case "inch", "in" -> MM_PER_INCH;
            default -> BigDecimal.ONE;
        };
        return Optional.of(new PrintSize(mm(m.group(1), factor), mm(m.group(2), factor)));
    }

    private static BigDecimal mm(String number, BigDecimal factor) {
        return new BigDecimal(number).multiply(factor).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros();
    }
}
