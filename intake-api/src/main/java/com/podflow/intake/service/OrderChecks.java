package com.podflow.intake.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;

import com.podflow.events.ValidationFailed.Finding;
import com.podflow.events.order.Order;
import com.podflow.events.order.ShippingAddress;
import com.podflow.events.order.validation.OrderViolations;
import com.podflow.support.api.ApiError;
import com.podflow.support.api.ApiException;

/**
 * The Order API's 400s: the order's own constraints (declared on the contract records in order-events, the same ones
 * the data validator applies to orders from other channels), answered with a message that names every field at fault.
 */
@ApplicationScoped
public class OrderChecks {
    private final Validator validator;

    public OrderChecks(Validator validator) {
        this.validator = validator;
    }

    public void check(Order order) {
        refuseIfAny(OrderViolations.findings(validator.validate(order)));
    }

    /** A shipping address on its own (a shipment update), with its fields named as in the order. */
    public void check(ShippingAddress address) {
        refuseIfAny(OrderViolations.findings(validator.validate(address), "shippingAddress."));
    }

    private static void refuseIfAny(List<Finding> findings) {
        if (!findings.isEmpty()) {
            throw new ApiException(400, OrderViolations.apiMessage(findings), findings.stream()
                    .map(f -> new ApiError.FieldError(f.field(), f.code(), f.message()))
                    .toList(), null);
        }
    }
}
