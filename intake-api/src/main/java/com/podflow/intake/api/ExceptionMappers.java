package com.podflow.intake.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.podflow.intake.domain.DuplicateOrderException;
import com.podflow.support.api.ApiError;
import com.podflow.support.api.ApiExceptionMappers;

/** intake's own refusals; the shared {@link ApiExceptionMappers} turn every other failure into the error JSON. */
public class ExceptionMappers {

    @ServerExceptionMapper
    public Response duplicate(DuplicateOrderException e) {
        return Response.status(409).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError(409, e.getMessage(), null, e.existingOrderId()))
                .build();
    }
}
