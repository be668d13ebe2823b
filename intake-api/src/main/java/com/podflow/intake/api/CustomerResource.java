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

import io.smallrye.mutiny.Uni;

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
public class CustomerResource {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final CustomerRepository customers;
    private final CurrentClient client;

    public CustomerResource(CustomerRepository customers, CurrentClient client) {
        this.customers = customers;
        this.client = client;
    }

    /** The request to register a customer. */
    public record NewCustomer(String customerReferenceId, String name, String email) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(NewCustomer request) {
        return create(customers, client.id(), request);
    }

    @GET
    public Uni<List<Customer>> list(@QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        return list(customers, client.id(), limit, offset);
    }

    @GET
    @Path("/{idOrReference}")
    public Uni<Customer> get(@PathParam("idOrReference") String idOrReference) {
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
