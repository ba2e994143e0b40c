package io.liftoff.bench.e2e;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Drives one {@link Publisher} with one {@link Workload}: a warm-up, then a measured window in
 * which it counts stored messages, records latencies (HdrHistogram, µs) and takes the JVM's CPU
 * time and allocated bytes at both ends.
 */
final class LoadDriver {

    /** Bound of async sends in flight in rate mode, so a client that falls behind cannot OOM. */
    private static final int RATE_MAX_IN_FLIGHT = 50_000;

    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

    private final Publisher publisher;
    private final Workload workload;
    private final byte[] body;
    private final Recorder latency = new Recorder(3);
    private final Recorder delay = new Recorder(3);
    private final LongAdder stored = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final Semaphore inFlight;
    private final AtomicBoolean firstFailureShown = new AtomicBoolean();
    private volatile boolean running = true;

    LoadDriver(Publisher publisher, Workload workload) {
        this.publisher = publisher;
        this.workload = workload;
        this.body = new byte[workload.bodySize()];
        ThreadLocalRandom.current().nextBytes(body);
        this.inFlight =
                new Semaphore(
                        switch (workload.mode()) {
                            case SYNC -> 0;
                            case WINDOW -> workload.window();
                            case RATE -> RATE_MAX_IN_FLIGHT;
                        });
    }

    RunResult run(Duration warmup, Duration measured) throws InterruptedException {
        List<Thread> workers = startWorkers();
        Thread.sleep(warmup.toMillis());

        OperatingSystemMXBean os =
                (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (AllocationMeter allocation = new AllocationMeter()) {
            latency.reset();
            delay.reset();
            long storedBefore = stored.sum();
            long failedBefore = failed.sum();
            allocation.start();
            long cpuBefore = os.getProcessCpuTime();
            long start = System.nanoTime();

            Thread.sleep(measured.toMillis());

            long elapsed = System.nanoTime() - start;
            long cpu = os.getProcessCpuTime() - cpuBefore;
            long allocated = allocation.stop();
            long messages = stored.sum() - storedBefore;
            long failures = failed.sum() - failedBefore;
            Histogram latencies = latency.getIntervalHistogram();
            Histogram delays = delay.getIntervalHistogram();
            stop(workers);

            boolean open = workload.mode() == Workload.Mode.RATE;
            return new RunResult(
                    messages / (elapsed / 1e9),
                    failures,
                    percentile(latencies, 50),
                    percentile(latencies, 99),
                    percentile(latencies, 99.9),
                    open ? percentile(delays, 50) : -1,
                    open ? percentile(delays, 99) : -1,
                    open ? percentile(delays, 99.9) : -1,
                    // per-message figures of a run that stored nothing would mean nothing
                    messages == 0 ? -1 : cpu / 1000.0 / messages,
                    messages == 0 ? -1 : (double) allocated / messages,
                    allocation.lostThreads());
        }
    }

    private static double percentile(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? -1 : histogram.getValueAtPercentile(percentile);
    }

    private List<Thread> startWorkers() {
        List<Thread> workers = new ArrayList<>();
        int count = workload.mode() == Workload.Mode.SYNC ? workload.threads() : 1;
        for (int i = 0; i < count; i++) {
            Runnable loop =
                    switch (workload.mode()) {
                        case SYNC -> this::syncLoop;
                        case WINDOW -> this::windowLoop;
                        case RATE -> this::rateLoop;
                    };
            Thread worker = new Thread(loop, "load-" + i);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
        return workers;
    }

    private void stop(List<Thread> workers) throws InterruptedException {
        running = false;
        for (Thread worker : workers) {
            worker.join(DRAIN_TIMEOUT.toMillis());
        }
        int permits =
                workload.mode() == Workload.Mode.WINDOW ? workload.window() : RATE_MAX_IN_FLIGHT;
        if (workload.mode() != Workload.Mode.SYNC
                && !inFlight.tryAcquire(permits, DRAIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            System.err.println("sends still in flight after " + DRAIN_TIMEOUT);
        }
    }

    private void syncLoop() {
        while (running) {
            long start = System.nanoTime();
            Throwable failure = null;
            try {
                publisher.sendSync(body);
            } catch (Exception e) {
                failure = e;
            }
            finish(failure, start, start);
        }
    }

    private void windowLoop() {
        while (acquireWhileRunning()) {
            long start = System.nanoTime();
            publisher.sendAsync(body, failure -> complete(failure, start, start));
        }
    }

    private void rateLoop() {
        long interval = 1_000_000_000L / workload.rate();
        long intended = System.nanoTime();
        while (running) {
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                // no spinning: it would take CPU from the client measured in the same JVM
                LockSupport.parkNanos(wait);
                continue;
            }
            long due = intended;
            intended += interval;
            // A client that cannot keep up sends late; its delay then grows, as it should.
            if (!acquireWhileRunning()) {
                return;
            }
            long start = System.nanoTime();
            publisher.sendAsync(body, failure -> complete(failure, start, due));
        }
    }

    /** Waits for room in flight; false once the run is over. */
    private boolean acquireWhileRunning() {
        try {
            while (running) {
                if (inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private void complete(Throwable failure, long start, long due) {
        finish(failure, start, due);
        inFlight.release();
    }

    private void finish(Throwable failure, long start, long due) {
        long end = System.nanoTime();
        if (failure == null) {
            stored.increment();
            latency.recordValue((end - start) / 1000);
            delay.recordValue((end - due) / 1000);
            return;
        }
        failed.increment();
        if (firstFailureShown.compareAndSet(false, true)) {
            // one is enough to tell why in the run's log; the count goes into the result
            System.err.println("first failed send:");
            failure.printStackTrace();
        }
    }
}
