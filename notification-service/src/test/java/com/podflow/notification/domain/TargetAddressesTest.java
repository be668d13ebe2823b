package com.podflow.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetAddressesTest {
    static final TargetAddresses STRICT = new TargetAddresses(List.of());

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254",
            "100.64.0.1", "100.127.255.254", "0.0.0.0", "192.0.0.8", "192.0.2.1", "198.18.0.1", "198.51.100.7",
            "203.0.113.9", "224.0.0.1", "240.0.0.1", "255.255.255.255", "::", "::1", "fe80::1", "fc00::1", "fd12::1",
            "fec0::1", "ff02::1", "2001:db8::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254",
            "64:ff9b::a00:1", "2002:a00:1::1", "::127.0.0.1", "100::1"})
    void privateLoopbackLinkLocalCgnatAndReservedAddressesAreRefused(String ip) throws Exception {
        assertThat(STRICT.refusal(InetAddress.getByName(ip))).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111",
            "::ffff:8.8.8.8", "64:ff9b::808:808"})
    void publicAddressesAreAllowed(String ip) throws Exception {
        assertThat(STRICT.refusal(InetAddress.getByName(ip))).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::ffff:127.0.0.1"})
    void anAllowListOpensARange(String ip) throws Exception {
        TargetAddresses tests = new TargetAddresses(List.of("127.0.0.0/8"));

        assertThat(tests.refusal(InetAddress.getByName(ip))).isNull();
        assertThat(tests.refusal(InetAddress.getByName("10.0.0.1"))).isNotNull();
    }
}
