package com.podflow.intake.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;

import com.fasterxml.jackson.databind.JsonNode;

/** The ledger's read API: order projections, scoped by client. */
@RegisterRestClient(configKey = "ledger")
@Path("/internal/v1/clients/{clientId}/orders")
public interface LedgerClient {

    /** The order's projection; a 404 arrives as a {@link WebApplicationException} and is not retried. */
    @GET
    @Path("/{idOrReference}")
    @Produces(MediaType.APPLICATION_JSON)
    @AsynchronousNonBlocking
    @Timeout(2000)
    @Retry(maxRetries = 2, delay = 100, abortOn = WebApplicationException.class)
    Uni<JsonNode> find(@PathParam("clientId") String clientId, @PathParam("idOrReference") String idOrReference);
}
