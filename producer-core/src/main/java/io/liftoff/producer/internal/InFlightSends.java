package io.liftoff.producer.internal;

import io.liftoff.producer.BackPressureException;
import io.liftoff.producer.ProducerException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The sends of one producer in flight. They are bounded, so that memory stays bounded however fast
 * callers send: a send takes one message permit and one byte permit per body byte ({@link
 * #acquire}) before it goes out, and returns them once its outcome is decided. And they are listed
 * ({@link #add}), so that close() can wait for them ({@link #awaitEmpty}) and fail those still
 * running. The list is intrusive, under one lock, so that listing a send costs no node.
 * Thread-safe.
 */
final class InFlightSends {

    /** What the list links: a send and the room it holds. */
    abstract static class Entry {
        private final int permits;
        // guarded by the InFlightSends; null when not listed
        private Entry previous;
        private Entry next;

        /**
         * @param permits the byte permits taken for the send ({@link #acquire})
         */
        Entry(int permits) {
            this.permits = permits;
        }
    }

    private final int maxMessages;
    private final int maxBytes;
    private final Semaphore messages;
    private final Semaphore bytes;
    // guarded by this
    private Entry head;
    private boolean awaited;

    InFlightSends(int maxMessages, long maxBytes) {
        this.maxMessages = maxMessages;
        // Semaphore permits are ints; above 2 GiB the byte bound is moot on any sane heap.
        this.maxBytes = (int) Math.min(maxBytes, Integer.MAX_VALUE);
        this.messages = new Semaphore(maxMessages);
        this.bytes = new Semaphore(this.maxBytes);
    }

    /**
     * Takes room for one message of {@code size} bytes, waiting up to {@code timeout}.
     *
     * @return the byte permits taken, for the send's {@link Entry} or for {@link #release}
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

    /** Returns room taken by {@link #acquire} for a send that was never listed. */
    void release(int permits) {
        bytes.release(permits);
        messages.release();
    }

    /** Lists a send whose room was taken; it leaves by {@link #finished}. */
    synchronized void add(Entry entry) {
        entry.next = head;
        if (head != null) {
            head.previous = entry;
        }
        head = entry;
    }

    /** Unlists the send and returns its room; every send calls it once, at its end. */
    void finished(Entry entry) {
        synchronized (this) {
            if (entry.previous != null) {
                entry.previous.next = entry.next;
            } else if (head == entry) {
                head = entry.next;
            }
            if (entry.next != null) {
                entry.next.previous = entry.previous;
            }
            entry.previous = null;
            entry.next = null;
            if (awaited && head == null) {
                notifyAll();
            }
        }
        release(entry.permits);
    }

    /**
     * Waits until no send is listed, at most {@code timeout}.
     *
     * @return whether none is listed; {@code false} also when interrupted (the flag is kept)
     */
    synchronized boolean awaitEmpty(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        awaited = true;
        try {
            for (long left = timeout.toNanos(); head != null && left > 0; ) {
                TimeUnit.NANOSECONDS.timedWait(this, left);
                left = deadline - System.nanoTime();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            awaited = false;
        }
        return head == null;
    }

    /** The sends listed now, copied so that failing them runs outside the lock. */
    synchronized List<SendOperation> snapshot() {
        List<SendOperation> all = new ArrayList<>();
        for (Entry entry = head; entry != null; entry = entry.next) {
            all.add((SendOperation) entry);
        }
        return all;
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
