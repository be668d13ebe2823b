package com.podflow.support.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which addresses the platform may connect to for a client, over a table of ranges. */
class PublicAddressesTest {
    static final PublicAddresses STRICT = PublicAddresses.publicOnly();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "93.184.216.34             | ",
            "8.8.8.8                   | ",
            "2606:4700:4700::1111      | ",
            "172.32.0.1                | ",
            "100.128.0.1               | ",
            "::ffff:8.8.8.8            | ",
            "64:ff9b::808:808          | ",
            "2002:808:808::1           | ",
            "127.0.0.1                 | 127.0.0.1 is a loopback address",
            "127.1.2.3                 | 127.1.2.3 is a loopback address",
            "10.1.2.3                  | 10.1.2.3 is a private address",
            "172.16.0.1                | 172.16.0.1 is a private address",
            "172.31.255.255            | 172.31.255.255 is a private address",
            "192.168.1.1               | 192.168.1.1 is a private address",
            "169.254.169.254           | 169.254.169.254 is a link-local address",
            "100.64.0.1                | 100.64.0.1 is a carrier-grade NAT address",
            "100.127.255.255           | 100.127.255.255 is a carrier-grade NAT address",
            "0.0.0.0                   | 0.0.0.0 is a 'this network' address",
            "192.0.0.8                 | 192.0.0.8 is an IETF protocol address",
            "192.0.2.1                 | 192.0.2.1 is a documentation address",
            "192.88.99.1               | 192.88.99.1 is a 6to4 relay address",
            "198.18.0.1                | 198.18.0.1 is a benchmarking address",
            "203.0.113.9               | 203.0.113.9 is a documentation address",
            "224.0.0.1                 | 224.0.0.1 is a multicast address",
            "255.255.255.255           | 255.255.255.255 is a reserved address",
            "::1                       | 0:0:0:0:0:0:0:1 is a loopback address",
            "::                        | 0:0:0:0:0:0:0:0 is the unspecified address",
            "100::1                    | 100:0:0:0:0:0:0:1 is a discard-only address",
            "2001:db8::1               | 2001:db8:0:0:0:0:0:1 is a documentation address",
            "2001::1                   | 2001:0:0:0:0:0:0:1 is an IETF protocol address",
            "fd12:3456::1              | fd12:3456:0:0:0:0:0:1 is a unique-local address",
            "fc00::1                   | fc00:0:0:0:0:0:0:1 is a unique-local address",
            "fe80::1                   | fe80:0:0:0:0:0:0:1 is a link-local address",
            "fec0::1                   | fec0:0:0:0:0:0:0:1 is a site-local address",
            "ff02::1                   | ff02:0:0:0:0:0:0:1 is a multicast address",
            // IPv4 in IPv6: Java reads a mapped address as the IPv4 itself; the others carry it
            "::ffff:127.0.0.1          | 127.0.0.1 is a loopback address",
            "::ffff:10.0.0.1           | 10.0.0.1 is a private address",
            "::127.0.0.1               | 0:0:0:0:0:0:7f00:1 embeds 127.0.0.1, a loopback address",
            "64:ff9b::a00:1            | 64:ff9b:0:0:0:0:a00:1 embeds 10.0.0.1, a private address",
            "64:ff9b::a9fe:a9fe        | 64:ff9b:0:0:0:0:a9fe:a9fe embeds 169.254.169.254, a link-local address",
            "2002:a00:1::1             | 2002:a00:1:0:0:0:0:1 embeds 10.0.0.1, a private address"})
    void onlyPublicAddressesByDefault(String address, String refusal) throws Exception {
        assertThat(STRICT.refusal(InetAddress.getByName(address))).isEqualTo(Optional.ofNullable(refusal));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::ffff:127.0.0.1", "::127.0.0.1", "64:ff9b::7f00:1"})
    void anAllowedRangeOpensItsAddressesWhereverTheyAreEmbedded(String ip) throws Exception {
        PublicAddresses local = new PublicAddresses(List.of(" 127.0.0.0/8 ", "", "::1"));

        assertThat(local.refusal(InetAddress.getByName(ip))).isEmpty();
        assertThat(local.refusal(InetAddress.getByName("::1"))).isEmpty();
        assertThat(local.refusal(InetAddress.getByName("10.0.0.1"))).contains("10.0.0.1 is a private address");
    }

    @Test
    void anIpv4MappedRangeIsItsIpv4Range() throws Exception {
        PublicAddresses mapped = new PublicAddresses(List.of("::ffff:10.0.0.0/104"));

        assertThat(mapped.refusal(InetAddress.getByName("10.20.30.40"))).isEmpty();
        assertThat(mapped.refusal(InetAddress.getByName("11.0.0.1"))).isEmpty();
        assertThat(mapped.refusal(InetAddress.getByName("192.168.0.1"))).isPresent();
    }

    @Test
    void aBadRangeIsAConfigurationError() {
        assertThatThrownBy(() -> new PublicAddresses(List.of("localhost")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("localhost");
        assertThatThrownBy(() -> new PublicAddresses(List.of("10.0.0.0/33")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prefix");
        assertThatThrownBy(() -> new PublicAddresses(List.of("10.0.0.0/x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prefix");
    }
}
