package io.liftoff.producer.internal.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.apache.rocketmq.common.message.MessageId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OffsetMessageIdTests {

    @Test
    void parseShouldReadDocumentedIpv4Example() throws Exception {
        OffsetMessageId id = OffsetMessageId.parse("7F00000100002A9F00000000000006CF");

        assertThat(id.storeHost())
                .isEqualTo(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 10911));
        assertThat(id.commitLogOffset()).isEqualTo(0x6CF);
    }

    @Test
    void parseShouldReadOfficialIpv4Id() throws Exception {
        InetSocketAddress host = new InetSocketAddress(InetAddress.getByName("192.168.7.9"), 10911);
        String hex = MessageDecoder.createMessageId(host, 123_456_789_012L);

        OffsetMessageId id = OffsetMessageId.parse(hex);

        assertThat(hex).hasSize(32);
        assertThat(id.storeHost()).isEqualTo(host);
        assertThat(id.commitLogOffset()).isEqualTo(123_456_789_012L);
        assertThat(id.toHex()).isEqualTo(hex);
    }

    @Test
    void parseShouldReadOfficialIpv6Id() throws Exception {
        InetSocketAddress host =
                new InetSocketAddress(InetAddress.getByName("fd00::abcd:1"), 10911);
        String hex = MessageDecoder.createMessageId(host, Long.MAX_VALUE);

        OffsetMessageId id = OffsetMessageId.parse(hex);

        assertThat(hex).hasSize(56);
        assertThat(id.storeHost()).isEqualTo(host);
        assertThat(id.commitLogOffset()).isEqualTo(Long.MAX_VALUE);
        assertThat(id.toHex()).isEqualTo(hex);
    }

    @Test
    void toHexShouldBeReadByOfficialDecoder() throws Exception {
        OffsetMessageId v4 =
                new OffsetMessageId(
                        new InetSocketAddress(InetAddress.getByName("10.1.2.3"), 65535), 42);
        OffsetMessageId v6 =
                new OffsetMessageId(
                        new InetSocketAddress(InetAddress.getByName("2001:db8::7"), 10911), 7);

        MessageId decodedV4 = MessageDecoder.decodeMessageId(v4.toHex());
        MessageId decodedV6 = MessageDecoder.decodeMessageId(v6.toHex());

        assertThat(decodedV4.getAddress()).isEqualTo(v4.storeHost());
        assertThat(decodedV4.getOffset()).isEqualTo(42);
        assertThat(decodedV6.getAddress()).isEqualTo(v6.storeHost());
        assertThat(decodedV6.getOffset()).isEqualTo(7);
    }

    @Test
    void parseShouldAcceptLowerCase() {
        assertThat(OffsetMessageId.parse("7f00000100002a9f00000000000006cf"))
                .isEqualTo(OffsetMessageId.parse("7F00000100002A9F00000000000006CF"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "7F000001", "7F00000100002A9F00000000000006CF00"})
    void parseWhenLengthWrongShouldSayWhichLengthsAreValid(String hex) {
        assertThatThrownBy(() -> OffsetMessageId.parse(hex))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has " + hex.length() + " characters")
                .hasMessageContaining("must have 32 (IPv4 broker) or 56 (IPv6 broker)")
                .hasMessageContaining("pass the offsetMsgId of a send result");
    }

    @Test
    void parseWhenNotHexShouldNameTheCharacter() {
        assertThatThrownBy(() -> OffsetMessageId.parse("7F00000100002A9F0000000000000XCF"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'X' at index 29")
                .hasMessageContaining("only hex digits");
    }

    @Test
    void parseWhenNonAsciiDigitShouldRefuse() {
        assertThatThrownBy(() -> OffsetMessageId.parse("7F00000100002A9F00000000000006C\uff10"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at index 31");
    }

    @Test
    void parseWhenPortOutOfRangeShouldSaySo() {
        assertThatThrownBy(() -> OffsetMessageId.parse("7F00000100012A9F00000000000006CF"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port 76447 outside 0..65535");
    }

    @Test
    void parseWhenNullShouldNameTheArgument() {
        assertThatThrownBy(() -> OffsetMessageId.parse(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("offsetMsgId must not be null");
    }

    @Test
    void constructorWhenHostUnresolvedShouldRefuse() {
        InetSocketAddress unresolved = InetSocketAddress.createUnresolved("broker-a", 10911);

        assertThatThrownBy(() -> new OffsetMessageId(unresolved, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is unresolved");
        assertThatThrownBy(() -> new OffsetMessageId(null, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("storeHost must not be null");
    }
}
