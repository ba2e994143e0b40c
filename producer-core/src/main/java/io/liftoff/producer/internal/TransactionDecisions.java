package io.liftoff.producer.internal;

import io.liftoff.producer.TransactionState;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The COMMIT and ROLLBACK decisions of one producer's local transactions, by message id, for a
 * while: a check-back about a transaction already decided is answered from here, without asking the
 * application's checker again. That decision may have been lost on its way, and a 5.x Proxy in
 * remoting mode drops it by design (it acts on an END_TRANSACTION only in answer to a check-back it
 * relayed), so the check-back is then the only way the decision reaches the broker.
 *
 * <p>Bounded in count and age: the oldest decisions go first, and an evicted one is asked of the
 * checker as before. Thread-safe.
 */
final class TransactionDecisions {

    /** Enough for a check-back that comes after every one of the broker's default 15 checks. */
    static final Duration DEFAULT_RETENTION = Duration.ofMinutes(10);

    static final int DEFAULT_CAPACITY = 10_000;

    private record Decision(TransactionState state, long decidedAtNanos) {}

    private final int capacity;
    private final long retentionNanos;
    private final LongSupplier nanoClock;
    private final LinkedHashMap<String, Decision> decisions = new LinkedHashMap<>();

    /**
     * @param capacity how many decisions are kept at most, at least 1
     * @param retention how long one is kept
     * @param nanoClock {@link System#nanoTime()} or a test's clock
     */
    TransactionDecisions(int capacity, Duration retention, LongSupplier nanoClock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.retentionNanos = retention.toNanos();
        this.nanoClock = nanoClock;
    }

    /** A memory with the default capacity and retention. */
    static TransactionDecisions withDefaults() {
        return new TransactionDecisions(DEFAULT_CAPACITY, DEFAULT_RETENTION, System::nanoTime);
    }

    /**
     * Remembers what the local transaction of {@code messageId} decided; UNKNOWN is no decision and
     * is not kept.
     */
    synchronized void remember(String messageId, TransactionState state) {
        if (state == TransactionState.UNKNOWN) {
            return;
        }
        long now = nanoClock.getAsLong();
        forgetExpired(now);
        decisions.remove(messageId);
        decisions.put(messageId, new Decision(state, now));
        if (decisions.size() > capacity) {
            Iterator<String> oldest = decisions.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /** The decision remembered for {@code messageId}, if it is still kept. */
    synchronized Optional<TransactionState> decided(String messageId) {
        forgetExpired(nanoClock.getAsLong());
        Decision decision = decisions.get(messageId);
        return decision == null ? Optional.empty() : Optional.of(decision.state());
    }

    private void forgetExpired(long now) {
        Iterator<Map.Entry<String, Decision>> oldestFirst = decisions.entrySet().iterator();
        while (oldestFirst.hasNext()
                && now - oldestFirst.next().getValue().decidedAtNanos() > retentionNanos) {
            oldestFirst.remove();
        }
    }
}
