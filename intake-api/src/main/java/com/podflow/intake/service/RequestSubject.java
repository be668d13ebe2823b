package com.podflow.intake.service;

import jakarta.enterprise.context.RequestScoped;

import com.podflow.events.order.Order;

/**
 * The order (and its customer) that the current API request was about, once the request resolved it: the requests log
 * files the request under it, so that "every request about order X" can be found whether the client named the order
 * by id or by its reference.
 */
@RequestScoped
public class RequestSubject {
    private String orderId;
    private String customerReferenceId;

    public void about(String orderId, Order order) {
        about(orderId, order == null ? null : order.customerReferenceId());
    }

    public void about(String orderId, String customerReferenceId) {
        if (orderId != null) {
            this.orderId = orderId;
        }
        if (customerReferenceId != null) {
            this.customerReferenceId = customerReferenceId;
        }
    }

    public String orderId() {
        return orderId;
    }

    public String customerReferenceId() {
        return customerReferenceId;
    }
}
