package io.liftoff.producer.internal.remoting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class AddressesTests {

    @Test
    void parseShouldReadHostAndPortWithoutResolving() {
        InetSocketAddress address = Addresses.parse("broker-a.example:10911");

        assertThat(address.getHostString()).isEqualTo("broker-a.example");
        assertThat(address.getPort()).isEqualTo(10911);
        assertThat(address.isUnresolved()).isTrue();
    }

    @Test
    void parseWhenHostIsBracketedIpv6ShouldStripTheBrackets() {
        assertThat(Addresses.parse("[::1]:9876").getHostString()).isEqualTo("::1");
    }

    @Test
    void parseWhenAddressIsMalformedShouldSayWhatIsWrong() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Addresses.parse("10911"))
                .withMessage(
                        "address '10911' is malformed: expected host:port, e.g. 127.0.0.1:10911");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Addresses.parse("host:"))
                .withMessageContaining("expected host:port");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Addresses.parse("[]:1"))
                .withMessageContaining("the host is empty");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Addresses.parse("host:0"))
                .withMessageContaining("between 1 and 65535");
    }
}
