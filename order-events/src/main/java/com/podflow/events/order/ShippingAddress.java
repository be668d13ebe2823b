package com.podflow.events.order;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.podflow.events.order.validation.IsoCountry;
import com.podflow.events.order.validation.OrderViolations;
import com.podflow.events.order.validation.ValidShippingAddress;

/** The recipient's address; {@link ValidShippingAddress} holds the rules that depend on the country. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidShippingAddress
public record ShippingAddress(
        @NotBlank(message = OrderViolations.REQUIRED) @IsoCountry String country,
        @NotBlank(message = OrderViolations.REQUIRED) @Size(max = 100) String firstName,
        @NotBlank(message = OrderViolations.REQUIRED) @Size(max = 100) String lastName,
        @Size(max = 200) String companyName,
        @NotBlank(message = OrderViolations.REQUIRED) @Size(max = 200) String addressLine1,
        @Size(max = 200) String addressLine2,
        @NotBlank(message = OrderViolations.REQUIRED) @Size(max = 100) String city,
        @Size(max = 20) String postCode,
        @Size(max = 100) String state,
        @NotBlank(message = OrderViolations.REQUIRED) @Size(max = 254) @Email(message = "is not a valid format (an e-mail address such as \"me@example.com\")") @Pattern(regexp = ".+@[^@]+\\.[^@.]+", message = "is not a valid format (an e-mail address such as \"me@example.com\")") String email,
        @NotBlank(message = OrderViolations.REQUIRED) @Size(max = 30) String phone,
        @JsonProperty("isBusiness") Boolean isBusiness,
        @Size(max = 50) String federalTaxId,
        @Size(max = 50) String stateTaxId,
        @Size(max = 100) String registrationState) {}
