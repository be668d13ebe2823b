package com.podflow.files.domain;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.podflow.support.net.PublicAddresses;

/**
 * Which resolved addresses a file may be downloaded from: only public ones ({@link PublicAddresses}, shared with
 * notification-service), unless an address falls in an allowed network or its host name is allowed. Keeps order URLs
 * from reaching the platform's own network (SSRF).
 */
public final class AddressPolicy {
    private final PublicAddresses addresses;
    private final List<String> allowedHosts;

    public AddressPolicy(List<String> allowedNetworks, List<String> allowedHosts) {
        this.addresses = new PublicAddresses(allowedNetworks);
        this.allowedHosts = allowedHosts.stream().filter(s -> !s.isBlank())
                .map(s -> s.trim().toLowerCase(Locale.ROOT)).toList();
    }

    /** Only public addresses. */
    public static AddressPolicy publicOnly() {
        return new AddressPolicy(List.of(), List.of());
    }

    /** Why {@code address} (resolved from {@code host}) must not be contacted; empty when it may. */
    public Optional<String> refusal(String host, InetAddress address) {
        if (host != null && allowedHosts.contains(host.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        return addresses.refusal(address);
    }
}
