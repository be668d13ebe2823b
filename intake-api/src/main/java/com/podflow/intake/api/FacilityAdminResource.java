package com.podflow.intake.api;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

import com.podflow.intake.api.openapi.ApiDefinition;
import com.podflow.intake.api.openapi.ApiSchemas;
import com.podflow.intake.persistence.FacilityRepository;
import com.podflow.support.api.ApiError;
import com.podflow.support.api.ApiException;

/** Operator API (header {@code X-ADMIN-KEY}): the facilities' API keys for {@code /facility}. */
@Path("/admin/v1/facilities/{facilityId}/keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
@Tag(name = ApiDefinition.ADMIN)
public class FacilityAdminResource {
    private static final String FACILITY = "The facility's id, as in the production feed (data.facilityId)";
    private static final Pattern FACILITY_ID = Pattern.compile("[A-Za-z0-9_.-]{1,100}");

    private final FacilityRepository facilities;

    public FacilityAdminResource(FacilityRepository facilities) {
        this.facilities = facilities;
    }

    @POST
    @Operation(operationId = "addFacilityKey", summary = "Add a facility API key", description = "The key"
            + " (key:secret, for X-FACILITY-KEY) is shown only this once; it authenticates only /facility. Older keys"
            + " stay valid until revoked.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = ApiSchemas.NewFacilityKey.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Uni<Response> addKey(@Parameter(description = FACILITY) @PathParam("facilityId") String facilityId) {
        checked(facilityId);
        return facilities.addKey(facilityId).map(key -> Response.status(201)
                .entity(Map.of("facilityId", facilityId, "apiKey", key)).build());
    }

    @GET
    @Operation(operationId = "listFacilityKeys", summary = "List a facility's keys", description = "Key ids with"
            + " their creation and revocation times, oldest first; never the secrets. Empty for a facility without"
            + " keys.")
    @APIResponse(responseCode = "200", description = "The keys")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Uni<List<FacilityRepository.FacilityKey>> keys(
            @Parameter(description = FACILITY) @PathParam("facilityId") String facilityId) {
        checked(facilityId);
        return facilities.keys(facilityId);
    }

    @DELETE
    @Path("/{keyId}")
    @Operation(operationId = "revokeFacilityKey", summary = "Revoke a facility API key", description = "The key"
            + " stops working at once on this replica, within intake.api-keys.cache-ttl on others.")
    @APIResponse(responseCode = "204", description = "Revoked")
    public Uni<Response> revokeKey(@Parameter(description = FACILITY) @PathParam("facilityId") String facilityId,
            @Parameter(description = "The key id (the part before the colon)") @PathParam("keyId") String keyId) {
        return facilities.revokeKey(facilityId, keyId).map(revoked -> {
            if (!revoked) {
                throw new ApiException(404, "Facility '" + facilityId + "' has no active key '" + keyId + "'");
            }
            return Response.noContent().build();
        });
    }

    private static void checked(String facilityId) {
        if (!FACILITY_ID.matcher(facilityId).matches()) {
            String message = "facilityId must be 1 to 100 of A-Z, a-z, 0-9, '_', '.' and '-'";
            throw new ApiException(400, message, List.of(new ApiError.FieldError("facilityId", "invalid_field",
                    message)), null);
        }
    }
}
