package com.podflow.intake.api;

import jakarta.enterprise.context.RequestScoped;

import com.podflow.support.api.ApiException;

/** The facility the request's {@code X-FACILITY-KEY} authenticated (set by {@link AuthFilters}). */
@RequestScoped
public class CurrentFacility {
    private String id;

    public String id() {
        if (id == null) {
            throw new ApiException(401, "Missing X-FACILITY-KEY header (format key:secret)");
        }
        return id;
    }

    void authenticated(String facilityId) {
        this.id = facilityId;
    }
}
