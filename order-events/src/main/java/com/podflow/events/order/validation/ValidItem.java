package com.podflow.events.order.validation;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.HashSet;
import java.util.Set;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import com.podflow.events.order.OrderFile;
import com.podflow.events.order.OrderItem;

/**
 * An item names its product one way: a catalog {@code productUid}, or a customer product {@code productName} with its
 * {@code productVariant}, never both; each file {@code type} appears once among the item's files.
 */
@Target({TYPE, TYPE_USE})
@Retention(RUNTIME)
@Constraint(validatedBy = ValidItem.Validator.class)
public @interface ValidItem {
    String message() default "is not a valid item";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Reports each problem on its own field. */
    class Validator implements ConstraintValidator<ValidItem, OrderItem> {
        @Override
        public boolean isValid(OrderItem item, ConstraintValidatorContext context) {
            if (item == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            boolean valid = true;
            boolean uid = !isBlank(item.productUid());
            boolean name = !isBlank(item.productName());
            boolean variant = item.productVariant() != null && !item.productVariant().isNull()
                    && !(item.productVariant().isContainerNode() && item.productVariant().isEmpty());
            if (uid && (name || variant)) {
                valid = violation(context, "productUid", "and productName/productVariant exclude each other: give"
                        + " either a catalog productUid or a customer product's productName with productVariant");
            } else if (!uid && !name) {
                valid = violation(context, "productUid", OrderViolations.REQUIRED
                        + " (or productName with productVariant for a customer product)");
            } else if (name && !variant) {
                valid = violation(context, "productVariant", OrderViolations.REQUIRED + " with productName");
            } else if (!uid && variant && !name) {
                valid = violation(context, "productName", OrderViolations.REQUIRED + " with productVariant");
            }
            if (item.files() != null) {
                Set<String> types = new HashSet<>();
                for (int i = 0; i < item.files().size(); i++) {
                    OrderFile file = item.files().get(i);
                    if (file != null && file.type() != null && !types.add(file.type())) {
                        context.buildConstraintViolationWithTemplate(OrderViolations.escape("type \"" + file.type()
                                + "\" appears more than once; each file type may appear once per item"))
                                .addPropertyNode("files")
                                .addPropertyNode("type").inIterable().atIndex(i)
                                .addConstraintViolation();
                        valid = false;
                    }
                }
            }
            return valid;
        }

        private static boolean violation(ConstraintValidatorContext context, String field, String message) {
            context.buildConstraintViolationWithTemplate(OrderViolations.escape(message))
                    .addPropertyNode(field)
                    .addConstraintViolation();
            return false;
        }

        private static boolean isBlank(String value) {
            return value == null || value.isBlank();
        }
    }
}
