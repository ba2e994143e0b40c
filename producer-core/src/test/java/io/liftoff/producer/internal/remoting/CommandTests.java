package io.liftoff.producer.internal.remoting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liftoff.producer.HeaderSerialization;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandTests {

    @Test
    void requestWithBodyViewShouldGoOnTheWireAsTheSameBytesAsAnArrayBody() {
        byte[] bytes = {9, 1, 2, 3, 4, 9};
        Map<String, String> fields = Map.of("a", "PG");
        Command copied = Command.request(310, fields, new byte[] {1, 2, 3, 4}).stamped(7, 479, 0);
        // read-only (copied through its nio buffer), and array-backed at an array offset and at a
        // position (copied straight from the array)
        ByteBuffer[] views = {
            ByteBuffer.wrap(bytes, 1, 4).slice().asReadOnlyBuffer(),
            ByteBuffer.wrap(bytes, 1, 4).slice(),
            ByteBuffer.wrap(bytes, 1, 4)
        };

        for (ByteBuffer view : views) {
            int position = view.position();
            Command shared = Command.requestWithBodyView(310, fields, view).stamped(7, 479, 0);
            for (HeaderSerialization serialization : HeaderSerialization.values()) {
                assertThat(Frames.encode(shared, serialization))
                        .containsExactly(Frames.encode(copied, serialization));
            }
            // written twice (a frame per attempt) from the same view, which never moves
            assertThat(view.position()).isEqualTo(position);
            assertThat(shared.body()).containsExactly(1, 2, 3, 4);
            assertThat(shared).isEqualTo(copied).hasSameHashCodeAs(copied);
        }
    }

    @Test
    void requestWithABodyWrittenInPartsShouldGoOnTheWireAsTheSameBytesAsAnArrayBody() {
        Command copied = Command.request(310, Map.of(), new byte[] {1, 2, 3, 4}).stamped(7, 479, 0);
        Command parts = withBody(bodyWriting(4, new byte[] {1, 2}, new byte[] {3, 4}));

        assertThat(Frames.encode(parts, HeaderSerialization.ROCKETMQ))
                .containsExactly(Frames.encode(copied, HeaderSerialization.ROCKETMQ));
        assertThat(parts.body()).containsExactly(1, 2, 3, 4);
        assertThat(parts.bodyBuffer()).isEqualTo(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}));
    }

    @Test
    void requestWhoseBodyWritesOtherThanItsLengthShouldFailItsFrameNotCorruptTheStream() {
        Command lying = withBody(bodyWriting(4, new byte[] {1, 2, 3}));
        EmbeddedChannel channel =
                new EmbeddedChannel(
                        new FrameEncoder(
                                HeaderSerialization.ROCKETMQ,
                                RemotingOptions.DEFAULT_MAX_FRAME_LENGTH,
                                Frames.ADDRESS));

        assertThatThrownBy(() -> channel.writeOutbound(lying))
                .hasRootCauseInstanceOf(IllegalStateException.class)
                .rootCause()
                .hasMessageContaining("wrote 3 bytes, not the 4 it announced");
        assertThat((Object) channel.readOutbound()).isNull();
        channel.finishAndReleaseAll();
    }

    private static Command withBody(WritableBody body) {
        return new CommandBuilder().code(310).writableBody(body).build().stamped(7, 479, 0);
    }

    /** A body that announces {@code length} bytes and writes {@code parts} one after another. */
    private static WritableBody bodyWriting(int length, byte[]... parts) {
        return new WritableBody() {
            @Override
            public int length() {
                return length;
            }

            @Override
            public void writeTo(ByteBuf out) {
                for (byte[] part : parts) {
                    out.writeBytes(part);
                }
            }
        };
    }

    @Test
    void requestShouldCopyExtFieldsKeepingTheirOrder() {
        Map<String, String> extFields = new LinkedHashMap<>();
        extFields.put("z", "1");
        extFields.put("a", "2");

        Command request = Command.request(310, extFields, null);
        extFields.put("late", "3");

        assertThat(request.extFields()).containsExactly(Map.entry("z", "1"), Map.entry("a", "2"));
        assertThat(request.extField("a")).isEqualTo("2");
        assertThat(request.extField("late")).isNull();
        assertThat(request.isResponse()).isFalse();
        assertThat(request.isOneway()).isFalse();
        assertThat(request.language()).isEqualTo(LanguageCodes.JAVA);
        assertThat(request.serialization()).isNull();
    }

    @Test
    void extFieldsShouldBeUnmodifiable() {
        Command request = Command.request(310, Map.of("a", "1"), null);

        assertThatThrownBy(() -> request.extFields().put("b", "2"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void bodyShouldBeHandedOverWithoutCopying() {
        byte[] body = {1, 2, 3};

        assertThat(Command.request(310, Map.of(), body).body()).isSameAs(body);
        assertThat(Command.request(310, Map.of(), null).body()).isNull();
    }

    @Test
    void responseShouldSetTheResponseFlagAndRemark() {
        Command response = Command.response(1, "boom", Map.of(), null);

        assertThat(response.isResponse()).isTrue();
        assertThat(response.flags()).isEqualTo(1);
        assertThat(response.remark()).isEqualTo("boom");
    }

    @Test
    void stampedShouldReplaceOpaqueVersionAndFlagsOnly() {
        byte[] body = {7};
        Command request = Command.request(310, Map.of("a", "1"), body);

        Command stamped = request.stamped(42, 479, Command.FLAG_ONEWAY);

        assertThat(stamped.opaque()).isEqualTo(42);
        assertThat(stamped.version()).isEqualTo(479);
        assertThat(stamped.isOneway()).isTrue();
        assertThat(stamped.code()).isEqualTo(310);
        assertThat(stamped.extFields()).isEqualTo(request.extFields());
        assertThat(stamped.body()).isSameAs(body);
        assertThat(request.opaque()).isZero();
    }

    @Test
    void requestWhenExtFieldsAreNullOrHoldNullShouldRejectThem() {
        Map<String, String> withNull = new HashMap<>();
        withNull.put("a", null);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> Command.request(310, null, null))
                .withMessageContaining("extFields must not be null");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Command.response(0, null, withNull, null))
                .withMessageContaining("a=null");
    }

    @Test
    void equalsShouldCompareEveryFieldIncludingBodyContent() {
        Command one = Command.request(310, Map.of("a", "1"), new byte[] {1});
        Command same = Command.request(310, Map.of("a", "1"), new byte[] {1});

        assertThat(one).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(one).isNotEqualTo(Command.request(310, Map.of("a", "1"), new byte[] {2}));
        assertThat(one).isNotEqualTo(one.stamped(1, 0, 0));
        assertThat(one.toString()).contains("code=310", "body=1 bytes");
    }
}
