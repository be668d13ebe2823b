package com.podflow.files.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which addresses files may come from: public ones, allowed networks and allowed host names. */
class AddressPolicyTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "93.184.216.34             | ",
            "127.0.0.1                 | 127.0.0.1 is a loopback address",
            "169.254.169.254           | 169.254.169.254 is a link-local address",
            "64:ff9b::a9fe:a9fe        | 64:ff9b:0:0:0:0:a9fe:a9fe embeds 169.254.169.254, a link-local address"})
    void onlyPublicAddressesByDefault(String address, String refusal) throws Exception {
        // the full table of ranges is in service-support's PublicAddressesTest
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
