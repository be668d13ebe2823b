package com.podflow.validation.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import com.podflow.events.RefusalCodes;
import com.podflow.events.ValidationFailed.Finding;
import com.podflow.events.ValidationPassed;
import com.podflow.events.order.Order;
import com.podflow.events.order.OrderItem;
import com.podflow.events.order.ProductUid;

/**
 * Validator {@code product}: each item's {@code productUid} is in the catalog, and each customer product
 * ({@code productName} + {@code productVariant}) exists for the client and is connected to a catalog product. Items
 * that name no product, or both ways, are the data validator's to report.
 */
public final class ProductValidator {

    /** Every problem found, in item order; empty when every item names a catalog product. */
    public List<Finding> validate(Order order, String clientId, ReferenceData reference) {
        List<Finding> findings = new ArrayList<>();
        if (order == null || order.items() == null) {
            return findings;
        }
        for (int i = 0; i < order.items().size(); i++) {
            OrderItem item = order.items().get(i);
            String at = "items[" + i + "]";
            ItemProduct resolved = ItemProduct.of(item, clientId, reference);
            if (resolved instanceof ItemProduct.UnknownUid u) {
                findings.add(new Finding(RefusalCodes.INVALID_PRODUCT, at + ".productUid",
                        "productUid \"" + u.productUid() + "\" is not in the product catalog"
                                + similar(u.productUid(), reference) + "; correct the productUid"));
            } else if (resolved instanceof ItemProduct.UnknownCustomerProduct c) {
                findings.add(new Finding(RefusalCodes.INVALID_PRODUCT, at + ".productName",
                        "no customer product \"" + c.productName() + "\" with productVariant {"
                                + c.variantKey().replace(";", ", ") + "} exists for your account; check productName"
                                + " and productVariant, or use a productUid"));
            } else if (resolved instanceof ItemProduct.NotConnected n) {
                findings.add(new Finding(RefusalCodes.NOT_CONNECTED, at + ".productName",
                        "customer product \"" + n.customerProduct().productName() + "\" with productVariant {"
                                + n.customerProduct().variantKey().replace(";", ", ")
                                + "} is not connected to a catalog product; connect it, then submit the order again"));
            }
            // Known: nothing to report; Unspecified (no product, or both ways): the data validator reports it
        }
        return List.copyOf(findings);
    }

    /**
     * The catalog product each item names, with its print specs, for the production request; items that name none
     * (or an unknown one) are left out.
     */
    public List<ValidationPassed.ResolvedProduct> resolve(Order order, String clientId, ReferenceData reference) {
        List<ValidationPassed.ResolvedProduct> products = new ArrayList<>();
        if (order == null || order.items() == null) {
            return products;
        }
        for (OrderItem item : order.items()) {
            if (ItemProduct.of(item, clientId, reference) instanceof ItemProduct.Known known) {
                Product p = known.product();
                products.add(new ValidationPassed.ResolvedProduct(item.itemReferenceId(), p.uid(), p.name(),
                        p.category(), p.widthMm(), p.heightMm(), p.bleedMm(), p.minDpi(), p.fileTypes()));
            }
        }
        return List.copyOf(products);
    }

    /** A hint naming catalog products of the same family, when the unknown uid is in the structured format. */
    private static String similar(String uid, ReferenceData reference) {
        return ProductUid.parse(uid).map(parsed -> {
            List<String> sameFamily = reference.products().keySet().stream().sorted()
                    .filter(known -> ProductUid.parse(known).map(p -> p.family().equals(parsed.family()))
                            .orElse(false))
                    .limit(3).toList();
            return sameFamily.isEmpty()
                    ? " (no product of family \"" + parsed.family() + "\" exists)"
                    : " (products of family \"" + parsed.family() + "\" include "
                            + sameFamily.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(", ")) + ")";
        }).orElse("");
    }
}
