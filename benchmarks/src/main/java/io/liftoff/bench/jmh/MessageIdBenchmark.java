package io.liftoff.bench.jmh;

import io.liftoff.producer.internal.message.UniqueIdGenerator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/** The client-side message id ({@code UNIQ_KEY}) every send draws, alone and contended. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class MessageIdBenchmark {

    private final UniqueIdGenerator ids = UniqueIdGenerator.shared();

    @Benchmark
    public String next() {
        return ids.next();
    }

    @Benchmark
    @Threads(4)
    public String nextFromFourThreads() {
        return ids.next();
    }
}
