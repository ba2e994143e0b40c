package io.liftoff.producer.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The sends of one producer in flight: each holds room under the in-flight bounds from before its
 * first attempt until its outcome is decided, and is listed so that close() can fail those still
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
         * @param permits the byte permits taken for the send ({@link InFlightLimiter#acquire})
         */
        Entry(int permits) {
            this.permits = permits;
        }
    }

    private final InFlightLimiter limiter;
    private Entry head;

    InFlightSends(InFlightLimiter limiter) {
        this.limiter = limiter;
    }

    /** Lists a send whose room was taken; it leaves by {@link #finished}. */
    synchronized void add(Entry entry) {
        entry.next = head;
        if (head != null) {
            head.previous = entry;
        }
        head = entry;
    }

    /** Unlists the send and returns its room; {@link SendOperation.Finish} of every send. */
    void finished(SendOperation operation) {
        Entry entry = operation;
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
        }
        limiter.release(entry.permits);
    }

    synchronized boolean isEmpty() {
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
}
