package com.podflow.validation.api;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import com.podflow.support.api.ApiException;
import com.podflow.validation.domain.CustomerProduct;
import com.podflow.validation.domain.Facility;
import com.podflow.validation.domain.Product;
import com.podflow.validation.domain.ReferenceChecks;
import com.podflow.validation.domain.ShipmentMethod;
import com.podflow.validation.persistence.ReferenceCache;
import com.podflow.validation.persistence.ReferenceRepository;

/**
 * Operator API (header {@code X-ADMIN-KEY}) over the reference data: list, read, create-or-replace (PUT) and delete
 * products, shipment methods and facilities by key, and a client's customer products. A change applies to the next
 * order this replica validates (and to other replicas' within their check interval, see {@link ReferenceCache});
 * orders already validated keep their result.
 */
@Path("/admin/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ReferenceAdminResource {
    private static final Logger LOG = Logger.getLogger(ReferenceAdminResource.class);

    private final ReferenceRepository repository;
    private final ReferenceCache cache;

    public ReferenceAdminResource(ReferenceRepository repository, ReferenceCache cache) {
        this.repository = repository;
        this.cache = cache;
    }

    @GET
    @Path("products")
    public Uni<List<Product>> products() {
        return repository.products();
    }

    @GET
    @Path("products/{uid}")
    public Uni<Product> product(@PathParam("uid") String uid) {
        return repository.product(uid).map(found("product", uid));
    }

    /** Creates or replaces a product; its size defaults to the print size a structured uid names. */
    @PUT
    @Path("products/{uid}")
    public Uni<Product> putProduct(@PathParam("uid") String uid, Product body) {
        Product product = valid(body, uid, body == null ? null : body.uid(),
                body == null ? null : ReferenceChecks.withDefaults(body.withUid(uid)), ReferenceChecks::check);
        return applied(repository.save(repository.pool(), product)).replaceWith(product);
    }

    @DELETE
    @Path("products/{uid}")
    public Uni<Response> deleteProduct(@PathParam("uid") String uid) {
        return applied(repository.deleteProduct(uid)).map(deleted("product", uid));
    }

    @GET
    @Path("shipment-methods")
    public Uni<List<ShipmentMethod>> shipmentMethods() {
        return repository.shipmentMethods();
    }

    @GET
    @Path("shipment-methods/{uid}")
    public Uni<ShipmentMethod> shipmentMethod(@PathParam("uid") String uid) {
        return repository.shipmentMethod(uid).map(found("shipment method", uid));
    }

    @PUT
    @Path("shipment-methods/{uid}")
    public Uni<ShipmentMethod> putShipmentMethod(@PathParam("uid") String uid, ShipmentMethod body) {
        ShipmentMethod method = valid(body, uid, body == null ? null : body.uid(),
                body == null ? null : body.withUid(uid), ReferenceChecks::check);
        return applied(repository.save(repository.pool(), method)).replaceWith(method);
    }

    @DELETE
    @Path("shipment-methods/{uid}")
    public Uni<Response> deleteShipmentMethod(@PathParam("uid") String uid) {
        return applied(repository.deleteShipmentMethod(uid)).map(deleted("shipment method", uid));
    }

    @GET
    @Path("facilities")
    public Uni<List<Facility>> facilities() {
        return repository.facilities();
    }

    @GET
    @Path("facilities/{id}")
    public Uni<Facility> facility(@PathParam("id") String id) {
        return repository.facility(id).map(found("facility", id));
    }

    @PUT
    @Path("facilities/{id}")
    public Uni<Facility> putFacility(@PathParam("id") String id, Facility body) {
        Facility facility = valid(body, id, body == null ? null : body.id(), body == null ? null : body.withId(id),
                ReferenceChecks::check);
        return applied(repository.save(repository.pool(), facility)).replaceWith(facility);
    }

    @DELETE
    @Path("facilities/{id}")
    public Uni<Response> deleteFacility(@PathParam("id") String id) {
        return applied(repository.deleteFacility(id)).map(deleted("facility", id));
    }

    @GET
    @Path("customer-products")
    public Uni<List<CustomerProduct>> customerProducts(@QueryParam("clientId") String clientId) {
        if (clientId == null || clientId.isBlank()) {
            throw new ApiException(400, "clientId (query parameter) is required");
        }
        return repository.customerProducts(clientId);
    }

    /**
     * Creates or replaces the customer product with this client, name and variant (matched case-insensitively);
     * {@code productUid} null records it as not connected.
     */
    @PUT
    @Path("customer-products")
    public Uni<CustomerProduct> putCustomerProduct(CustomerProduct body) {
        CustomerProduct product = valid(body, null, null, body, ReferenceChecks::check);
        return applied(repository.save(repository.pool(), product)).replaceWith(product);
    }

    /** Deletes the customer product the body names (clientId, productName, productVariant). */
    @DELETE
    @Path("customer-products")
    public Uni<Response> deleteCustomerProduct(CustomerProduct body) {
        CustomerProduct key = valid(body, null, null, body, ReferenceChecks::check);
        return applied(repository.deleteCustomerProduct(key)).map(deleted("customer product", key.productName()));
    }

    /**
     * The write, then this replica's cache reloaded, so that the change applies to the next order validated here
     * (other replicas see it within their check interval). A failed reload does not fail the committed write: the
     * next periodic check picks it up.
     */
    private <T> Uni<T> applied(Uni<T> write) {
        return write.call(() -> cache.reload()
                .onFailure().invoke(e -> LOG.warnf("reloading the reference data after a change failed: %s",
                        e.getMessage()))
                .onFailure().recoverWithNull());
    }

    /** The entry under the path's key; 400 naming each bad field, or when the body's key contradicts the path. */
    private static <T> T valid(T body, String pathKey, String bodyKey, T keyed, Function<T, List<String>> check) {
        if (body == null) {
            throw new ApiException(400, "a JSON body is required");
        }
        if (pathKey != null && bodyKey != null && !bodyKey.equals(pathKey)) {
            throw new ApiException(400, "the key in the body (\"" + bodyKey + "\") differs from the path's (\""
                    + pathKey + "\"); leave it out or make them equal");
        }
        List<String> problems = check.apply(keyed);
        if (!problems.isEmpty()) {
            throw new ApiException(400, String.join("; ", problems));
        }
        return keyed;
    }

    private static <T> Function<Optional<T>, T> found(String what, String key) {
        return value -> value.orElseThrow(() -> new ApiException(404, "No " + what + " \"" + key + "\""));
    }

    private static Function<Boolean, Response> deleted(String what, String key) {
        return deleted -> {
            if (!deleted) {
                throw new ApiException(404, "No " + what + " \"" + key + "\"");
            }
            return Response.noContent().build();
        };
    }
}
