package io.liftoff.producer;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.remoting.exception.RemotingTimeoutException;
import org.apache.rocketmq.remoting.exception.RemotingTooMuchRequestException;

/**
 * Every send of a reliability scenario and its fate, to compare with what the official consumer
 * reads back. Each message body is a unique id, so that a message stored twice shows up twice.
 * Thread-safe.
 */
final class SendLedger {

    /** What the caller learnt of a send. */
    enum Fate {
        /** A result came back: the broker stored the message. */
        ACKNOWLEDGED,
        /** An error came back: the message may or may not be stored (retries). */
        FAILED,
        /** The send timed out or was cut off by close(): nobody knows whether it is stored. */
        UNKNOWN
    }

    /**
     * One finished send.
     *
     * @param id the message body
     * @param start when the send was handed to the producer, {@link System#nanoTime()}
     * @param end when its outcome arrived
     * @param broker the broker that stored it, or {@code null}
     * @param queueId the queue it was stored in, or -1
     */
    record Entry(
            String id,
            long start,
            long end,
            Fate fate,
            String broker,
            int queueId,
            Throwable failure) {
        Duration latency() {
            return Duration.ofNanos(end - start);
        }

        boolean isSync() {
            return id.contains("-sync-");
        }
    }

    /**
     * Where a send was stored, as its result says.
     *
     * @param broker the broker's name
     * @param queueId the queue's id
     */
    record Stored(String broker, int queueId) {}

    private final String prefix;
    private final AtomicLong sequence = new AtomicLong();
    private final Collection<Entry> entries = new ConcurrentLinkedQueue<>();

    SendLedger(String prefix) {
        this.prefix = prefix;
    }

    /** A fresh message body, e.g. {@code kill-async-17}. */
    String nextId(String kind) {
        return prefix + "-" + kind + "-" + sequence.incrementAndGet();
    }

    /** Records the outcome of the send of {@code id} that started at {@code start}. */
    void record(String id, long start, Stored result, Throwable failure) {
        long end = System.nanoTime();
        Throwable cause = unwrap(failure);
        entries.add(
                new Entry(
                        id,
                        start,
                        end,
                        fateOf(cause),
                        result == null ? null : result.broker(),
                        result == null ? -1 : result.queueId(),
                        cause));
    }

    List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** Sends matching {@code filter}. */
    List<Entry> where(Predicate<Entry> filter) {
        return entries.stream().filter(filter).toList();
    }

    /** The first outcome time of sends matching {@code filter}, if any. */
    OptionalLong firstEnd(Predicate<Entry> filter) {
        return entries.stream().filter(filter).mapToLong(Entry::end).min();
    }

    /**
     * Waits until a send started at or after {@code sinceNanos} was acknowledged by {@code broker},
     * and returns when the first such send ended; the bound only keeps a failure from hanging.
     */
    long awaitFirstAcknowledgedOn(String broker, long sinceNanos) {
        Predicate<Entry> after =
                e -> Reliability.acknowledgedOn(e, broker) && e.start() >= sinceNanos;
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> firstEnd(after).isPresent());
        return firstEnd(after).orElseThrow();
    }

    /**
     * Compares the ledger with what was consumed.
     *
     * @param consumed what the official consumer read, each stored copy once
     */
    Report reconcile(List<MessageExt> consumed) {
        Map<String, Integer> copies = new HashMap<>();
        for (MessageExt message : consumed) {
            String body = new String(message.getBody(), StandardCharsets.UTF_8);
            if (body.startsWith(prefix + "-")) {
                copies.merge(body, 1, Integer::sum);
            }
        }
        Map<Fate, Integer> counts = new HashMap<>();
        List<String> lost = new ArrayList<>();
        Map<String, Integer> lostByQueue = new TreeMap<>();
        int notAcknowledgedButStored = 0;
        Set<String> ids = new HashSet<>();
        for (Entry entry : entries) {
            ids.add(entry.id());
            counts.merge(entry.fate(), 1, Integer::sum);
            boolean stored = copies.containsKey(entry.id());
            if (entry.fate() == Fate.ACKNOWLEDGED && !stored) {
                lost.add(entry.id());
                lostByQueue.merge(entry.broker() + "/" + entry.queueId(), 1, Integer::sum);
            } else if (entry.fate() != Fate.ACKNOWLEDGED && stored) {
                notAcknowledgedButStored++;
            }
        }
        long duplicates = copies.values().stream().filter(n -> n > 1).count();
        long strangers = copies.keySet().stream().filter(id -> !ids.contains(id)).count();
        return new Report(
                entries.size(),
                counts.getOrDefault(Fate.ACKNOWLEDGED, 0),
                counts.getOrDefault(Fate.FAILED, 0),
                counts.getOrDefault(Fate.UNKNOWN, 0),
                copies.values().stream().mapToInt(Integer::intValue).sum(),
                List.copyOf(lost),
                Map.copyOf(lostByQueue),
                duplicates,
                notAcknowledgedButStored,
                strangers);
    }

    /**
     * The reconciliation of one scenario.
     *
     * @param lost acknowledged, never consumed: must be empty
     * @param lostByQueue how many of them each queue ({@code broker/queueId}) acknowledged
     * @param duplicates ids stored more than once (retries after an unknown outcome)
     * @param notAcknowledgedButStored failed or unknown sends that were stored all the same
     * @param strangers consumed ids the ledger never sent: must be zero
     */
    record Report(
            int sends,
            int acknowledged,
            int failed,
            int unknown,
            int consumed,
            List<String> lost,
            Map<String, Integer> lostByQueue,
            long duplicates,
            int notAcknowledgedButStored,
            long strangers) {

        @Override
        public String toString() {
            return "sends="
                    + sends
                    + " acknowledged="
                    + acknowledged
                    + " failed="
                    + failed
                    + " unknown="
                    + unknown
                    + " consumed="
                    + consumed
                    + " lost="
                    + lost.size()
                    + (lost.isEmpty() ? "" : " " + lostByQueue)
                    + " duplicates="
                    + duplicates
                    + " notAcknowledgedButStored="
                    + notAcknowledgedButStored;
        }
    }

    private static Fate fateOf(Throwable failure) {
        if (failure == null) {
            return Fate.ACKNOWLEDGED;
        }
        if (failure instanceof SendTimeoutException
                || (failure instanceof ProducerClosedException
                        && failure.getMessage().contains("may or may not be stored"))
                || isOfficialTimeout(failure)) {
            return Fate.UNKNOWN;
        }
        return Fate.FAILED;
    }

    /** The official client's timeouts, for the baseline; it wraps them, sometimes twice. */
    private static boolean isOfficialTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RemotingTimeoutException
                    || t instanceof RemotingTooMuchRequestException) {
                return true;
            }
        }
        return false;
    }

    /** The failure a completion stage wraps, or the failure itself. */
    private static Throwable unwrap(Throwable failure) {
        return failure instanceof java.util.concurrent.CompletionException
                        && failure.getCause() != null
                ? failure.getCause()
                : failure;
    }
}
