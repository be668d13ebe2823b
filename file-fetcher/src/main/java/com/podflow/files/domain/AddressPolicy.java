package com.podflow.files.domain;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which resolved addresses a file may be downloaded from: only public ones, unless an address falls in an allowed
 * network or its host name is allowed. Keeps order URLs from reaching the platform's own network (SSRF).
 */
public final class AddressPolicy {
    /** Blocked ranges and what they are, checked in order; IPv4-mapped IPv6 addresses are checked as IPv4. */
    private static final List<Range> BLOCKED = List.of(
            new Range(Cidr.parse("0.0.0.0/8"), "a 'this network' address"),
            new Range(Cidr.parse("10.0.0.0/8"), "a private address"),
            new Range(Cidr.parse("100.64.0.0/10"), "a carrier-grade NAT address"),
            new Range(Cidr.parse("127.0.0.0/8"), "a loopback address"),
            new Range(Cidr.parse("169.254.0.0/16"), "a link-local address"),
            new Range(Cidr.parse("172.16.0.0/12"), "a private address"),
            new Range(Cidr.parse("192.0.0.0/24"), "an IETF protocol address"),
            new Range(Cidr.parse("192.0.2.0/24"), "a documentation address"),
            new Range(Cidr.parse("192.168.0.0/16"), "a private address"),
            new Range(Cidr.parse("198.18.0.0/15"), "a benchmarking address"),
            new Range(Cidr.parse("198.51.100.0/24"), "a documentation address"),
            new Range(Cidr.parse("203.0.113.0/24"), "a documentation address"),
            new Range(Cidr.parse("224.0.0.0/4"), "a multicast address"),
            new Range(Cidr.parse("240.0.0.0/4"), "a reserved address"),
            new Range(Cidr.parse("::/128"), "the unspecified address"),
            new Range(Cidr.parse("::1/128"), "a loopback address"),
            new Range(Cidr.parse("fc00::/7"), "a unique-local address"),
            new Range(Cidr.parse("fe80::/10"), "a link-local address"),
            new Range(Cidr.parse("fec0::/10"), "a site-local address"),
            new Range(Cidr.parse("ff00::/8"), "a multicast address"),
            new Range(Cidr.parse("2001:db8::/32"), "a documentation address"));

    private final List<Cidr> allowedNetworks;
    private final List<String> allowedHosts;

    public AddressPolicy(List<String> allowedNetworks, List<String> allowedHosts) {
        this.allowedNetworks = allowedNetworks.stream().filter(s -> !s.isBlank()).map(String::trim).map(Cidr::parse)
                .toList();
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
        byte[] bytes = canonical(address);
        for (Cidr allowed : allowedNetworks) {
            if (allowed.contains(bytes)) {
                return Optional.empty();
            }
        }
        for (Range range : BLOCKED) {
            if (range.cidr().contains(bytes)) {
                return Optional.of(address.getHostAddress() + " is " + range.what());
            }
        }
        return Optional.empty();
    }

    /** IPv4-mapped ({@code ::ffff:a.b.c.d}) and IPv4-compatible ({@code ::a.b.c.d}) addresses as their IPv4 bytes. */
    static byte[] canonical(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address && b.length == 16) {
            boolean zeros = true;
            for (int i = 0; i < 10; i++) {
                zeros &= b[i] == 0;
            }
            boolean mapped = zeros && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
            boolean compatible = zeros && b[10] == 0 && b[11] == 0 && !(b[12] == 0 && b[13] == 0 && b[14] == 0);
            if (mapped || compatible) {
                return new byte[]{b[12], b[13], b[14], b[15]};
            }
        }
        return b;
    }

    private record Range(Cidr cidr, String what) {}

    /** A network in CIDR notation, or a single address. */
    record Cidr(byte[] network, int prefix) {
        static Cidr parse(String text) {
            String[] parts = text.split("/", 2);
            byte[] network;
            try {
                // only literal addresses: getByName does no lookup for them
                if (!parts[0].matches("[0-9a-fA-F:.]+")) {
                    throw new IllegalArgumentException("not an IP address or network: " + text);
                }
                network = canonical(InetAddress.getByName(parts[0]));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an IP address or network: " + text, e);
            }
            int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
            if (network.length == 4 && parts[0].contains(":") && parts.length == 2) {
                prefix = Math.max(0, prefix - 96); // ::ffff:10.0.0.0/104 is 10.0.0.0/8
            }
            if (prefix < 0 || prefix > network.length * 8) {
                throw new IllegalArgumentException("bad prefix length in " + text);
            }
            return new Cidr(network, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }
}
