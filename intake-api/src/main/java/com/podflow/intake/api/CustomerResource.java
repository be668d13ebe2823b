package com.podflow.intake.api;

import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

import com.podflow.intake.api.openapi.ApiDefinition;
import com.podflow.intake.persistence.CustomerRepository;
import com.podflow.intake.persistence.CustomerRepository.Customer;
import com.podflow.support.api.ApiException;

/**
 * A client's own customers: {@code POST /v1/customers} registers one, {@code GET /v1/customers} lists them,
 * {@code GET /v1/customers/{id or customerReferenceId}} reads one. Operators do the same for any client under
 * {@code /admin/v1/clients/{clientId}/customers}.
 */
@Path("/v1/customers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDefinition.CUSTOMERS)
public class CustomerResource {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final CustomerRepository customers;
    private final CurrentClient client;

    public CustomerResource(CustomerRepository customers, CurrentClient client) {
        this.customers = customers;
        this.client = client;
    }

    /** The request to register a customer. */
    @Schema(requiredProperties = "customerReferenceId")
    public record NewCustomer(
            @Schema(minLength = 1, maxLength = 255, pattern = "^[^\\x00-\\x1F\\x7F-\\x9F]*$", description = "The client's own"
                    + " reference, unique per client") String customerReferenceId,
            @Schema(maxLength = 200, pattern = "^[^\\x00-\\x1F\\x7F-\\x9F]*$") String name,
            @Schema(maxLength = 254, format = "email", pattern = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$") String email) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createCustomer", summary = "Register a customer", description = "An order naming the"
            + " customer's customerReferenceId then carries the customer in its metadata (tenant-customer-id,"
            + " tenant-customer-uid).")
    @APIResponse(responseCode = "201", description = "Registered", content = @Content(schema = @Schema(implementation = Customer.class)))
    @APIResponse(responseCode = "409", description = "The client has a customer with this reference; orderId names"
            + " nothing, the message names the existing customer")
    public Uni<Response> create(@RequestBody(required = true) NewCustomer request) {
        return create(customers, client.id(), request);
    }

    @GET
    @Operation(operationId = "listCustomers", summary = "List customers", description = "The client's customers,"
            + " oldest first.")
    @APIResponse(responseCode = "200", description = "The customers")
    public Uni<List<Customer>> list(
            @Parameter(description = "At most this many (1-100)", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "100")) @QueryParam("limit") String limit,
            @Parameter(description = "Skip this many", schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) @QueryParam("offset") String offset) {
        return list(customers, client.id(), limit, offset);
    }

    @GET
    @Path("/{idOrReference}")
    @Operation(operationId = "getCustomer", summary = "Get a customer", description = "By id or"
            + " customerReferenceId.")
    @APIResponse(responseCode = "200", description = "The customer")
    public Uni<Customer> get(
            @Parameter(description = "The customer id, or the client's customerReferenceId") @PathParam("idOrReference") String idOrReference) {
        return customers.find(client.id(), idOrReference).map(found -> found.orElseThrow(
                () -> new ApiException(404, "Customer '" + idOrReference + "' not found")));
    }

    static Uni<Response> create(CustomerRepository customers, String clientId, NewCustomer request) {
        if (request == null) {
            throw new ApiException(400, "The request body must be a customer as JSON: {\"customerReferenceId\": ...,"
                    + " \"name\": ..., \"email\": ...}");
        }
        String reference = request.customerReferenceId() == null ? null : request.customerReferenceId().trim();
        if (reference == null || reference.isEmpty()) {
            throw new ApiException(400, "customerReferenceId is required");
        }
        if (reference.length() > 255 || reference.chars().anyMatch(Character::isISOControl)) {
            throw new ApiException(400, "customerReferenceId must be at most 255 characters, without control"
                    + " characters");
        }
        if (request.name() != null && (request.name().length() > 200
                || request.name().chars().anyMatch(Character::isISOControl))) {
            throw new ApiException(400, "name must be at most 200 characters, without control characters");
        }
        if (request.email() != null && (request.email().length() > 254 || !EMAIL.matcher(request.email()).matches())) {
            throw new ApiException(400, "email is not a valid e-mail address");
        }
        return customers.create(clientId, reference, request.name(), request.email())
                .map(created -> Response.created(URI.create("/v1/customers/" + created.id())).entity(created).build());
    }

    static Uni<List<Customer>> list(CustomerRepository customers, String clientId, String limit, String offset) {
        return customers.list(clientId, ApiParams.number("limit", limit, 100, 1, 100),
                ApiParams.number("offset", offset, 0, 0, Integer.MAX_VALUE));
    }
}
