package io.liftoff.producer.remoting;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.slf4j.LoggerFactory;

/**
 * Property-based fuzzing of the inbound side of the real pipeline ({@link RemotingPipeline} on an
 * {@link EmbeddedChannel}): random bytes, and valid frames of both serializations mutated by bit
 * flips, truncation, length-word and header-word edits, integer overwrites and splices, fed in
 * random chunks. Whatever arrives, no exception escapes the pipeline, a failure closes the channel
 * and fails the request pending on it, nothing is decoded after the failure, no array larger than
 * what was received (or than the frame limit) is allocated, and every buffer is released.
 *
 * <p>Tries per property: {@code jqwik.tries.default} in {@code junit-platform.properties}; pass
 * {@code -Djqwik.tries.default=100000} for a longer run.
 */
class FrameDecoderFuzzTests {

    private static final int MAX_FRAME_LENGTH = 4096;
    private static final int OPAQUE = 7;
    private static final int[] INTERESTING_INTS = {
        0,
        1,
        3,
        4,
        5,
        -1,
        Integer.MIN_VALUE,
        Integer.MAX_VALUE,
        0x00FFFFFF,
        0x01000000,
        MAX_FRAME_LENGTH - 4,
        MAX_FRAME_LENGTH - 3,
        MAX_FRAME_LENGTH,
        0x7FFF,
        0x8000,
        0xFFFF
    };

    private static final Logger CONNECTION_LOG =
            (Logger) LoggerFactory.getLogger(ConnectionLossHandler.class);
    private static Level connectionLogLevel;

    /** Every failing try logs a warning with a stack trace; thousands of them drown the build. */
    @BeforeContainer
    static void quietConnectionLog() {
        connectionLogLevel = CONNECTION_LOG.getLevel();
        CONNECTION_LOG.setLevel(Level.ERROR);
    }

    @AfterContainer
    static void restoreConnectionLog() {
        CONNECTION_LOG.setLevel(connectionLogLevel);
    }

    @Property
    void mutatedFramesShouldDecodeOrCloseCleanly(
            @ForAll("mutatedStreams") byte[] stream,
            @ForAll @IntRange(min = 1, max = 97) int chunk) {
        collectOutcome(feed(stream, chunk));
    }

    @Property
    void randomBytesShouldDecodeOrCloseCleanly(
            @ForAll @Size(max = 160) byte[] stream,
            @ForAll @IntRange(min = 1, max = 17) int chunk) {
        collectOutcome(feed(stream, chunk));
    }

    @Property
    void validFramesShouldDecodeToWhatWasSentWhateverTheChunking(
            @ForAll("commands") Command sent,
            @ForAll HeaderSerialization serialization,
            @ForAll @IntRange(min = 1, max = 64) int chunk) {
        Run run = feed(Frames.encode(sent, serialization), chunk);

        assertThat(run.failure).isNull();
        assertThat(run.decoded).hasSize(1);
        Command received = run.decoded.get(0);
        assertThat(received.code()).isEqualTo(sent.code());
        assertThat(received.opaque()).isEqualTo(sent.opaque());
        assertThat(received.flags()).isEqualTo(sent.flags());
        assertThat(received.remark()).isEqualTo(sent.remark());
        assertThat(received.extFields()).isEqualTo(sent.extFields());
        assertThat(received.body()).isEqualTo(sent.body());
    }

    /** Reports how the tries ended, to show that they reach both paths of the decoder. */
    private static void collectOutcome(Run run) {
        Statistics.collect(
                run.failure == null ? "no decode failure" : "closed after a failure",
                run.decoded.isEmpty() ? "nothing decoded" : "some decoded");
    }

    /** What one stream did to a fresh pipeline. */
    private static final class Run {
        final List<Command> decoded = new ArrayList<>();
        Throwable failure;
        boolean decodedAfterFailure;
    }

    /**
     * Feeds {@code stream} in chunks to a fresh pipeline with one request pending on it, closes the
     * channel, and checks the properties every stream must satisfy.
     */
    private static Run feed(byte[] stream, int chunk) {
        TrackingAllocator allocator = new TrackingAllocator();
        PendingRequests pending = new PendingRequests();
        AtomicReference<Throwable> closedBy = new AtomicReference<>();
        RemotingPipeline pipeline =
                new RemotingPipeline(
                        RemotingOptions.builder().maxFrameLength(MAX_FRAME_LENGTH).build(),
                        pending,
                        new RequestHandlers(),
                        (address, channel, cause) -> {
                            closedBy.set(cause);
                            pending.failAll(channel, request -> request.connectionClosed(cause));
                        });
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.config().setAllocator(allocator);
        pipeline.buildHandlers(channel.pipeline(), Frames.ADDRESS);
        Run run = new Run();
        channel.pipeline().addAfter("frameDecoder", "probe", new Probe(run));
        PendingRequest request =
                new PendingRequest(OPAQUE, 310, Frames.ADDRESS, Duration.ofMinutes(1));
        pending.add(request);
        request.bindTo(channel);

        // An exception that reaches the end of the pipeline is rethrown here, failing the try.
        for (int offset = 0; offset < stream.length && channel.isOpen(); offset += chunk) {
            int length = Math.min(chunk, stream.length - offset);
            ByteBuf piece = allocator.buffer(length).writeBytes(stream, offset, length);
            channel.writeInbound(piece);
        }
        boolean failedWhileOpen = run.failure != null;
        boolean openAfterFeeding = channel.isOpen();
        channel.finishAndReleaseAll();

        if (failedWhileOpen) {
            assertThat(openAfterFeeding).as("channel open after a decode failure").isFalse();
            assertThat(closedBy.get()).isSameAs(run.failure);
            assertThat(run.failure).isInstanceOf(DecoderException.class);
        }
        assertThat(run.decodedAfterFailure).as("a command decoded after a failure").isFalse();
        assertThat(request.future()).isDone();
        assertThat(pending.size()).isZero();
        assertThat(allocator.largestArray())
                .as("largest array allocated for a stream of %d bytes", stream.length)
                .isLessThanOrEqualTo(Math.min(2 * MAX_FRAME_LENGTH, 2 * stream.length + 256));
        assertThat(allocator.unreleased()).as("buffers never released").isEmpty();
        return run;
    }

    /** Sits right after the decoder and records what it emits: commands, then any failure. */
    private static final class Probe extends ChannelInboundHandlerAdapter {

        private final Run run;

        Probe(Run run) {
            this.run = run;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            if (message instanceof Command command) {
                run.decoded.add(command);
                run.decodedAfterFailure |= run.failure != null;
            }
            ctx.fireChannelRead(message);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (run.failure == null) {
                run.failure = cause;
            }
            ctx.fireExceptionCaught(cause);
        }
    }

    @Provide
    Arbitrary<Command> commands() {
        Arbitrary<String> text =
                Arbitraries.strings()
                        .alpha()
                        .numeric()
                        .withChars("ü中文 \n\u0001\u0002\"\\{}")
                        .ofMinLength(1)
                        .ofMaxLength(12);
        return Combinators.combine(
                        Arbitraries.integers().between(Short.MIN_VALUE, Short.MAX_VALUE),
                        Arbitraries.integers(),
                        Arbitraries.of(0, Command.FLAG_RESPONSE, Command.FLAG_ONEWAY),
                        text.injectNull(0.3),
                        Arbitraries.maps(text, text).ofMaxSize(4),
                        Arbitraries.bytes()
                                .array(byte[].class)
                                .ofMinSize(1)
                                .ofMaxSize(64)
                                .injectNull(0.3))
                .as(
                        (code, opaque, flags, remark, extFields, body) ->
                                Command.response(code, remark, extFields, body)
                                        .stamped(opaque, 479, flags));
    }

    @Provide
    Arbitrary<byte[]> mutatedStreams() {
        Arbitrary<byte[]> frame =
                Combinators.combine(commands(), Arbitraries.of(HeaderSerialization.class))
                        .as(
                                (command, serialization) ->
                                        Frames.encode(answerToPending(command), serialization));
        Arbitrary<byte[]> frames = frame.list().ofMinSize(1).ofMaxSize(3).map(list -> concat(list));
        return Combinators.combine(frames, mutation().list().ofMinSize(1).ofMaxSize(4))
                .as(
                        (stream, mutations) -> {
                            byte[] mutated = stream;
                            for (Mutation mutation : mutations) {
                                mutated = mutation.apply(mutated);
                            }
                            return mutated;
                        });
    }

    /** Half the frames answer the pending request, so mutations also hit a live opaque. */
    private static Command answerToPending(Command command) {
        return command.opaque() % 2 == 0
                ? command.stamped(OPAQUE, command.version(), Command.FLAG_RESPONSE)
                : command;
    }

    /** One edit of a byte stream; positions are taken modulo the stream's length. */
    private interface Mutation {
        byte[] apply(byte[] stream);
    }

    private static Arbitrary<Mutation> mutation() {
        Arbitrary<Integer> position = Arbitraries.integers().greaterOrEqual(0);
        Arbitrary<Integer> value =
                Arbitraries.oneOf(
                        Arbitraries.of(Arrays.stream(INTERESTING_INTS).boxed().toList()),
                        Arbitraries.integers());
        return Arbitraries.oneOf(
                Combinators.combine(position, Arbitraries.integers().between(0, 7))
                        .as(FrameDecoderFuzzTests::bitFlip),
                position.map(FrameDecoderFuzzTests::truncate),
                value.map(length -> overwriteInt(0, length)),
                Combinators.combine(Arbitraries.integers().between(0, 255), value)
                        .as((type, length) -> overwriteInt(4, type << 24 | length & 0xFFFFFF)),
                Combinators.combine(position, value).as(FrameDecoderFuzzTests::overwriteInt),
                Combinators.combine(position, Arbitraries.bytes().array(byte[].class))
                        .as(FrameDecoderFuzzTests::splice));
    }

    private static Mutation bitFlip(int position, int bit) {
        return named(
                "flip bit " + bit + " of byte " + position,
                stream -> {
                    byte[] copy = stream.clone();
                    if (copy.length > 0) {
                        copy[position % copy.length] ^= (byte) (1 << bit);
                    }
                    return copy;
                });
    }

    private static Mutation truncate(int length) {
        return named(
                "truncate to " + length,
                stream -> Arrays.copyOf(stream, stream.length == 0 ? 0 : length % stream.length));
    }

    private static Mutation overwriteInt(int position, int value) {
        return named(
                "write int " + value + " at " + position,
                stream -> {
                    byte[] copy = stream.clone();
                    if (copy.length >= 4) {
                        ByteBuffer.wrap(copy).putInt(position % (copy.length - 3), value);
                    }
                    return copy;
                });
    }

    private static Mutation splice(int position, byte[] inserted) {
        return named(
                "splice " + inserted.length + " bytes in at " + position,
                stream -> {
                    int at = stream.length == 0 ? 0 : position % stream.length;
                    return concat(
                            List.of(
                                    Arrays.copyOf(stream, at),
                                    inserted,
                                    Arrays.copyOfRange(stream, at, stream.length)));
                });
    }

    private static Mutation named(String name, Mutation mutation) {
        return new Mutation() {
            @Override
            public byte[] apply(byte[] stream) {
                return mutation.apply(stream);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    private static byte[] concat(List<byte[]> parts) {
        return Frames.concat(parts.toArray(new byte[0][]));
    }
}
