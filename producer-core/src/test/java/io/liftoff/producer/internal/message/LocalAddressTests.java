package io.liftoff.producer.internal.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalAddressTests {

    @Test
    void chooseShouldPreferFirstUsableIpv4OverIpv6() throws Exception {
        List<InetAddress> candidates =
                List.of(
                        address("127.0.0.1"),
                        address("fe80::1"),
                        address("169.254.10.1"),
                        address("fd00::1"),
                        address("192.168.1.5"),
                        address("10.0.0.7"));

        assertThat(LocalAddress.choose(candidates)).isEqualTo(address("192.168.1.5").getAddress());
    }

    @Test
    void chooseWhenOnlyIpv6ShouldUseFirstUsableIpv6() throws Exception {
        List<InetAddress> candidates =
                List.of(
                        address("::1"),
                        address("fe80::1"),
                        address("fd00::1"),
                        address("2001:db8::1"));

        assertThat(LocalAddress.choose(candidates)).isEqualTo(address("fd00::1").getAddress());
    }

    @Test
    void chooseWhenNothingUsableShouldFallBackToLoopback() throws Exception {
        List<InetAddress> candidates =
                List.of(
                        address("127.0.0.1"),
                        address("::1"),
                        address("169.254.0.1"),
                        address("0.0.0.0"));

        assertThat(LocalAddress.choose(candidates)).containsExactly(127, 0, 0, 1);
        assertThat(LocalAddress.choose(List.of())).containsExactly(127, 0, 0, 1);
    }

    @Test
    void ofThisHostShouldReturnIpv4OrIpv6Bytes() {
        assertThat(LocalAddress.ofThisHost().length).isIn(4, 16);
    }

    private static InetAddress address(String literal) throws Exception {
        // A literal is parsed without a DNS look-up.
        return InetAddress.getByName(literal);
    }
}
