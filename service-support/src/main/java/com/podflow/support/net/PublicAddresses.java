package com.podflow.support.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Which resolved addresses the platform may connect to on a client's behalf (print files, packing slips, postbacks,
 * webhooks): public ones only, so that a URL in an order or a webhook cannot reach the platform's own network (SSRF).
 * Refused: the private, loopback, link-local, carrier-grade NAT, multicast, documentation and reserved ranges of IPv4
 * and IPv6, and IPv4 embedded in IPv6 (mapped, compatible, NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}),
 * checked as the IPv4 it carries. An operator may allow ranges (tests, local runs, an internal file server).
 */
public final class PublicAddresses {
    /** Blocked ranges and what they are, checked in order. */
    private static final List<Range> BLOCKED = List.of(
            new Range(Cidr.parse("0.0.0.0/8"), "a 'this network' address"),
            new Range(Cidr.parse("10.0.0.0/8"), "a private address"),
            new Range(Cidr.parse("100.64.0.0/10"), "a carrier-grade NAT address"),
            new Range(Cidr.parse("127.0.0.0/8"), "a loopback address"),
            new Range(Cidr.parse("169.254.0.0/16"), "a link-local address"),
            new Range(Cidr.parse("172.16.0.0/12"), "a private address"),
            new Range(Cidr.parse("192.0.0.0/24"), "an IETF protocol address"),
            new Range(Cidr.parse("192.0.2.0/24"), "a documentation address"),
            new Range(Cidr.parse("192.88.99.0/24"), "a 6to4 relay address"),
            new Range(Cidr.parse("192.168.0.0/16"), "a private address"),
            new Range(Cidr.parse("198.18.0.0/15"), "a benchmarking address"),
            new Range(Cidr.parse("198.51.100.0/24"), "a documentation address"),
            new Range(Cidr.parse("203.0.113.0/24"), "a documentation address"),
            new Range(Cidr.parse("224.0.0.0/4"), "a multicast address"),
            new Range(Cidr.parse("240.0.0.0/4"), "a reserved address"),
            new Range(Cidr.parse("::/128"), "the unspecified address"),
            new Range(Cidr.parse("::1/128"), "a loopback address"),
            new Range(Cidr.parse("100::/64"), "a discard-only address"),
            new Range(Cidr.parse("2001::/23"), "an IETF protocol address"),
            new Range(Cidr.parse("2001:db8::/32"), "a documentation address"),
            new Range(Cidr.parse("fc00::/7"), "a unique-local address"),
            new Range(Cidr.parse("fe80::/10"), "a link-local address"),
            new Range(Cidr.parse("fec0::/10"), "a site-local address"),
            new Range(Cidr.parse("ff00::/8"), "a multicast address"));

    private final List<Cidr> allowed;

    /** @param allowedCidrs ranges opened on top of the public internet ({@code 127.0.0.0/8}); blanks are ignored */
    public PublicAddresses(List<String> allowedCidrs) {
        this.allowed = allowedCidrs.stream().filter(s -> !s.isBlank()).map(String::trim).map(Cidr::parse).toList();
    }

    /** Only public addresses. */
    public static PublicAddresses publicOnly() {
        return new PublicAddresses(List.of());
    }

    /** Why {@code address} must not be contacted ("10.0.0.1 is a private address"); empty when it may. */
    public Optional<String> refusal(InetAddress address) {
        byte[] raw = address.getAddress();
        if (isAllowed(raw)) {
            return Optional.empty();
        }
        byte[] embedded = embeddedIpv4(raw);
        if (embedded != null) {
            if (isAllowed(embedded)) {
                return Optional.empty();
            }
            Optional<String> inner = blocked(embedded);
            if (inner.isPresent()) {
                return Optional.of(address.getHostAddress() + " embeds " + ip(embedded) + ", " + inner.get());
            }
        }
        return blocked(raw).map(what -> address.getHostAddress() + " is " + what);
    }

    private boolean isAllowed(byte[] raw) {
        return allowed.stream().anyMatch(c -> c.contains(raw));
    }

    private static Optional<String> blocked(byte[] raw) {
        return BLOCKED.stream().filter(r -> r.cidr().contains(raw)).map(Range::what).findFirst();
    }

    /** The IPv4 inside {@code ::ffff:a.b.c.d}, {@code ::a.b.c.d}, {@code 64:ff9b::a.b.c.d}, {@code 2002:AB:CD::/48}. */
    static byte[] embeddedIpv4(byte[] raw) {
        if (raw.length != 16) {
            return null;
        }
        boolean zero80 = true;
        for (int i = 0; i < 10; i++) {
            zero80 &= raw[i] == 0;
        }
        boolean mapped = zero80 && raw[10] == (byte) 0xff && raw[11] == (byte) 0xff;
        // ::a.b.c.d, but not :: and ::1, which are IPv6 addresses of their own
        boolean compatible = zero80 && raw[10] == 0 && raw[11] == 0
                && !(raw[12] == 0 && raw[13] == 0 && raw[14] == 0 && (raw[15] == 0 || raw[15] == 1));
        boolean nat64 = raw[0] == 0 && raw[1] == 0x64 && raw[2] == (byte) 0xff && raw[3] == (byte) 0x9b;
        for (int i = 4; nat64 && i < 12; i++) {
            nat64 = raw[i] == 0;
        }
        if (mapped || compatible || nat64) {
            return new byte[]{raw[12], raw[13], raw[14], raw[15]};
        }
        if (raw[0] == 0x20 && raw[1] == 0x02) {
            return new byte[]{raw[2], raw[3], raw[4], raw[5]};
        }
        return null;
    }

    private static String ip(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
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
                network = InetAddress.getByName(parts[0]).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an IP address or network: " + text, e);
            }
            int prefix;
            try {
                prefix = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : network.length * 8;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad prefix length in " + text, e);
            }
            if (network.length == 4 && parts[0].contains(":") && parts.length == 2) {
                prefix -= 96; // ::ffff:10.0.0.0/104 is 10.0.0.0/8
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
