package com.podflow.intake.api;

import jakarta.enterprise.context.RequestScoped;

import com.podflow.support.api.ApiException;

/** The client the request's API key authenticated (set by {@link AuthFilters}). */
@RequestScoped
public class CurrentClient {
    private String id;

    public String id() {
        if (id == null) {
            throw new ApiException(401, "Missing X-API-KEY header (format key:secret)");
        }
        return id;
    }

    void authenticated(String clientId) {
        this.id = clientId;
    }
}
