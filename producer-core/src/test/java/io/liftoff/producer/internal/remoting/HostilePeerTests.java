package io.liftoff.producer.internal.remoting;

import static io.liftoff.producer.internal.remoting.Frames.concat;
import static io.liftoff.producer.internal.remoting.Frames.hex;
import static io.liftoff.producer.internal.remoting.Frames.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.liftoff.producer.HeaderSerialization;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.DecoderException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A server that misbehaves on the wire, over real sockets: every fault closes the connection or is
 * ignored, fails exactly the requests pending on that connection with a message naming the address,
 * leaves the pending table empty and leaks no buffer (Netty's leak detector at PARANOID). Faults
 * covered elsewhere: responses to unknown opaques and a clean close in {@link RemotingClientTests},
 * server requests with unknown codes (two-way and oneway) in {@link
 * RemotingClientServerRequestTests}.
 */
@ExtendWith(NettyLeakDetection.class)
class HostilePeerTests {

    private static final Duration WAIT = FakeServer.WAIT;
    private static final int MAX_FRAME_LENGTH = 1024;
    private static final int FIRST = 301;
    private static final int SECOND = 302;

    private RemotingClient client;

    @BeforeEach
    void setUp() {
        client =
                new RemotingClient(
                        RemotingOptions.builder()
                                .maxFrameLength(MAX_FRAME_LENGTH)
                                .threadNamePrefix("hostile")
                                .build());
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    /** Byte streams a broker never sends, each with a fragment of the error it must raise. */
    static Stream<Arguments> corruptStreams() {
        byte[] binaryPrefix = hex("0000 00 0000 00000000 00000001");
        return Stream.of(
                // Netty reads the length word unsigned, so a negative length is a 2 GiB frame
                arguments("negative frame length", hex("80000000"), "exceeds 1024"),
                arguments("frame length of 2 GiB", hex("7fffffff"), "exceeds 1024"),
                arguments("frame one byte over the limit", hex("000003fd"), "exceeds 1024"),
                arguments("zero frame length", hex("00000000"), "frame of 0 bytes"),
                arguments("frame shorter than the header word", hex("00000002 0000"), "2 bytes"),
                arguments("zero JSON header length", hex("00000004 00000000"), "not an object"),
                arguments(
                        "zero binary header length",
                        hex("00000004 01000000"),
                        "too short for fixed fields"),
                arguments(
                        "header length larger than the frame",
                        hex("00000008 00000010 00000000"),
                        "header length 16"),
                arguments(
                        "header length of 16 MiB",
                        hex("00000008 00ffffff 00000000"),
                        "header length 16777215"),
                arguments(
                        "serialization type 2",
                        Frames.frame(2, utf8("{}"), new byte[0]),
                        "code 2 is unknown"),
                arguments(
                        "serialization type 255",
                        Frames.frame(255, utf8("{}"), new byte[0]),
                        "code 255 is unknown"),
                arguments(
                        "JSON cut off", Frames.frame(0, utf8("{\"code\":0,"), new byte[0]), "JSON"),
                arguments("not JSON", Frames.frame(0, utf8("{oops"), new byte[0]), "JSON"),
                arguments("JSON array", Frames.frame(0, utf8("[1]"), new byte[0]), "not an object"),
                arguments(
                        "JSON code as a string",
                        Frames.frame(0, utf8("{\"code\":\"0\"}"), new byte[0]),
                        "'code' must be an integer"),
                arguments(
                        "JSON opaque over int32",
                        Frames.frame(0, utf8("{\"opaque\":4294967296}"), new byte[0]),
                        "JSON"),
                arguments(
                        "JSON extFields as an array",
                        Frames.frame(0, utf8("{\"extFields\":[]}"), new byte[0]),
                        "'extFields' must be an object"),
                arguments(
                        "JSON content after the object",
                        Frames.frame(0, utf8("{} {}"), new byte[0]),
                        "content after its object"),
                arguments(
                        "binary header cut in its fixed fields",
                        Frames.frame(1, hex("0000 00 0000"), new byte[0]),
                        "fixed fields"),
                arguments(
                        "binary remark length negative",
                        Frames.frame(1, concat(binaryPrefix, hex("ffffffff")), new byte[0]),
                        "negative length (-1) for remark"),
                arguments(
                        "binary remark length past the header",
                        Frames.frame(1, concat(binaryPrefix, hex("7fffffff")), new byte[0]),
                        "too short for remark"),
                arguments(
                        "binary extFields length negative",
                        Frames.frame(
                                1, concat(binaryPrefix, hex("00000000 80000000")), new byte[0]),
                        "extFields"),
                arguments(
                        "binary extFields key length negative",
                        Frames.frame(
                                1,
                                concat(binaryPrefix, hex("00000000 00000006 ffff 00000000")),
                                new byte[0]),
                        "negative length (-1) for extFields key"),
                arguments(
                        "binary extFields value past the map",
                        Frames.frame(
                                1,
                                concat(binaryPrefix, hex("00000000 00000007 0001 6b 7fffffff")),
                                new byte[0]),
                        "extFields value of k"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptStreams")
    void corruptStreamShouldCloseTheConnectionAndFailEveryRequestPendingOnIt(
            String fault, byte[] stream, String errorFragment) throws Exception {
        FakeServer.Script garbageOnSecond =
                (channel, request) -> {
                    if (request.code() == SECOND) {
                        channel.writeAndFlush(Unpooled.wrappedBuffer(stream));
                    }
                };
        try (FakeServer server = FakeServer.start(HeaderSerialization.JSON, garbageOnSecond)) {
            CompletableFuture<Command> first = invoke(server, FIRST);
            CompletableFuture<Command> second = invoke(server, SECOND);

            for (CompletableFuture<Command> request : Arrays.asList(first, second)) {
                assertFailure(request)
                        .isInstanceOf(ConnectionClosedException.class)
                        .hasMessageStartingWith("connection to " + server.address() + " closed")
                        .cause()
                        .isInstanceOf(DecoderException.class)
                        .hasMessageContaining(errorFragment);
            }
            assertThat(client.pendingCount()).isZero();
            assertThat(client.isConnected(server.address())).isFalse();
        }
    }

    @Test
    void corruptFrameFollowedByAValidResponseShouldNotDeliverTheResponse() throws Exception {
        FakeServer.Script garbageThenAnswer =
                (channel, request) -> {
                    byte[] answer =
                            Frames.encode(
                                    FakeServer.response(0, "after the garbage")
                                            .stamped(request.opaque(), 479, Command.FLAG_RESPONSE),
                                    HeaderSerialization.JSON);
                    byte[] garbage = Frames.frame(0, utf8("{oops"), new byte[0]);
                    // one write, so the answer is already buffered when the garbage is decoded
                    channel.writeAndFlush(Unpooled.wrappedBuffer(concat(garbage, answer)));
                };
        try (FakeServer server = FakeServer.start(HeaderSerialization.JSON, garbageThenAnswer)) {
            CompletableFuture<Command> request = invoke(server, FIRST);

            assertFailure(request)
                    .isInstanceOf(ConnectionClosedException.class)
                    .hasMessageContaining(server.address());
            assertThat(client.pendingCount()).isZero();
        }
    }

    @ParameterizedTest(name = "close after {0} bytes of the response")
    @ValueSource(ints = {1, 4, 6, 8, 20, -1})
    void peerClosingMidFrameShouldFailThePendingRequestNamingTheAddress(int cut) throws Exception {
        FakeServer.Script halfAnswerThenClose =
                (channel, request) -> {
                    byte[] answer =
                            Frames.encode(
                                    Command.response(0, "cut", Map.of("k", "v"), new byte[16])
                                            .stamped(request.opaque(), 479, Command.FLAG_RESPONSE),
                                    HeaderSerialization.JSON);
                    int length = cut > 0 ? cut : answer.length - 1;
                    channel.writeAndFlush(Unpooled.wrappedBuffer(Arrays.copyOf(answer, length)))
                            .addListener(written -> channel.close());
                };
        try (FakeServer server = FakeServer.start(HeaderSerialization.JSON, halfAnswerThenClose)) {
            CompletableFuture<Command> request = invoke(server, FIRST);

            int opaque = server.take().opaque();
            assertFailure(request)
                    .isInstanceOf(ConnectionClosedException.class)
                    .hasMessage(
                            "connection to "
                                    + server.address()
                                    + " closed while request (code "
                                    + FIRST
                                    + ", opaque "
                                    + opaque
                                    + ") was pending");
            assertThat(client.pendingCount()).isZero();
            assertThat(client.isConnected(server.address())).isFalse();
        }
    }

    @Test
    void peerThatNeverAnswersShouldTimeOutNamingTheAddressAndKeepTheConnection() throws Exception {
        try (FakeServer server =
                FakeServer.start(HeaderSerialization.JSON, (channel, request) -> {})) {
            // connected first: the 300 ms include connecting, which a loaded machine may not
            // finish in time, and the connection must be there to be kept
            client.invokeOneway(server.address(), Command.request(SECOND, Map.of(), null))
                    .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            CompletableFuture<Command> request =
                    client.invoke(
                            server.address(),
                            Command.request(FIRST, Map.of(), null),
                            Duration.ofMillis(300));

            assertFailure(request)
                    .isInstanceOf(RemotingTimeoutException.class)
                    .hasMessage(
                            "request code "
                                    + FIRST
                                    + " to "
                                    + server.address()
                                    + " timed out after 300 ms");
            assertThat(client.pendingCount()).isZero();
            assertThat(client.isConnected(server.address())).isTrue();
        }
    }

    @Test
    void responseWithAnUnknownCodeShouldCompleteTheRequestWithThatCode() throws Exception {
        FakeServer.Script oddCode =
                (channel, request) ->
                        FakeServer.reply(channel, request, FakeServer.response(31_337, "odd"));
        try (FakeServer server = FakeServer.start(HeaderSerialization.ROCKETMQ, oddCode)) {
            Command response = invoke(server, FIRST).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

            // mapping response codes is the caller's job; the connection stays usable
            assertThat(response.code()).isEqualTo(31_337);
            assertThat(response.remark()).isEqualTo("odd");
            assertThat(client.pendingCount()).isZero();
            assertThat(client.isConnected(server.address())).isTrue();
        }
    }

    private CompletableFuture<Command> invoke(FakeServer server, int code) {
        return client.invoke(server.address(), Command.request(code, Map.of(), null), WAIT);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertFailure(
            CompletableFuture<?> future) {
        return assertThatThrownBy(() -> future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause();
    }
}
