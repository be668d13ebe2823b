package com.podflow.support.messaging;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Publishes {@code http_server_requests_seconds_bucket} (Micrometer's default buckets, 1 ms to 30 s) so that the
 * dashboard's p99 per endpoint is a {@code histogram_quantile} over any number of replicas. Quarkus applies every
 * {@link MeterFilter} bean to its registry; each service has this one through service-support.
 */
@Singleton
public class HttpServerHistograms {

    @Produces
    @Singleton
    public MeterFilter httpServerRequestHistograms() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getName().equals("http.server.requests")) {
                    return DistributionStatisticConfig.builder().percentilesHistogram(true).build().merge(config);
                }
                return config;
            }
        };
    }
}
