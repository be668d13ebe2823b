package com.podflow.notification.domain;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Which resolved addresses a delivery may connect to: none of the private, loopback, link-local, CGNAT, multicast or
 * reserved ranges of IPv4 and IPv6, IPv4 embedded in IPv6 (mapped, compatible, 6to4, NAT64) checked as IPv4, unless
 * an operator allowed a range ({@code notification.allowed-target-cidrs}, for tests and local runs).
 */
public final class TargetAddresses {
    private static final List<Cidr> BLOCKED = List.of(
            // IPv4
            Cidr.parse("0.0.0.0/8"), Cidr.parse("10.0.0.0/8"), Cidr.parse("100.64.0.0/10"),
            Cidr.parse("127.0.0.0/8"), Cidr.parse("169.254.0.0/16"), Cidr.parse("172.16.0.0/12"),
            Cidr.parse("192.0.0.0/24"), Cidr.parse("192.0.2.0/24"), Cidr.parse("192.88.99.0/24"),
            Cidr.parse("192.168.0.0/16"), Cidr.parse("198.18.0.0/15"), Cidr.parse("198.51.100.0/24"),
            Cidr.parse("203.0.113.0/24"), Cidr.parse("224.0.0.0/4"), Cidr.parse("240.0.0.0/4"),
            // IPv6
            Cidr.parse("::/128"), Cidr.parse("::1/128"), Cidr.parse("100::/64"), Cidr.parse("2001::/23"),
            Cidr.parse("2001:db8::/32"), Cidr.parse("fc00::/7"), Cidr.parse("fe80::/10"), Cidr.parse("fec0::/10"),
            Cidr.parse("ff00::/8"));

    private final List<Cidr> allowed;

    public TargetAddresses(List<String> allowedCidrs) {
        this.allowed = allowedCidrs.stream().map(Cidr::parse).toList();
    }

    /** Null when the address may be used, else why not. */
    public String refusal(InetAddress address) {
        byte[] raw = address.getAddress();
        if (allowed.stream().anyMatch(c -> c.contains(raw))) {
            return null;
        }
        byte[] embedded = embeddedIpv4(raw);
        if (embedded != null) {
            if (allowed.stream().anyMatch(c -> c.contains(embedded))) {
                return null;
            }
            String inner = refusalOf(embedded);
            return inner == null ? null : address.getHostAddress() + " embeds " + inner;
        }
        return refusalOf(raw);
    }

    private static String refusalOf(byte[] raw) {
        for (Cidr cidr : BLOCKED) {
            if (cidr.contains(raw)) {
                return ip(raw) + " is in the reserved or private range " + cidr.text();
            }
        }
        return null;
    }

    /** The IPv4 inside ::ffff:a.b.c.d, ::a.b.c.d, 64:ff9b::a.b.c.d and 2002:ab:cd::/48; null otherwise. */
    static byte[] embeddedIpv4(byte[] raw) {
        if (raw.length != 16) {
            return null;
        }
        boolean zero80 = true;
        for (int i = 0; i < 10; i++) {
            zero80 &= raw[i] == 0;
        }
        boolean mapped = zero80 && raw[10] == (byte) 0xff && raw[11] == (byte) 0xff;
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
            return "?";
        }
    }

    /** An address range. */
    record Cidr(String text, byte[] network, int bits) {
        static Cidr parse(String text) {
            String[] parts = text.strip().split("/");
            byte[] network;
            try {
                if (!parts[0].matches("[0-9a-fA-F:.]+")) {
                    throw new IllegalArgumentException();
                }
                // a literal: no DNS lookup happens
                network = InetAddress.getByName(parts[0]).getAddress();
            } catch (UnknownHostException | RuntimeException e) {
                throw new IllegalArgumentException("'" + text + "' is not an address range like 127.0.0.1/32");
            }
            int bits = parts.length > 1 ? Integer.parseInt(parts[1]) : network.length * 8;
            return new Cidr(text.strip(), network, bits);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }
}
