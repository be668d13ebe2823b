package com.podflow.events.order.validation;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import com.podflow.events.RefusalCodes;
import com.podflow.events.ValidationFailed.Finding;

/**
 * Turns Bean Validation's violations of the order's constraints into what the two places that enforce them say: the
 * Order API's 400 message, and the data validator's findings with refusal codes. One definition, two uses.
 */
public final class OrderViolations {
    /** Messages of "this field is missing" start with this; they map to {@code missing_required_field}. */
    public static final String REQUIRED = "is required";

    private static final Set<Class<? extends Annotation>> REQUIRED_CONSTRAINTS = Set.of(NotNull.class,
            NotBlank.class, NotEmpty.class);
    private static final Pattern PRODUCT_FIELD = Pattern
            .compile("items\\[\\d+]\\.(productUid|productName|productVariant)");

    private OrderViolations() {
    }

    /** One finding per violation, ordered by field so that the answer is stable. */
    public static List<Finding> findings(Set<? extends ConstraintViolation<?>> violations) {
        return findings(violations, "");
    }

    /**
     * The same for a part of an order validated on its own, e.g. a shipping address with prefix
     * {@code shippingAddress.}, so that fields and codes are named as in the whole order.
     */
    public static List<Finding> findings(Set<? extends ConstraintViolation<?>> violations, String pathPrefix) {
        return violations.stream()
                .map(v -> {
                    String field = pathPrefix + field(v);
                    return new Finding(refusalCode(v, field), field, field + " " + v.getMessage());
                })
                .sorted(Comparator.comparing(Finding::field).thenComparing(Finding::message))
                .distinct()
                .toList();
    }

    /** The refusal code of one violation (SPEC §4): what kind of fix the client has to make. */
    public static String refusalCode(ConstraintViolation<?> violation) {
        return refusalCode(violation, field(violation));
    }

    private static String refusalCode(ConstraintViolation<?> violation, String field) {
        Class<? extends Annotation> type = violation.getConstraintDescriptor().getAnnotation().annotationType();
        if (REQUIRED_CONSTRAINTS.contains(type) || violation.getMessage().startsWith(REQUIRED)) {
            return RefusalCodes.MISSING_REQUIRED_FIELD;
        }
        if (field.equals("shippingAddress.email")) {
            return RefusalCodes.INVALID_EMAIL;
        }
        if (field.equals("shippingAddress.phone")) {
            return RefusalCodes.INVALID_PHONE;
        }
        if (field.startsWith("shippingAddress")) {
            return RefusalCodes.INVALID_ADDRESS;
        }
        if (PRODUCT_FIELD.matcher(field).matches()) {
            return RefusalCodes.INVALID_PRODUCT;
        }
        return RefusalCodes.INVALID_FIELD;
    }

    /**
     * The Order API's 400 message: the findings grouped by part of the order, in the seed's style, e.g.
     * {@code Invalid shipping address: shippingAddress.email is not a valid e-mail address}.
     */
    public static String apiMessage(List<Finding> findings) {
        Map<String, List<String>> bySection = new LinkedHashMap<>();
        for (Finding finding : findings) {
            bySection.computeIfAbsent(section(finding.field()), s -> new ArrayList<>()).add(finding.message());
        }
        return bySection.entrySet().stream()
                .map(e -> "Invalid " + e.getKey() + ": " + String.join("; ", e.getValue()))
                .collect(Collectors.joining(". "));
    }

    /**
     * Escapes a message that holds client data for use as a constraint message template, so that braces and dollar
     * signs in it are shown as they are and never interpreted (expression language injection).
     */
    public static String escape(String message) {
        return message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
    }

    private static String field(ConstraintViolation<?> violation) {
        return violation.getPropertyPath().toString();
    }

    private static String section(String field) {
        if (field.startsWith("shippingAddress")) {
            return "shipping address";
        }
        if (field.startsWith("items")) {
            return "items";
        }
        if (field.startsWith("packagingInstructions")) {
            return "packaging instructions";
        }
        return "order";
    }
}
