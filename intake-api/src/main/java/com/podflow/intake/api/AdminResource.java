package com.podflow.intake.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;

import com.podflow.intake.persistence.ClientRepository;
import com.podflow.support.api.ApiException;

/** Operator API (header {@code X-ADMIN-KEY}): create clients. */
@Path("/admin/v1/clients")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AdminResource {
    private final ClientRepository clients;

    public AdminResource(ClientRepository clients) {
        this.clients = clients;
    }

    /** The request to create a client. */
    public record NewClient(String name) {}

    /** Creates a client; the answer holds its first API key, which is shown only this once. */
    @POST
    public Uni<Response> create(NewClient request) {
        if (request == null || request.name() == null || request.name().isBlank()) {
            throw new ApiException(400, "name is required");
        }
        return clients.create(request.name().trim()).map(created -> Response.status(201).entity(created).build());
    }
}
