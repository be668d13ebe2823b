package com.podflow.intake.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

    /** A search over the client's orders (a read: retried like {@link #find}). */
    @POST
    @Path("/search")
    @Produces(MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_JSON)
    @AsynchronousNonBlocking
    @Timeout(5000)
    @Retry(maxRetries = 2, delay = 100, abortOn = WebApplicationException.class)
    Uni<JsonNode> search(@PathParam("clientId") String clientId, JsonNode query);
}
