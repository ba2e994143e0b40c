package io.liftoff.bench.sink;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what a sink answered by request code and header serialization: the messages (a batch
 * counts its records) and the requests that carried them, so that a run can show which request a
 * client really sent (e.g. SEND_MESSAGE_V2 with binary headers) and how many messages a batching
 * client put in each. Thread-safe.
 */
public final class SinkStats {

    /**
     * What arrived under one code and serialization.
     *
     * @param messages messages carried, the records of batches included
     * @param requests requests that carried them
     */
    public record Traffic(long messages, long requests) {

        /** The message count; with the requests beside it where some carried several. */
        @Override
        public String toString() {
            return messages == requests
                    ? Long.toString(messages)
                    : String.format(
                            Locale.ROOT,
                            "%d msgs in %d requests (%.1f per request)",
                            messages,
                            requests,
                            (double) messages / requests);
        }
    }

    private final Map<String, LongAdder[]> counts = new ConcurrentHashMap<>();

    void count(SinkRequest request) {
        String key = request.code() + "/" + (request.binary() ? "ROCKETMQ" : "JSON");
        LongAdder[] adders =
                counts.computeIfAbsent(
                        key, k -> new LongAdder[] {new LongAdder(), new LongAdder()});
        adders[0].add(request.messages());
        adders[1].increment();
    }

    /**
     * Returns the counts since the last call and starts counting afresh.
     *
     * @return {@code "code/serialization"} to traffic, sorted by key
     */
    public synchronized Map<String, Traffic> drain() {
        Map<String, Traffic> drained = new TreeMap<>();
        counts.forEach(
                (key, adders) ->
                        drained.put(
                                key,
                                new Traffic(adders[0].sumThenReset(), adders[1].sumThenReset())));
        drained.values().removeIf(traffic -> traffic.requests() == 0);
        return drained;
    }
}
