package com.podflow.intake.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

/**
 * Keeps a request's body exactly as it came, for the requests log ({@link RequestLogging}), and hands the same bytes on
 * to the resource. Created when the REST layer is set up, before the configuration is there: it needs nothing.
 */
@Provider
public class RequestBodyCapture implements ReaderInterceptor {
    static final String PROPERTY = "podflow.request-log.body";

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        byte[] body = context.getInputStream().readAllBytes();
        context.setProperty(PROPERTY, body);
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }
}
