package com.podflow.intake.api;

import jakarta.enterprise.context.RequestScoped;

import com.podflow.support.api.ApiException;

/** The client the request's API key authenticated (set by {@link AuthFilters}). */
@RequestScoped
public class CurrentClient {
    private String id;
    private String keyId;

    public String id() {
        if (id == null) {
            throw new ApiException(401, "Missing X-API-KEY header (format key:secret)");
        }
        return id;
    }

    /** The client, or {@code null} when the request was not authenticated (for the requests log). */
    public String idOrNull() {
        return id;
    }

    /** The key id of the API key that authenticated the request, or {@code null}. */
    public String keyIdOrNull() {
        return keyId;
    }

    public void authenticated(String clientId, String keyId) {
        this.id = clientId;
        this.keyId = keyId;
    }
}
