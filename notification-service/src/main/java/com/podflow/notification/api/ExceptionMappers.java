package com.podflow.notification.api;

import java.util.UUID;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.podflow.notification.domain.InvalidPostbackUrlException;

/** Turns every failure into the API's error JSON; bad input is a 4xx that names the problem, never a 500. */
public class ExceptionMappers {
    private static final Logger LOG = Logger.getLogger(ExceptionMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return error(e.status(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response invalidUrl(InvalidPostbackUrlException e) {
        return error(400, e.getMessage());
    }

    // the exact Jackson types too: quarkus-rest-jackson has built-in mappers for them that answer without a body
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return json(e);
    }

    @ServerExceptionMapper
    public Response parse(JsonParseException e) {
        return json(e);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        String kind = e instanceof JsonParseException ? "Malformed JSON: " : "Invalid JSON: ";
        return error(400, kind + firstLine(e.getOriginalMessage()));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json);
        }
        int status = e.getResponse().getStatus();
        String message = switch (status) {
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 406 -> "This endpoint answers application/json";
            case 415 -> "Content-Type must be application/json";
            default -> e.getMessage();
        };
        return error(status, message);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected error, reference %s", reference);
        return error(500, "Internal error (reference " + reference + ")");
    }

    static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ApiError(status, message)).build();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
