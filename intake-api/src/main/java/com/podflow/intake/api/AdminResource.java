package com.podflow.intake.api;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;

import com.podflow.intake.persistence.ClientRepository;
import com.podflow.intake.persistence.CustomerRepository;
import com.podflow.support.api.ApiException;

/** Operator API (header {@code X-ADMIN-KEY}): clients, their API keys, rate limits, customers and postback URLs. */
@Path("/admin/v1/clients")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AdminResource {
    private final ClientRepository clients;
    private final CustomerRepository customers;
    private final NotificationForwarder notifications;

    public AdminResource(ClientRepository clients, CustomerRepository customers, NotificationForwarder notifications) {
        this.clients = clients;
        this.customers = customers;
        this.notifications = notifications;
    }

    /** The request to create a client. */
    public record NewClient(String name) {}

    /** A client's own rate limit; {@code null} returns it to the default. */
    public record RateLimitSetting(Integer perSecond) {}

    /** Creates a client; the answer holds its first API key, which is shown only this once. */
    @POST
    public Uni<Response> create(NewClient request) {
        if (request == null || request.name() == null || request.name().isBlank()) {
            throw new ApiException(400, "name is required");
        }
        if (request.name().length() > 200) {
            throw new ApiException(400, "name must be at most 200 characters");
        }
        return clients.create(request.name().trim()).map(created -> Response.status(201).entity(created).build());
    }

    /** A further API key for the client, for rotation: shown only this once; the old keys stay valid until revoked. */
    @POST
    @Path("/{clientId}/keys")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> addKey(@PathParam("clientId") String clientId) {
        return clients.addKey(clientId).map(key -> Response.status(201)
                .entity(Map.of("clientId", clientId, "apiKey", key.orElseThrow(() -> notFound(clientId))))
                .build());
    }

    @GET
    @Path("/{clientId}/keys")
    public Uni<List<ClientRepository.KeyInfo>> keys(@PathParam("clientId") String clientId) {
        return clients.keys(clientId).map(keys -> keys.orElseThrow(() -> notFound(clientId)));
    }

    @DELETE
    @Path("/{clientId}/keys/{keyId}")
    public Uni<Response> revokeKey(@PathParam("clientId") String clientId, @PathParam("keyId") String keyId) {
        return clients.revokeKey(clientId, keyId).map(revoked -> {
            if (!revoked) {
                throw new ApiException(404, "Client '" + clientId + "' has no active key '" + keyId + "'");
            }
            return Response.noContent().build();
        });
    }

    @PUT
    @Path("/{clientId}/rate-limit")
    public Uni<Map<String, Object>> setRateLimit(@PathParam("clientId") String clientId,
            RateLimitSetting setting) {
        Integer perSecond = setting == null ? null : setting.perSecond();
        if (perSecond != null && (perSecond < 1 || perSecond > 100_000)) {
            throw new ApiException(400, "perSecond must be between 1 and 100000, or null for the default");
        }
        return clients.setRateLimit(clientId, perSecond).map(found -> {
            if (!found) {
                throw notFound(clientId);
            }
            return perSecond == null
                    ? Map.<String, Object>of("clientId", clientId, "perSecond", "default")
                    : Map.<String, Object>of("clientId", clientId, "perSecond", perSecond);
        });
    }

    @POST
    @Path("/{clientId}/customers")
    public Uni<Response> createCustomer(@PathParam("clientId") String clientId,
            CustomerResource.NewCustomer request) {
        return CustomerResource.create(customers, clientId, request);
    }

    @GET
    @Path("/{clientId}/customers")
    public Uni<List<CustomerRepository.Customer>> customers(@PathParam("clientId") String clientId,
            @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        return clients.exists(clientId).flatMap(exists -> {
            if (!exists) {
                throw notFound(clientId);
            }
            return CustomerResource.list(customers, clientId, limit, offset);
        });
    }

    /**
     * A client's postback URL, set, read or removed by an operator: forwarded to notification-service like the
     * client's own {@code /v1/postback} (same bodies and answers, see notification-service/README.md).
     */
    @GET
    @Path("/{clientId}/postback")
    public Uni<Response> postback(@PathParam("clientId") String clientId) {
        return forPostback(clientId, HttpMethod.GET, null);
    }

    @PUT
    @Path("/{clientId}/postback")
    public Uni<Response> setPostback(@PathParam("clientId") String clientId, byte[] body) {
        return forPostback(clientId, HttpMethod.PUT, body);
    }

    @DELETE
    @Path("/{clientId}/postback")
    public Uni<Response> deletePostback(@PathParam("clientId") String clientId) {
        return forPostback(clientId, HttpMethod.DELETE, null);
    }

    private Uni<Response> forPostback(String clientId, HttpMethod method, byte[] body) {
        return clients.exists(clientId).flatMap(exists -> {
            if (!exists) {
                throw notFound(clientId);
            }
            return notifications.forward(clientId, method, "/postback", null, body);
        });
    }

    private static ApiException notFound(String clientId) {
        return new ApiException(404, "Client '" + clientId + "' not found");
    }
}
