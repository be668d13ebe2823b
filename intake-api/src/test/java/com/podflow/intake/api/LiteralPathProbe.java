package com.podflow.intake.api;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Test only: a resource of its own at a literal path below {@code /admin/v1/orders}, as {@code /admin/v1/orders/stalled}
 * is (issue 11, item 4), to show that {@link AdminOrderResource}'s {@code {idOrReference}} does not swallow such a path
 * (JAX-RS prefers the template with more literal characters). Not at {@code /stalled} itself, which the stalled-orders
 * resource serves.
 */
@Path("/admin/v1/orders/literal-probe")
@Produces(MediaType.APPLICATION_JSON)
public class LiteralPathProbe {
    @GET
    @Operation(hidden = true)
    public Map<String, Object> stalled() {
        return Map.of("probe", "literal");
    }
}
