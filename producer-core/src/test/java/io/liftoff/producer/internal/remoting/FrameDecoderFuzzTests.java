package io.liftoff.producer.internal.remoting;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.liftoff.producer.HeaderSerialization;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Seeded fuzzing of the inbound side of the real pipeline ({@link RemotingPipeline} on an {@link
 * EmbeddedChannel}): random bytes, and valid frames of both serializations mutated by bit flips,
 * truncation, length-word and header-word edits, integer overwrites and splices, fed in random
 * chunks. Whatever arrives, no exception escapes the pipeline, a failure closes the channel and
 * fails the request pending on it, nothing is decoded after the failure, no array larger than what
 * was received (or than the frame limit) is allocated, and every buffer is released.
 *
 * <p>Each test runs {@code liftoff.fuzz.iterations} tries (2,000 by default; pass e.g. {@code
 * -Dliftoff.fuzz.iterations=100000} for a long run) from the seed {@code liftoff.fuzz.seed} (random
 * unless given). A failing try names its seed and iteration, so {@code -Dliftoff.fuzz.seed=...}
 * replays it exactly.
 */
class FrameDecoderFuzzTests {

    private static final int ITERATIONS = Integer.getInteger("liftoff.fuzz.iterations", 2000);
    private static final long SEED = Long.getLong("liftoff.fuzz.seed", System.nanoTime());
    private static final int MAX_FRAME_LENGTH = 4096;
    private static final int OPAQUE = 7;
    private static final String TEXT_CHARS =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ü中文 \n\u0001\u0002\"\\{}";
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
    @BeforeAll
    static void quietConnectionLog() {
        connectionLogLevel = CONNECTION_LOG.getLevel();
        CONNECTION_LOG.setLevel(Level.ERROR);
    }

    @AfterAll
    static void restoreConnectionLog() {
        CONNECTION_LOG.setLevel(connectionLogLevel);
    }

    @Test
    void mutatedFramesShouldDecodeOrCloseCleanly() {
        Outcomes outcomes =
                fuzz(
                        "mutated frames",
                        random -> {
                            Mutated stream = mutatedStream(random);
                            return new Try(stream.bytes, 1 + random.nextInt(97), stream.edits);
                        });
        assertThat(outcomes.closed).as("tries that closed after a failure").isPositive();
        assertThat(outcomes.clean).as("tries that decoded without failure").isPositive();
    }

    @Test
    void randomBytesShouldDecodeOrCloseCleanly() {
        Outcomes outcomes =
                fuzz(
                        "random bytes",
                        random -> {
                            byte[] stream = new byte[random.nextInt(161)];
                            random.nextBytes(stream);
                            return new Try(stream, 1 + random.nextInt(17), List.of());
                        });
        assertThat(outcomes.closed).as("tries that closed after a failure").isPositive();
    }

    @Test
    void validFramesShouldDecodeToWhatWasSentWhateverTheChunking() {
        forEachTry(
                "valid frames",
                random -> {
                    Command sent = command(random);
                    HeaderSerialization serialization =
                            HeaderSerialization.values()[
                                    random.nextInt(HeaderSerialization.values().length)];
                    Run run = feed(Frames.encode(sent, serialization), 1 + random.nextInt(64));

                    assertThat(run.failure).isNull();
                    assertThat(run.decoded).hasSize(1);
                    Command received = run.decoded.get(0);
                    assertThat(received.code()).isEqualTo(sent.code());
                    assertThat(received.opaque()).isEqualTo(sent.opaque());
                    assertThat(received.flags()).isEqualTo(sent.flags());
                    assertThat(received.remark()).isEqualTo(sent.remark());
                    assertThat(received.extFields()).isEqualTo(sent.extFields());
                    assertThat(received.body()).isEqualTo(sent.body());
                });
    }

    /** One generated input: the bytes, the chunk size they arrive in, and how they were made. */
    private record Try(byte[] stream, int chunk, List<String> edits) {}

    /** How the tries of one test ended, printed to show that they reach both decoder paths. */
    private static final class Outcomes {
        final Map<String, Integer> counts = new TreeMap<>();
        int closed;
        int clean;

        void add(Run run) {
            String key =
                    (run.failure == null ? "no decode failure" : "closed after a failure")
                            + ", "
                            + (run.decoded.isEmpty() ? "nothing decoded" : "some decoded");
            counts.merge(key, 1, Integer::sum);
            if (run.failure == null) {
                clean++;
            } else {
                closed++;
            }
        }
    }

    private static Outcomes fuzz(String name, Function<SplittableRandom, Try> generator) {
        Outcomes outcomes = new Outcomes();
        forEachTry(
                name,
                random -> {
                    Try input = generator.apply(random);
                    try {
                        outcomes.add(feed(input.stream, input.chunk));
                    } catch (AssertionError e) {
                        throw new AssertionError(
                                "stream of "
                                        + input.stream.length
                                        + " bytes in chunks of "
                                        + input.chunk
                                        + ", edits "
                                        + input.edits
                                        + ": "
                                        + e.getMessage(),
                                e);
                    }
                });
        System.out.printf("%s: %d tries, seed %d: %s%n", name, ITERATIONS, SEED, outcomes.counts);
        return outcomes;
    }

    /** Runs {@code body} once per iteration, each with its own random derived from the seed. */
    private static void forEachTry(String name, Consumer<SplittableRandom> body) {
        SplittableRandom seeds = new SplittableRandom(SEED);
        for (int i = 0; i < ITERATIONS; i++) {
            try {
                body.accept(seeds.split());
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(
                        name
                                + ": try "
                                + i
                                + " failed (replay with -Dliftoff.fuzz.seed="
                                + SEED
                                + "): "
                                + e.getMessage(),
                        e);
            }
        }
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
                            pending.failAll(
                                    channel, request -> request.connectionClosed(cause, ""));
                        });
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.config().setAllocator(allocator);
        pipeline.buildHandlers(channel.pipeline(), Frames.ADDRESS);
        Run run = new Run();
        channel.pipeline().addAfter("frameDecoder", "probe", new Probe(run));
        ResponseFuture response = new ResponseFuture();
        PendingRequest request =
                new PendingRequest(
                        pending,
                        OPAQUE,
                        310,
                        Frames.ADDRESS,
                        Duration.ofMinutes(1).toNanos(),
                        response);
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
        assertThat(response).isDone();
        assertThat(pending.size()).isZero();
        // The pipeline answers a server request it does not know (REQUEST_CODE_NOT_SUPPORTED),
        // and the encoder starts that frame at its header hint.
        assertThat(allocator.largestArray())
                .as("largest array allocated for a stream of %d bytes", stream.length)
                .isLessThanOrEqualTo(
                        Math.min(
                                2 * MAX_FRAME_LENGTH,
                                2 * stream.length + 256 + FrameEncoder.HEADER_CAPACITY_HINT));
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

    private static String text(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        int length = 1 + random.nextInt(12);
        for (int i = 0; i < length; i++) {
            text.append(TEXT_CHARS.charAt(random.nextInt(TEXT_CHARS.length())));
        }
        return text.toString();
    }

    private static Command command(SplittableRandom random) {
        int code = Short.MIN_VALUE + random.nextInt(1 << 16);
        int opaque = random.nextInt();
        int[] flagChoices = {0, Command.FLAG_RESPONSE, Command.FLAG_ONEWAY};
        int flags = flagChoices[random.nextInt(flagChoices.length)];
        String remark = random.nextInt(10) < 3 ? null : text(random);
        Map<String, String> extFields = new LinkedHashMap<>();
        int fields = random.nextInt(5);
        for (int i = 0; i < fields; i++) {
            extFields.put(text(random), text(random));
        }
        byte[] body = null;
        if (random.nextInt(10) >= 3) {
            body = new byte[1 + random.nextInt(64)];
            random.nextBytes(body);
        }
        return Command.response(code, remark, extFields, body).stamped(opaque, 479, flags);
    }

    /** A stream of one to three valid frames with one to four edits applied. */
    private record Mutated(byte[] bytes, List<String> edits) {}

    private static Mutated mutatedStream(SplittableRandom random) {
        List<byte[]> frames = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            HeaderSerialization serialization =
                    HeaderSerialization.values()[
                            random.nextInt(HeaderSerialization.values().length)];
            frames.add(Frames.encode(answerToPending(command(random)), serialization));
        }
        byte[] stream = Frames.concat(frames.toArray(new byte[0][]));
        List<String> edits = new ArrayList<>();
        int mutations = 1 + random.nextInt(4);
        for (int i = 0; i < mutations; i++) {
            Mutation mutation = mutation(random);
            edits.add(mutation.toString());
            stream = mutation.apply(stream);
        }
        return new Mutated(stream, edits);
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

    private static int interestingInt(SplittableRandom random) {
        return random.nextBoolean()
                ? INTERESTING_INTS[random.nextInt(INTERESTING_INTS.length)]
                : random.nextInt();
    }

    private static Mutation mutation(SplittableRandom random) {
        int position = random.nextInt(Integer.MAX_VALUE);
        return switch (random.nextInt(6)) {
            case 0 -> bitFlip(position, random.nextInt(8));
            case 1 -> truncate(position);
            case 2 -> overwriteInt(0, interestingInt(random));
            case 3 ->
                    overwriteInt(4, random.nextInt(256) << 24 | interestingInt(random) & 0xFFFFFF);
            case 4 -> overwriteInt(position, interestingInt(random));
            default -> {
                byte[] inserted = new byte[random.nextInt(33)];
                random.nextBytes(inserted);
                yield splice(position, inserted);
            }
        };
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
                    return Frames.concat(
                            Arrays.copyOf(stream, at),
                            inserted,
                            Arrays.copyOfRange(stream, at, stream.length));
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
}
