package io.liftoff.producer.internal.remoting;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.producer.HeaderSerialization;
import io.liftoff.producer.internal.protocol.SendMessageHeader;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The send header written straight into the frame goes out as the same bytes as its map. */
class WritableHeaderFieldsTests {

    static List<SendMessageHeader> headers() {
        return List.of(
                header(3, 0, 1_700_000_000_123L, 0, "UNIQ_KEY\u0001AC1100\u0002", false),
                // a batch: code 320 and m=true
                header(0, 0, 1_700_000_000_123L, 0, "", true),
                // non-ASCII properties take several bytes per character
                header(255, 1, 1L, 7, "KEYS\u0001caf\u00e9 \u65e5\u672c \ud83d\ude80\u0002", false),
                // numbers past the small cache, negative, and the extremes
                header(1024, -8, Long.MAX_VALUE, Integer.MIN_VALUE, "p", false),
                header(Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MIN_VALUE, -1, "p", false),
                header(9, 10, 0L, 99, "p", false),
                // a bare message: constant start and id, joined only in the map
                new SendMessageHeader(
                        "PG",
                        "TopicTest",
                        1,
                        0,
                        1L,
                        0,
                        "WAIT\u0001true\u0002UNIQ_KEY\u0001",
                        "broker-a",
                        SendMessageHeader.AutoCreate.DEFAULT,
                        false,
                        "AC110001000100000000000000000001"));
    }

    @ParameterizedTest
    @MethodSource("headers")
    void directHeaderShouldGoOnTheWireAsTheSameBytesAsItsMap(SendMessageHeader header) {
        byte[] bytes = {9, 1, 2, 3, 4, 9};
        // a view whose position is not 0, as the rest of a larger buffer
        ByteBuffer view = ByteBuffer.wrap(bytes).position(1).limit(5).asReadOnlyBuffer();
        int code = header.batch() ? 320 : 310;

        Command direct =
                Command.requestWithBody(code, header, WritableBody.of(view)).stamped(7, 479, 0);
        Command generic =
                Command.request(code, header.toExtFields(), new byte[] {1, 2, 3, 4})
                        .stamped(7, 479, 0);

        for (HeaderSerialization serialization : HeaderSerialization.values()) {
            assertThat(Frames.encode(direct, serialization))
                    .containsExactly(Frames.encode(generic, serialization));
        }
        assertThat(view.position()).isEqualTo(1);
        assertThat(direct).isEqualTo(generic).hasSameHashCodeAs(generic);
    }

    private static SendMessageHeader header(
            int queueId,
            int sysFlag,
            long bornTimestamp,
            int flag,
            String properties,
            boolean batch) {
        return new SendMessageHeader(
                "PG",
                "TopicTest",
                queueId,
                sysFlag,
                bornTimestamp,
                flag,
                properties,
                "broker-a",
                SendMessageHeader.AutoCreate.DEFAULT,
                batch);
    }
}
