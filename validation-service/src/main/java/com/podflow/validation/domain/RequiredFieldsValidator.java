package com.podflow.validation.domain;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.podflow.events.RefusalCodes;
import com.podflow.events.ValidationFailed.Finding;
import com.podflow.events.order.Order;
import com.podflow.events.order.OrderFile;
import com.podflow.events.order.OrderItem;
import com.podflow.events.order.ShippingAddress;

/** Checks that an order holds every field production needs and reports all that are missing, not only the first. */
public final class RequiredFieldsValidator {

    /** Every problem found, in document order; empty when the order has all required fields. */
    public List<Finding> validate(Order order) {
        List<Finding> findings = new ArrayList<>();
        if (order == null) {
            findings.add(missing("order", "the order is empty"));
            return findings;
        }
        requireText(findings, order.orderReferenceId(), "orderReferenceId",
                "your own reference for the order, e.g. \"PO-1042\"");
        requireText(findings, order.currency(), "currency", "ISO 4217 code, e.g. \"EUR\"");
        checkAddress(findings, order.shippingAddress());
        checkItems(findings, order.items());
        return List.copyOf(findings);
    }

    private static void checkAddress(List<Finding> findings, ShippingAddress address) {
        if (address == null) {
            findings.add(missing("shippingAddress",
                    "shippingAddress is required (the recipient's name, address and e-mail)"));
            return;
        }
        String at = "shippingAddress.";
        requireText(findings, address.country(), at + "country", "ISO 3166-1 alpha-2 code, e.g. \"SE\"");
        requireText(findings, address.firstName(), at + "firstName", "the recipient's first name");
        requireText(findings, address.lastName(), at + "lastName", "the recipient's last name");
        requireText(findings, address.addressLine1(), at + "addressLine1", "street and house number");
        requireText(findings, address.city(), at + "city", "the recipient's city");
        requireText(findings, address.postCode(), at + "postCode", "the postal code, e.g. \"11111\"");
        requireText(findings, address.email(), at + "email", "the recipient's e-mail address");
    }

    private static void checkItems(List<Finding> findings, List<OrderItem> items) {
        if (items == null || items.isEmpty()) {
            findings.add(missing("items", "items must hold at least one item to print"));
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            String at = "items[" + i + "]";
            OrderItem item = items.get(i);
            if (item == null) {
                findings.add(missing(at, at + " is empty: give itemReferenceId, a product, quantity and files"));
                continue;
            }
            requireText(findings, item.itemReferenceId(), at + ".itemReferenceId",
                    "your reference for the item, unique within the order");
            checkProduct(findings, item, at);
            if (item.quantity() == null) {
                findings.add(missing(at + ".quantity", at + ".quantity is required (how many to print, at least 1)"));
            } else if (item.quantity() < 1) {
                findings.add(missing(at + ".quantity",
                        at + ".quantity must be at least 1, but is " + item.quantity()));
            }
            checkFiles(findings, item.files(), at);
        }
    }

    /** A catalog product ({@code productUid}) or a customer product ({@code productName}+{@code productVariant}). */
    private static void checkProduct(List<Finding> findings, OrderItem item, String at) {
        boolean uid = hasText(item.productUid());
        boolean name = hasText(item.productName());
        if (uid && name) {
            // not a missing field, but the same kind of mistake in the request: the code says which product is wrong
            findings.add(new Finding(RefusalCodes.INVALID_PRODUCT, at + ".productUid",
                    at + ": give productUid or productName+productVariant, not both"));
        } else if (!uid && !name) {
            findings.add(missing(at + ".productUid",
                    at + ".productUid is required (a catalog product uid), or give productName and productVariant"));
        } else if (name && !hasValue(item.productVariant())) {
            findings.add(missing(at + ".productVariant", at
                    + ".productVariant is required with productName (the variant's attributes, e.g. {\"size\": \"A4\"})"));
        }
    }

    private static void checkFiles(List<Finding> findings, List<OrderFile> files, String item) {
        if (files == null || files.isEmpty()) {
            findings.add(missing(item + ".files",
                    item + ".files must hold at least one print file (its type and a public http(s) url)"));
            return;
        }
        for (int j = 0; j < files.size(); j++) {
            String at = item + ".files[" + j + "]";
            OrderFile file = files.get(j);
            if (file == null) {
                findings.add(missing(at, at + " is empty: give its type and url"));
                continue;
            }
            requireText(findings, file.type(), at + ".type", "the print area, e.g. \"default\"");
            requireText(findings, file.url(), at + ".url", "a public http(s) URL of the print file");
        }
    }

    private static void requireText(List<Finding> findings, String value, String field, String hint) {
        if (!hasText(value)) {
            findings.add(missing(field, field + " is required (" + hint + ")"));
        }
    }

    private static Finding missing(String field, String message) {
        return new Finding(RefusalCodes.MISSING_REQUIRED_FIELD, field, message);
    }

    /** Blank counts as missing: a client that sends {@code ""} has not given the value. */
    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    private static boolean hasValue(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return false;
        }
        if (node.isTextual()) {
            return !node.asText().isBlank();
        }
        return !node.isContainerNode() || !node.isEmpty();
    }
}
