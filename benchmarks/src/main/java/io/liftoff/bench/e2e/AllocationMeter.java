package io.liftoff.bench.e2e;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Bytes allocated on the heap by every thread of this JVM between {@link #start()} and {@link
 * #stop()}, from {@code com.sun.management.ThreadMXBean} per-thread counters.
 *
 * <p>Why this and not GC counters: the per-thread counters are exact (TLAB and outside-TLAB
 * allocations, updated as they happen), while heap-usage deltas around collections only see whole
 * regions and depend on when the GC runs. Their one gap on JDK 17 (which has no total that survives
 * thread death) is a thread that ends inside the window: its bytes since the last sample are lost.
 * A sampler every 20 ms bounds that loss and counts the threads it happened to, so a result shows
 * whether the gap mattered (client thread pools normally live for the whole run).
 */
final class AllocationMeter implements AutoCloseable {

    private static final long SAMPLE_MILLIS = 20;

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> baseline = new HashMap<>();
    private final Map<Long, Long> latest = new HashMap<>();
    private final Set<Long> ended = new HashSet<>();
    private Thread sampler;
    private long ownId;

    /** Takes the baseline and starts sampling. */
    synchronized void start() {
        baseline.clear();
        latest.clear();
        ended.clear();
        sampleInto(baseline);
        latest.putAll(baseline);
        sampler = new Thread(this::sampleUntilInterrupted, "allocation-meter");
        sampler.setDaemon(true);
        ownId = sampler.getId();
        sampler.start();
    }

    /**
     * Stops sampling and returns the bytes allocated since {@link #start()} by every thread but the
     * sampler.
     */
    synchronized long stop() {
        sampler.interrupt();
        sample();
        long total = 0;
        for (Map.Entry<Long, Long> thread : latest.entrySet()) {
            if (thread.getKey() != ownId) {
                total += thread.getValue() - baseline.getOrDefault(thread.getKey(), 0L);
            }
        }
        return total;
    }

    /** Threads that ended while measured; up to {@value #SAMPLE_MILLIS} ms of each is missing. */
    synchronized long lostThreads() {
        return ended.size();
    }

    private void sampleUntilInterrupted() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(SAMPLE_MILLIS);
                sample();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void sample() {
        Map<Long, Long> now = new HashMap<>();
        sampleInto(now);
        for (Long id : latest.keySet()) {
            if (!now.containsKey(id) && id != ownId) {
                ended.add(id);
            }
        }
        // a thread that ended keeps its last sampled count
        latest.putAll(now);
    }

    private void sampleInto(Map<Long, Long> target) {
        long[] ids = threads.getAllThreadIds();
        long[] bytes = threads.getThreadAllocatedBytes(ids);
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] >= 0) {
                target.put(ids[i], bytes[i]);
            }
        }
    }

    @Override
    public void close() {
        if (sampler != null) {
            sampler.interrupt();
        }
    }
}
