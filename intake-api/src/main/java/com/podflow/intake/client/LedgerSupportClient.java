package com.podflow.intake.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The ledger's operator API (across clients; issue 11): stalled orders, what one order waits for, the production
 * request's re-drive. A 4xx arrives as a {@link WebApplicationException} and is not retried.
 */
@RegisterRestClient(configKey = "ledger")
@Path("/internal/v1")
public interface LedgerSupportClient {

    /** {@code {"orders": [...]}}, longest waiting first; a read, retried. */
    @GET
    @Path("/orders/stalled")
    @Produces(MediaType.APPLICATION_JSON)
    @AsynchronousNonBlocking
    @Timeout(5000)
    @Retry(maxRetries = 2, delay = 100, abortOn = WebApplicationException.class)
    Uni<JsonNode> stalled(@QueryParam("limit") int limit, @QueryParam("offset") int offset);

    /** {@code {id, clientId, fulfillmentStatus, attempt, waitingFor}}; 404 for an unknown order. */
    @GET
    @Path("/support/orders/{orderId}/waiting-for")
    @Produces(MediaType.APPLICATION_JSON)
    @AsynchronousNonBlocking
    @Timeout(2000)
    @Retry(maxRetries = 2, delay = 100, abortOn = WebApplicationException.class)
    Uni<JsonNode> waitingFor(@PathParam("orderId") String orderId);

    /** 202 with the event re-sent; 409 when the order does not wait for its facility; 404. Idempotent: retried. */
    @POST
    @Path("/support/orders/{orderId}/redrive/production")
    @Produces(MediaType.APPLICATION_JSON)
    @AsynchronousNonBlocking
    @Timeout(5000)
    @Retry(maxRetries = 2, delay = 100, abortOn = WebApplicationException.class)
    Uni<JsonNode> redriveProduction(@PathParam("orderId") String orderId);
}
