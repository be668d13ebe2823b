package com.podflow.support.api;

import java.util.UUID;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * Turns every failure of a service's REST API into the error JSON {@link ApiError}: bad input is a 4xx that names the
 * problem, never a 500; a 500 carries a reference that is also in the log. Services add mappers for their own
 * exceptions next to these.
 */
public class ApiExceptionMappers {
    private static final Logger LOG = Logger.getLogger(ApiExceptionMappers.class);
    /** What a 503 asks the client to wait: about how long a database failover or restart takes to become usable. */
    static final int RETRY_AFTER_SECONDS = 5;

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return Response.status(e.status()).type(MediaType.APPLICATION_JSON).entity(e.body()).build();
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
        if (e instanceof JsonParseException) {
            return error(400, "Malformed JSON: " + e.getOriginalMessage());
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return error(400, "Invalid value at '" + path(mapping) + "': " + firstLine(e.getOriginalMessage()));
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                && mismatch.getTargetType().isRecord()) {
            // not our class names: the body as a whole has the wrong shape (an array, a text, a number)
            return error(400, "The request body must be a JSON object");
        }
        return error(400, "Invalid JSON: " + firstLine(e.getOriginalMessage()));
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
        var away = Unavailable.dependency(e);
        if (away.isPresent()) {
            // the client did nothing wrong and nothing was stored: it should try again shortly (readiness is down too)
            LOG.warnf("answered 503: %s is not reachable (%s)", away.get(), e.toString());
            return Response.status(503).type(MediaType.APPLICATION_JSON)
                    .header("Retry-After", RETRY_AFTER_SECONDS)
                    .entity(new ApiError(503, "Service temporarily unavailable (" + away.get()
                            + " is not reachable); retry after " + RETRY_AFTER_SECONDS + " s"))
                    .build();
        }
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected error, reference %s", reference);
        return error(500, "Internal error (reference " + reference
                + "); try again later, or contact support with this reference");
    }

    public static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ApiError(status, message)).build();
    }

    /** A JSON path such as {@code items[0].quantity}. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
