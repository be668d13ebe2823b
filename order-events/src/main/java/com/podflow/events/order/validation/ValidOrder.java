package com.podflow.events.order.validation;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import com.podflow.events.order.Order;
import com.podflow.events.order.OrderItem;
import com.podflow.events.order.PackagingInstruction;
import com.podflow.events.order.PackagingInstruction.PackageItem;

/**
 * Rules across the order's parts: {@code itemReferenceId}s are unique; packaging instructions refer to existing items
 * and do not pack more of an item than was ordered.
 */
@Target(TYPE)
@Retention(RUNTIME)
@Constraint(validatedBy = ValidOrder.Validator.class)
public @interface ValidOrder {
    String message() default "is not a valid order";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Reports each problem on its own field. */
    class Validator implements ConstraintValidator<ValidOrder, Order> {
        @Override
        public boolean isValid(Order order, ConstraintValidatorContext context) {
            if (order == null || order.items() == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            boolean valid = true;
            Map<String, Integer> ordered = new HashMap<>();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < order.items().size(); i++) {
                OrderItem item = order.items().get(i);
                if (item == null || item.itemReferenceId() == null) {
                    continue;
                }
                if (!seen.add(item.itemReferenceId())) {
                    valid = false;
                    context.buildConstraintViolationWithTemplate(OrderViolations.escape("\"" + item.itemReferenceId()
                            + "\" is used by more than one item; each item needs its own itemReferenceId"))
                            .addPropertyNode("items")
                            .addPropertyNode("itemReferenceId").inIterable().atIndex(i)
                            .addConstraintViolation();
                }
                ordered.merge(item.itemReferenceId(), item.quantity() == null ? 0 : item.quantity(), Integer::sum);
            }
            if (order.packagingInstructions() == null) {
                return valid;
            }
            Map<String, Integer> packed = new HashMap<>();
            for (int p = 0; p < order.packagingInstructions().size(); p++) {
                PackagingInstruction instruction = order.packagingInstructions().get(p);
                if (instruction == null || instruction.packageItems() == null) {
                    continue;
                }
                for (int i = 0; i < instruction.packageItems().size(); i++) {
                    PackageItem packageItem = instruction.packageItems().get(i);
                    if (packageItem == null || packageItem.orderItemReferenceId() == null) {
                        continue;
                    }
                    String reference = packageItem.orderItemReferenceId();
                    String path = "packagingInstructions[" + p + "].packageItems[" + i + "]";
                    if (!ordered.containsKey(reference)) {
                        valid = false;
                        context.buildConstraintViolationWithTemplate(OrderViolations.escape("\"" + reference
                                + "\" is not the itemReferenceId of any item of this order"))
                                .addPropertyNode(path + ".orderItemReferenceId")
                                .addConstraintViolation();
                        continue;
                    }
                    int total = packed.merge(reference,
                            packageItem.quantity() == null ? 0 : packageItem.quantity(), Integer::sum);
                    if (total > ordered.get(reference)) {
                        valid = false;
                        context.buildConstraintViolationWithTemplate(OrderViolations.escape("packs " + total
                                + " of item \"" + reference + "\" in all, but only " + ordered.get(reference)
                                + " were ordered"))
                                .addPropertyNode(path + ".quantity")
                                .addConstraintViolation();
                    }
                }
            }
            return valid;
        }
    }
}
