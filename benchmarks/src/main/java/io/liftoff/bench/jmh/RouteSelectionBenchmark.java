package io.liftoff.bench.jmh;

import io.liftoff.producer.LatencyTier;
import io.liftoff.producer.MessageQueue;
import io.liftoff.producer.internal.fault.FaultAwareQueueSelector;
import io.liftoff.producer.internal.fault.LatencyFaultTolerance;
import io.liftoff.producer.internal.protocol.TopicRouteData;
import io.liftoff.producer.internal.route.PublishSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * Choosing the queue of a send from a route snapshot, with latency fault tolerance on (the default)
 * and off, for one broker and for four.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class RouteSelectionBenchmark {

    @Param({"1", "4"})
    public int brokers;

    @Param({"true", "false"})
    public boolean faultTolerance;

    private PublishSnapshot snapshot;
    private FaultAwareQueueSelector selector;

    @Setup
    public void setUp() {
        List<TopicRouteData.QueueData> queues = new ArrayList<>();
        List<TopicRouteData.BrokerData> addresses = new ArrayList<>();
        for (int i = 0; i < brokers; i++) {
            String name = "broker-" + i;
            queues.add(new TopicRouteData.QueueData(name, 8, 8, 6, 0));
            addresses.add(
                    new TopicRouteData.BrokerData(
                            "DefaultCluster", name, Map.of(0L, "127.0.0.1:" + (10911 + 10 * i))));
        }
        snapshot = PublishSnapshot.of("bench-topic", new TopicRouteData(queues, addresses, null));
        LatencyFaultTolerance faults =
                faultTolerance
                        ? LatencyFaultTolerance.of(LatencyTier.DEFAULTS, Duration.ofSeconds(3))
                        : LatencyFaultTolerance.disabled();
        selector = new FaultAwareQueueSelector(faults);
    }

    @Benchmark
    public MessageQueue select() {
        return selector.select(snapshot, null);
    }
}
