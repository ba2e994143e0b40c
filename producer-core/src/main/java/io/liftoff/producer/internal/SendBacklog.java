package io.liftoff.producer.internal;

import io.liftoff.producer.BackPressureException;
import io.liftoff.producer.ProducerException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sends of one producer that wait in its {@link SendWindow}s or for the first route of their
 * topic, and whether a new send may join them. Windows pace sends to what brokers store; a send
 * that waits longer than its send timeout fails, so when brokers shed load the producer stops
 * taking sends from its callers that it could not get through in time: a new send waits at the
 * caller (back-pressure, within {@code backPressureTimeout}) while the sends already waiting would
 * take more than half a send timeout to drain at the rate the brokers store them. The send timeout
 * of a send starts only once it is taken, so the sends taken all have the time they need, and a
 * burst larger than the brokers can store in one send timeout is spread over the time they take
 * instead of failing at its tail.
 *
 * <p>Sends waiting for their topic's first route look-up count as waiting too: they enter the
 * windows all at once when the route arrives, so without them a burst to a new topic would pass
 * this gate whole, before a single one of it waited in a window.
 *
 * <p>Nothing of this costs a send anything while no send waits in a window: one volatile read.
 * Thread-safe.
 */
final class SendBacklog {

    /** Sends that may always wait, before the drain rate is known. */
    static final int ALWAYS_ADMITTED = 64;

    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(25);
    // a slice this long spans a time without congestion: it says nothing of the drain rate
    private static final long STALE_SLICE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger awaitingRoute = new AtomicInteger();
    // guarded by this: the drain rate, in stored messages per second, measured while windows were
    // full, as a moving average over slices of 25 ms; 0 until the first slice ends
    private double drainRate;
    private boolean measuring;
    private long sliceStart;
    private int storedInSlice;
    // callers blocked in awaitRoom
    private volatile int blocked;

    /** Sends waiting in windows now. */
    int waiting() {
        return waiting.get();
    }

    /** Sends waiting for the first route of their topic now. */
    int awaitingRoute() {
        return awaitingRoute.get();
    }

    /** A send waits for the first route look-up of its topic. */
    void routeLookUpStarted() {
        awaitingRoute.incrementAndGet();
    }

    /** The route look-up a send waited for ended, with a route or without. */
    void routeLookUpEnded() {
        awaitingRoute.decrementAndGet();
        wakeBlocked();
    }

    /** A window queued a send. */
    void queued() {
        waiting.incrementAndGet();
    }

    /** A window took {@code count} sends off its queue (room given, or the wait ended). */
    void dequeued(int count) {
        waiting.addAndGet(-count);
        wakeBlocked();
    }

    private void wakeBlocked() {
        if (blocked > 0) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /**
     * A full window's broker stored a message: measures the rate at which the waiting drain.
     *
     * @param nowNanos when the answer arrived
     */
    synchronized void stored(long nowNanos) {
        long slice = nowNanos - sliceStart;
        if (!measuring || slice > STALE_SLICE_NANOS) {
            measuring = true;
            sliceStart = nowNanos;
            storedInSlice = 0;
            return;
        }
        storedInSlice++;
        if (slice >= SLICE_NANOS) {
            double rate = storedInSlice * 1e9 / slice;
            drainRate = drainRate == 0 ? rate : drainRate * 0.75 + rate * 0.25;
            sliceStart = nowNanos;
            storedInSlice = 0;
        }
    }

    /**
     * Returns once a new send may join the waiting ones: at once while few wait, else once those
     * waiting would drain within half of {@code sendTimeout}.
     *
     * @return what is left of {@code timeout}: {@code timeout} itself when it did not wait
     * @throws BackPressureException when that took longer than {@code timeout}
     * @throws ProducerException when interrupted
     */
    Duration awaitRoom(Duration timeout, Duration sendTimeout) {
        if (all() <= ALWAYS_ADMITTED) {
            return timeout;
        }
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        synchronized (this) {
            // counted before the check, so that a window dequeuing meanwhile sees it and notifies
            blocked++;
            try {
                while (all() > admitted(sendTimeout)) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw tooMuchWaiting(timeout, sendTimeout);
                    }
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProducerException(
                        "interrupted while waiting for the brokers to drain the sends waiting for"
                                + " room",
                        e);
            } finally {
                blocked--;
            }
        }
        Duration left = timeout.minusNanos(System.nanoTime() - start);
        return left.isNegative() ? Duration.ZERO : left;
    }

    private int all() {
        return waiting.get() + awaitingRoute.get();
    }

    /**
     * How many sends may wait: what drains in half a send timeout, or a few before that is known.
     */
    private long admitted(Duration sendTimeout) {
        return Math.max(ALWAYS_ADMITTED, (long) (drainRate * sendTimeout.toNanos() / 2e9));
    }

    private BackPressureException tooMuchWaiting(Duration timeout, Duration sendTimeout) {
        int route = awaitingRoute.get();
        if (route > ALWAYS_ADMITTED) {
            return new BackPressureException(
                    route
                            + " sends wait for the first route look-up of their topic, and the"
                            + " name server did not answer within "
                            + timeout.toMillis()
                            + " ms (backPressureTimeout); check that the name server is reachable,"
                            + " raise backPressureTimeout, or send a first message before a burst");
        }
        return new BackPressureException(
                "brokers are shedding load: "
                        + all()
                        + " sends wait for room in the producer's send windows"
                        + (route > 0 ? " or for a route" : "")
                        + ", more than the brokers store in half a sendTimeout ("
                        + sendTimeout.toMillis()
                        + " ms) at their rate of about "
                        + Math.round(drainRate)
                        + " messages/s, and they did not drain within "
                        + timeout.toMillis()
                        + " ms (backPressureTimeout); raise backPressureTimeout, send more"
                        + " slowly, or give the brokers more capacity");
    }
}
