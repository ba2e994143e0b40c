package io.liftoff.bench.jmh;

import io.liftoff.producer.HeaderSerialization;
import io.liftoff.producer.internal.message.PropertiesCodec;
import io.liftoff.producer.internal.message.UniqueIdGenerator;
import io.liftoff.producer.internal.protocol.SendMessageHeader;
import io.liftoff.producer.internal.remoting.Command;
import io.liftoff.producer.internal.remoting.FrameEncoder;
import io.liftoff.producer.internal.remoting.HeaderCodec;
import io.liftoff.producer.internal.remoting.WritableBody;
import io.liftoff.producer.message.Message;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encoding a SEND_MESSAGE_V2 request: its header alone in JSON and ROCKETMQ binary, and the whole
 * frame as the channel's encoder writes it, starting from the header fields a send computes.
 *
 * <p>It touches only {@link HeaderCodec} and {@link FrameEncoder}, so a change of encoder internals
 * breaks (at most) this one class.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class SendRequestEncodeBenchmark {

    private static final int SEND_MESSAGE_V2 = 310;

    @Param({"JSON", "ROCKETMQ"})
    public HeaderSerialization serialization;

    @Param({"128", "1024"})
    public int bodySize;

    private SendMessageHeader header;
    private ByteBuffer body;
    private Command command;
    private HeaderCodec codec;
    private ByteBuf headerBuffer;
    private EmbeddedChannel channel;

    @Setup
    public void setUp() {
        Message message =
                Message.builder("bench-topic").tags("created").body(new byte[bodySize]).build();
        String properties =
                PropertiesCodec.encodeForSend(message, UniqueIdGenerator.shared().next());
        header =
                new SendMessageHeader(
                        "bench-producer",
                        "bench-topic",
                        3,
                        0,
                        System.currentTimeMillis(),
                        0,
                        properties,
                        "broker-a",
                        SendMessageHeader.AutoCreate.DEFAULT,
                        false);
        // read-only, as a prepared message's body; a request never moves its position
        body = ByteBuffer.wrap(message.body()).asReadOnlyBuffer();
        command = request().stamped(42, 479, 0);
        codec = HeaderCodec.of(serialization);
        headerBuffer = PooledByteBufAllocator.DEFAULT.heapBuffer(1024);
        channel =
                new EmbeddedChannel(
                        new FrameEncoder(serialization, 16 * 1024 * 1024, "127.0.0.1:10911"));
    }

    @TearDown
    public void tearDown() {
        headerBuffer.release();
        channel.finishAndReleaseAll();
    }

    /** The header of a ready command, into a reused buffer. */
    @Benchmark
    public int encodeHeader() {
        headerBuffer.clear();
        codec.encode(command, headerBuffer);
        return headerBuffer.writerIndex();
    }

    /** Header to command to frame bytes, as each send attempt does; the frame is freed. */
    @Benchmark
    public int encodeFrame() {
        channel.writeOutbound(request().stamped(42, 479, 0));
        ByteBuf frame = channel.readOutbound();
        int length = frame.readableBytes();
        frame.release();
        return length;
    }

    /** A request as a send builds it: header fields that write themselves, a read-only body. */
    private Command request() {
        return Command.requestWithBody(SEND_MESSAGE_V2, header, WritableBody.of(body));
    }
}
