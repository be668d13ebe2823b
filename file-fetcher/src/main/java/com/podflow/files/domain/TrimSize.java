package com.podflow.files.domain;

import java.math.BigDecimal;
import java.util.Optional;

import com.podflow.events.order.CustomTrim;
import com.podflow.events.order.ProductUid;

/** The size an item is printed at, in millimetres, width by height as printed; {@code source} says where it came from. */
public record TrimSize(double widthMm, double heightMm, String source) {

    /**
     * The item's {@code customTrim} when it gives both sides, else the size its structured {@code productUid} names;
     * empty when neither says (then only the format is checked).
     */
    public static Optional<TrimSize> of(String productUid, CustomTrim customTrim) {
        if (customTrim != null && positive(customTrim.widthMm()) && positive(customTrim.heightMm())) {
            return Optional.of(new TrimSize(customTrim.widthMm().doubleValue(), customTrim.heightMm().doubleValue(),
                    "customTrim"));
        }
        return ProductUid.parse(productUid).flatMap(ProductUid::printSize)
                .map(size -> new TrimSize(size.widthMm().doubleValue(), size.heightMm().doubleValue(), "productUid"));
    }

    /** The trim grown by {@code bleedMm} on every side. */
    public TrimSize withBleed(double bleedMm) {
        return new TrimSize(widthMm + 2 * bleedMm, heightMm + 2 * bleedMm, source);
    }

    /** {@code 210×297 mm}. */
    public String describe() {
        return Numbers.mm(widthMm) + "×" + Numbers.mm(heightMm) + " mm";
    }

    private static boolean positive(BigDecimal value) {
        return value != null && value.signum() > 0;
    }
}
