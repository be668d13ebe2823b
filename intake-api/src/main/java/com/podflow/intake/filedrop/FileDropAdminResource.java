package com.podflow.intake.filedrop;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

import com.podflow.intake.api.openapi.ApiDefinition;
import com.podflow.support.api.ApiException;

/** Operators set a client's SFTP password for the file drop (ADR 42). */
@Path("/admin/v1/clients/{clientId}/filedrop")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDefinition.ADMIN)
public class FileDropAdminResource {
    private final FileDropCredentials credentials;

    public FileDropAdminResource(FileDropCredentials credentials) {
        this.credentials = credentials;
    }

    @Schema(name = "FileDropCredentials", description = "The client's SFTP login: user name = client id")
    public record Credentials(
            @Schema(required = true, minLength = 12, maxLength = 200, description = "The SFTP password") String password) {}

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "adminSetFileDropPassword", summary = "Set a client's SFTP password for the file drop", description = "The client logs in to the file drop's SFTP server with its client id as user name and this password; it sees only its own folder (inbox, archive, error). Only a salted hash is kept.")
    @APIResponse(responseCode = "204", description = "Set")
    @APIResponse(responseCode = "404", description = "No such client")
    public Uni<Response> set(@Parameter(description = "The client's id") @PathParam("clientId") String clientId,
            @RequestBody(required = true) Credentials body) {
        if (body == null) {
            throw new ApiException(400, "The request body must be {\"password\": \"...\"}");
        }
        return credentials.set(clientId, body.password()).map(x -> Response.noContent().build());
    }
}
