package io.liftoff.bench.jmh;

import io.liftoff.producer.internal.message.PropertiesCodec;
import io.liftoff.producer.internal.message.UniqueIdGenerator;
import io.liftoff.producer.message.Message;
import java.util.Map;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The property string of a send ({@code TAGS}, {@code KEYS}, {@code WAIT}, {@code UNIQ_KEY} and
 * user properties): encoding it for the request header, and decoding it back.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class PropertiesCodecBenchmark {

    /** {@code bare}: no tags, keys or properties; {@code typical}: tag, key, two properties. */
    @Param({"bare", "typical"})
    public String shape;

    private Message message;
    private String uniqueKey;
    private String encoded;

    @Setup
    public void setUp() {
        Message.Builder builder = Message.builder("bench-topic").body(new byte[128]);
        if (shape.equals("typical")) {
            builder.tags("created")
                    .keys("order-4711")
                    .property("region", "eu-west")
                    .property("tenant", "acme");
        }
        message = builder.build();
        uniqueKey = UniqueIdGenerator.shared().next();
        encoded = PropertiesCodec.encodeForSend(message, uniqueKey);
    }

    @Benchmark
    public String encodeForSend() {
        return PropertiesCodec.encodeForSend(message, uniqueKey);
    }

    @Benchmark
    public Map<String, String> decode() {
        return PropertiesCodec.decode(encoded);
    }
}
