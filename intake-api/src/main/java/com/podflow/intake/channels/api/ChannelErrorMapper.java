package com.podflow.intake.channels.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.podflow.intake.channels.service.ChannelException;

/** A channel's refusal as {@link ChannelSchemas.ChannelError}: the stage and every problem. */
public class ChannelErrorMapper {

    @ServerExceptionMapper
    public Response channel(ChannelException e) {
        return Response.status(e.status()).type(MediaType.APPLICATION_JSON)
                .entity(new ChannelSchemas.ChannelError(e.status(), e.getMessage(), e.stage(),
                        e.problems().stream().map(ChannelSchemas.Problem::of).toList()))
                .build();
    }
}
