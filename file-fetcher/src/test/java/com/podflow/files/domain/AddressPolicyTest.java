package com.podflow.files.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which addresses files may come from, over a table of ranges. */
class AddressPolicyTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "93.184.216.34             | ",
            "8.8.8.8                   | ",
            "2606:4700:4700::1111      | ",
            "127.0.0.1                 | 127.0.0.1 is a loopback address",
            "127.1.2.3                 | 127.1.2.3 is a loopback address",
            "10.1.2.3                  | 10.1.2.3 is a private address",
            "172.16.0.1                | 172.16.0.1 is a private address",
            "172.31.255.255            | 172.31.255.255 is a private address",
            "172.32.0.1                | ",
            "192.168.1.1               | 192.168.1.1 is a private address",
            "169.254.169.254           | 169.254.169.254 is a link-local address",
            "100.64.0.1                | 100.64.0.1 is a carrier-grade NAT address",
            "100.127.255.255           | 100.127.255.255 is a carrier-grade NAT address",
            "100.128.0.1               | ",
            "0.0.0.0                   | 0.0.0.0 is a 'this network' address",
            "224.0.0.1                 | 224.0.0.1 is a multicast address",
            "::1                       | 0:0:0:0:0:0:0:1 is a loopback address",
            "::                        | 0:0:0:0:0:0:0:0 is the unspecified address",
            "fd12:3456::1              | fd12:3456:0:0:0:0:0:1 is a unique-local address",
            "fc00::1                   | fc00:0:0:0:0:0:0:1 is a unique-local address",
            "fe80::1                   | fe80:0:0:0:0:0:0:1 is a link-local address",
            "::ffff:127.0.0.1          | 127.0.0.1 is a loopback address",
            "::ffff:10.0.0.1           | 10.0.0.1 is a private address",
            "::ffff:8.8.8.8            | "})
    void onlyPublicAddressesByDefault(String address, String refusal) throws Exception {
        assertThat(AddressPolicy.publicOnly().refusal("files.test", InetAddress.getByName(address)))
                .isEqualTo(Optional.ofNullable(refusal));
    }

    @Test
    void allowedNetworksAndHostsOpenTheirAddressesOnly() throws Exception {
        // given
        AddressPolicy policy = new AddressPolicy(List.of("127.0.0.0/8", "::1/128", " "), List.of("Files.Internal"));

        // then
        assertThat(policy.refusal("localhost", InetAddress.getByName("127.0.0.1"))).isEmpty();
        assertThat(policy.refusal("localhost", InetAddress.getByName("::1"))).isEmpty();
        assertThat(policy.refusal("x", InetAddress.getByName("::ffff:127.0.0.1"))).isEmpty();
        assertThat(policy.refusal("files.internal", InetAddress.getByName("10.0.0.5"))).isEmpty();
        assertThat(policy.refusal("other.internal", InetAddress.getByName("10.0.0.5")))
                .contains("10.0.0.5 is a private address");
    }

    @Test
    void aBadNetworkIsAConfigurationError() {
        assertThatThrownBy(() -> new AddressPolicy(List.of("localhost"), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("localhost");
        assertThatThrownBy(() -> new AddressPolicy(List.of("10.0.0.0/33"), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prefix");
    }
}
