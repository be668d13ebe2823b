package com.podflow.notification.api;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.podflow.notification.domain.InvalidPostbackUrlException;
import com.podflow.support.api.ApiExceptionMappers;

/** This service's own refusals; the shared {@link ApiExceptionMappers} turn every other failure into the error JSON. */
public class ExceptionMappers {

    @ServerExceptionMapper
    public Response invalidUrl(InvalidPostbackUrlException e) {
        return ApiExceptionMappers.error(400, e.getMessage());
    }
}
