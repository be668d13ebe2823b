package com.podflow.events.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The recipient's address. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShippingAddress(
        String country,
        String firstName,
        String lastName,
        String companyName,
        String addressLine1,
        String addressLine2,
        String city,
        String postCode,
        String state,
        String email,
        String phone,
        @JsonProperty("isBusiness") Boolean isBusiness,
        String federalTaxId,
        String stateTaxId,
        String registrationState) {}
