package com.podflow.notification.api;

import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.podflow.notification.domain.DeliveryAttempt;
import com.podflow.notification.domain.PostbackUrl;
import com.podflow.notification.persistence.PostbackLog;
import com.podflow.notification.persistence.PostbackTargets;
import com.podflow.support.api.ApiException;

/** Operator API (header {@code X-ADMIN-KEY}): a client's postback URL and its latest delivery attempts. */
@Path("/admin/v1/clients/{clientId}")
@Produces(MediaType.APPLICATION_JSON)
public class PostbackResource {
    /** How many log rows {@code GET .../postbacks} returns. */
    static final int LOG_PAGE = 100;

    private final PostbackTargets targets;
    private final PostbackLog log;

    public PostbackResource(PostbackTargets targets, PostbackLog log) {
        this.targets = targets;
        this.log = log;
    }

    /** The body of {@code PUT .../postback}. */
    public record TargetRequest(String url) {}

    /** A client's postback target. */
    public record TargetView(String clientId, String url) {}

    /** One delivery attempt; {@code payload} is the JSON that was (or would have been) posted. */
    public record AttemptView(String eventId, String clientId, String orderId, String url, @JsonRawValue String payload,
            String outcome, Integer statusCode, String responseExcerpt, String error, long durationMs,
            Instant attemptedAt) {
        static AttemptView from(DeliveryAttempt a) {
            return new AttemptView(a.eventId(), a.clientId(), a.orderId(), a.url(), a.payload(),
                    a.outcome().wireName(), a.statusCode(), a.responseExcerpt(), a.error(), a.durationMs(),
                    a.attemptedAt());
        }
    }

    @PUT
    @Path("/postback")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<TargetView> setTarget(@PathParam("clientId") String clientId, TargetRequest request) {
        PostbackUrl url = PostbackUrl.parse(request == null ? null : request.url());
        return targets.save(clientId, url).map(saved -> new TargetView(clientId, url.value()));
    }

    @GET
    @Path("/postback")
    public Uni<TargetView> getTarget(@PathParam("clientId") String clientId) {
        return targets.find(clientId).map(url -> url
                .map(u -> new TargetView(clientId, u))
                .orElseThrow(() -> new ApiException(404, "Client '" + clientId + "' has no postback URL")));
    }

    /** The client's latest {@value #LOG_PAGE} attempts, newest first. */
    @GET
    @Path("/postbacks")
    public Uni<List<AttemptView>> attempts(@PathParam("clientId") String clientId) {
        return log.latest(clientId, LOG_PAGE).map(rows -> rows.stream().map(AttemptView::from).toList());
    }
}
