package io.liftoff.bench.sink;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the requests a sink answered by request code and header serialization, so that a run can
 * show which request a client really sent (e.g. SEND_MESSAGE_V2 with binary headers). Thread-safe.
 */
public final class SinkStats {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    void count(SinkRequest request) {
        String key = request.code() + "/" + (request.binary() ? "ROCKETMQ" : "JSON");
        counts.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    /**
     * Returns the counts since the last call and starts counting afresh.
     *
     * @return {@code "code/serialization"} to count, sorted by key
     */
    public synchronized Map<String, Long> drain() {
        Map<String, Long> drained = new TreeMap<>();
        counts.forEach((key, count) -> drained.put(key, count.sumThenReset()));
        drained.values().removeIf(count -> count == 0);
        return drained;
    }
}
