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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;

import com.podflow.intake.api.openapi.ApiDefinition;
import com.podflow.intake.api.openapi.ApiSchemas;
import com.podflow.intake.persistence.ClientRepository;
import com.podflow.intake.persistence.CustomerRepository;
import com.podflow.support.api.ApiException;

/** Operator API (header {@code X-ADMIN-KEY}): clients, their API keys, rate limits, customers and postback URLs. */
@Path("/admin/v1/clients")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = ApiDefinition.ADMIN)
public class AdminResource {
    private static final String CLIENT = "The client's id";
    private final ClientRepository clients;
    private final CustomerRepository customers;
    private final NotificationForwarder notifications;

    public AdminResource(ClientRepository clients, CustomerRepository customers, NotificationForwarder notifications) {
        this.clients = clients;
        this.customers = customers;
        this.notifications = notifications;
    }

    /** The request to create a client. */
    @Schema(requiredProperties = "name")
    public record NewClient(@Schema(minLength = 1, maxLength = 200, pattern = "\\S") String name) {}

    /** A client's own rate limit; {@code null} returns it to the default. */
    public record RateLimitSetting(
            @Schema(minimum = "1", maximum = "100000", description = "Requests per second; null for the default") Integer perSecond) {}

    /** Creates a client; the answer holds its first API key, which is shown only this once. */
    @POST
    @Operation(operationId = "createClient", summary = "Create a client", description = "The answer holds the"
            + " client's first API key (key:secret), shown only this once.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = ClientRepository.CreatedClient.class)))
    public Uni<Response> create(@RequestBody(required = true) NewClient request) {
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
    @Operation(operationId = "addClientKey", summary = "Add an API key", description = "For rotation: the new key is"
            + " shown only this once; the old keys stay valid until revoked.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = ApiSchemas.NewApiKey.class)))
    public Uni<Response> addKey(@Parameter(description = CLIENT) @PathParam("clientId") String clientId) {
        return clients.addKey(clientId).map(key -> Response.status(201)
                .entity(Map.of("clientId", clientId, "apiKey", key.orElseThrow(() -> notFound(clientId))))
                .build());
    }

    @GET
    @Path("/{clientId}/keys")
    @Operation(operationId = "listClientKeys", summary = "List a client's keys", description = "Key ids with their"
            + " creation and revocation times; never the secrets.")
    @APIResponse(responseCode = "200", description = "The keys")
    public Uni<List<ClientRepository.KeyInfo>> keys(
            @Parameter(description = CLIENT) @PathParam("clientId") String clientId) {
        return clients.keys(clientId).map(keys -> keys.orElseThrow(() -> notFound(clientId)));
    }

    @DELETE
    @Path("/{clientId}/keys/{keyId}")
    @Operation(operationId = "revokeClientKey", summary = "Revoke an API key", description = "The key stops working"
            + " at once.")
    @APIResponse(responseCode = "204", description = "Revoked")
    public Uni<Response> revokeKey(@Parameter(description = CLIENT) @PathParam("clientId") String clientId,
            @Parameter(description = "The key id (the part before the colon)") @PathParam("keyId") String keyId) {
        return clients.revokeKey(clientId, keyId).map(revoked -> {
            if (!revoked) {
                throw new ApiException(404, "Client '" + clientId + "' has no active key '" + keyId + "'");
            }
            return Response.noContent().build();
        });
    }

    @PUT
    @Path("/{clientId}/rate-limit")
    @Operation(operationId = "setClientRateLimit", summary = "Set a client's rate limit", description = "Requests per"
            + " second (1-100000), or null for the default.")
    @APIResponse(responseCode = "200", description = "The limit now in force", content = @Content(schema = @Schema(implementation = ApiSchemas.RateLimit.class)))
    public Uni<Map<String, Object>> setRateLimit(
            @Parameter(description = CLIENT) @PathParam("clientId") String clientId,
            @RequestBody(required = true) RateLimitSetting setting) {
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
    @Operation(operationId = "createClientCustomer", summary = "Register a customer for a client", description = "As"
            + " createCustomer, for any client.")
    @APIResponse(responseCode = "201", description = "Registered", content = @Content(schema = @Schema(implementation = CustomerRepository.Customer.class)))
    @APIResponse(responseCode = "409", description = "The client has a customer with this reference")
    public Uni<Response> createCustomer(@Parameter(description = CLIENT) @PathParam("clientId") String clientId,
            @RequestBody(required = true) CustomerResource.NewCustomer request) {
        return CustomerResource.create(customers, clientId, request);
    }

    @GET
    @Path("/{clientId}/customers")
    @Operation(operationId = "listClientCustomers", summary = "List a client's customers", description = "As"
            + " listCustomers, for any client.")
    @APIResponse(responseCode = "200", description = "The customers")
    public Uni<List<CustomerRepository.Customer>> customers(
            @Parameter(description = CLIENT) @PathParam("clientId") String clientId,
            @Parameter(description = "At most this many (1-100)", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "100")) @QueryParam("limit") String limit,
            @Parameter(description = "Skip this many", schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) @QueryParam("offset") String offset) {
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
    @Operation(operationId = "getClientPostback", summary = "Get a client's postback URL", description = "As getPostback, for any client; 404 when the client has none.")
    @APIResponse(responseCode = "200", description = "The postback target", content = @Content(schema = @Schema(implementation = ApiSchemas.Postback.class)))
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    public Uni<Response> postback(@Parameter(description = CLIENT) @PathParam("clientId") String clientId) {
        return forPostback(clientId, HttpMethod.GET, null);
    }

    @PUT
    @Path("/{clientId}/postback")
    @Operation(operationId = "setClientPostback", summary = "Set a client's postback URL", description = "As setPostback, for any client: every status change of the client's orders is posted there.")
    @APIResponse(responseCode = "200", description = "The postback target", content = @Content(schema = @Schema(implementation = ApiSchemas.Postback.class)))
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    public Uni<Response> setPostback(@Parameter(description = CLIENT) @PathParam("clientId") String clientId,
            @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ApiSchemas.PostbackRequest.class))) byte[] body) {
        return forPostback(clientId, HttpMethod.PUT, body);
    }

    @DELETE
    @Path("/{clientId}/postback")
    @Operation(operationId = "deleteClientPostback", summary = "Remove a client's postback URL", description = "As deletePostback, for any client.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    public Uni<Response> deletePostback(@Parameter(description = CLIENT) @PathParam("clientId") String clientId) {
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
