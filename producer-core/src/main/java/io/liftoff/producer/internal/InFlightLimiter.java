package io.liftoff.producer.internal;

import io.liftoff.producer.BackPressureException;
import io.liftoff.producer.ProducerException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the messages and body bytes a producer has in flight, so that memory stays bounded however
 * fast callers send. A send takes one message permit and one byte permit per body byte before it
 * goes out and returns them when its outcome is known. Thread-safe.
 */
final class InFlightLimiter {

    private final int maxMessages;
    private final int maxBytes;
    private final Semaphore messages;
    private final Semaphore bytes;

    InFlightLimiter(int maxMessages, long maxBytes) {
        this.maxMessages = maxMessages;
        // Semaphore permits are ints; above 2 GiB the byte bound is moot on any sane heap.
        this.maxBytes = (int) Math.min(maxBytes, Integer.MAX_VALUE);
        this.messages = new Semaphore(maxMessages);
        this.bytes = new Semaphore(this.maxBytes);
    }

    /**
     * Takes room for one message of {@code size} bytes, waiting up to {@code timeout}.
     *
     * @return the byte permits taken, to hand back to {@link #release}
     * @throws BackPressureException when no room came free in time
     * @throws ProducerException when interrupted while waiting
     */
    int acquire(int size, Duration timeout) {
        // a body larger than the whole byte bound waits for the bound to empty, not forever
        int permits = Math.min(size, maxBytes);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (!messages.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new BackPressureException(
                        "producer has "
                                + maxMessages
                                + " messages in flight (maxInFlightMessages) and none completed"
                                + " within "
                                + timeout.toMillis()
                                + " ms (backPressureTimeout); raise maxInFlightMessages or"
                                + " backPressureTimeout, or send more slowly");
            }
            if (!bytes.tryAcquire(permits, deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                messages.release();
                throw new BackPressureException(
                        "producer has "
                                + inFlightBytes()
                                + " of "
                                + maxBytes
                                + " body bytes in flight (maxInFlightBytes) and no room for "
                                + size
                                + " more within "
                                + timeout.toMillis()
                                + " ms (backPressureTimeout); raise maxInFlightBytes or"
                                + " backPressureTimeout, or send more slowly");
            }
            return permits;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProducerException("interrupted while waiting for room to send", e);
        }
    }

    /** Returns the room taken by {@link #acquire}. */
    void release(int permits) {
        bytes.release(permits);
        messages.release();
    }

    /** Messages in flight now. */
    int inFlightMessages() {
        return maxMessages - messages.availablePermits();
    }

    /** Body bytes in flight now. */
    long inFlightBytes() {
        return (long) maxBytes - bytes.availablePermits();
    }
}
