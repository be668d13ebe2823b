package com.podflow.ledger.api;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.podflow.ledger.replay.ReplayService;

/** Time travel through one order, for operators (intake-api: {@code GET /admin/v1/orders/{id}/states}). Blocking. */
@Path("/internal/v1/orders")
@Produces(MediaType.APPLICATION_JSON)
public class OrderStatesResource {
    private final ReplayService replay;

    public OrderStatesResource(ReplayService replay) {
        this.replay = replay;
    }

    /** The order's state after each event of its log, oldest first; 404 for an order without events. */
    @GET
    @Path("/{orderId}/states")
    public List<ReplayService.StateStep> states(@PathParam("orderId") String orderId) {
        return replay.states(orderId);
    }
}
