package io.liftoff.producer;

import java.time.Duration;
import java.util.Objects;

/**
 * Whether a producer sends the messages that wait for one queue as one batch request, and within
 * which bounds: automatic batching.
 *
 * <p>A message to an idle queue goes out at once, alone, so a low rate never waits for a batch.
 * Messages to a queue with a request in flight wait for the next answer, as Nagle's algorithm does,
 * then go out together as one {@code SEND_BATCH_MESSAGE}: at most {@link #linger()} (sent then even
 * if the answer has not come), and at once when {@link #maxMessages()} or {@link #maxBytes()} is
 * reached. A sync send, whose caller waits for each answer, waits for a batch only when its queue
 * has four requests in flight (more senders than the broker answers at once) or messages sent
 * before it are held already, which it never overtakes. Each message keeps its own id, its own
 * {@link SendResult} (queue offset included), its own retries within its own send timeout, and is
 * seen by the interceptors, listeners and message trace as if sent alone. Messages held for a batch
 * count in the producer's back-pressure bounds ({@code maxInFlightMessages}, {@code
 * maxInFlightBytes}); closing the producer sends them.
 *
 * <p>Not batched, sent alone as before: delayed and timer messages, transactional messages,
 * request-reply, messages with {@code waitStoreMessageOk=false}, compressed bodies, and messages
 * larger than {@link #maxBytes()}. Messages of one sharding key keep their order: a queue's
 * messages go on the wire in the order they came, batched or not.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * ProducerConfig.builder()
 *         .autoBatch(AutoBatch.enabled())                                  // the defaults
 *         .autoBatch(AutoBatch.enabled().withLinger(Duration.ofMillis(2))) // or bounds of your own
 * }</pre>
 */
public final class AutoBatch {

    /** How long a message waits at most for the answer it is held behind: 5 ms. */
    public static final Duration DEFAULT_LINGER = Duration.ofMillis(5);

    /** The most bytes of one batch request body by default: 128 KiB. */
    public static final int DEFAULT_MAX_BYTES = 128 * 1024;

    /** The most messages of one batch request by default. */
    public static final int DEFAULT_MAX_MESSAGES = 256;

    /** The longest linger allowed: a message should not wait a second for company. */
    static final Duration MAX_LINGER = Duration.ofSeconds(1);

    /** The smallest maxBytes allowed: below it batches would hold only a few small messages. */
    static final int MIN_MAX_BYTES = 1024;

    /** The largest maxMessages allowed. */
    static final int MAX_MAX_MESSAGES = 10_000;

    private static final AutoBatch DISABLED =
            new AutoBatch(false, DEFAULT_LINGER, DEFAULT_MAX_BYTES, DEFAULT_MAX_MESSAGES);
    private static final AutoBatch ENABLED =
            new AutoBatch(true, DEFAULT_LINGER, DEFAULT_MAX_BYTES, DEFAULT_MAX_MESSAGES);

    private final boolean enabled;
    private final Duration linger;
    private final int maxBytes;
    private final int maxMessages;

    private AutoBatch(boolean enabled, Duration linger, int maxBytes, int maxMessages) {
        this.enabled = enabled;
        this.linger = linger;
        this.maxBytes = maxBytes;
        this.maxMessages = maxMessages;
    }

    /** Every message sent alone, one request each. */
    public static AutoBatch disabled() {
        return DISABLED;
    }

    /**
     * Batching with the default bounds: {@link #DEFAULT_LINGER}, {@link #DEFAULT_MAX_BYTES}, {@link
     * #DEFAULT_MAX_MESSAGES}.
     */
    public static AutoBatch enabled() {
        return ENABLED;
    }

    /**
     * Batching with this linger, the other bounds as here.
     *
     * @param linger how long a message waits at most for the answer it is held behind; positive, at
     *     most 1 s
     * @throws IllegalArgumentException if out of range
     */
    public AutoBatch withLinger(Duration linger) {
        Objects.requireNonNull(linger, "autoBatch linger must not be null");
        if (linger.isNegative() || linger.isZero() || linger.compareTo(MAX_LINGER) > 0) {
            throw new IllegalArgumentException(
                    "autoBatch linger must be positive and at most "
                            + MAX_LINGER.toMillis()
                            + " ms but was "
                            + linger
                            + "; a few milliseconds suit most producers");
        }
        return new AutoBatch(true, linger, maxBytes, maxMessages);
    }

    /**
     * Batching with this bound on a batch request's body, the other bounds as here.
     *
     * @param maxBytes the most bytes of one batch request body; at least 1 KiB, and at most the
     *     producer's {@code maxMessageSize} (checked when the configuration is built)
     * @throws IllegalArgumentException if below 1 KiB
     */
    public AutoBatch withMaxBytes(int maxBytes) {
        if (maxBytes < MIN_MAX_BYTES) {
            throw new IllegalArgumentException(
                    "autoBatch maxBytes must be at least "
                            + MIN_MAX_BYTES
                            + " but was "
                            + maxBytes
                            + "; the default is "
                            + DEFAULT_MAX_BYTES);
        }
        return new AutoBatch(true, linger, maxBytes, maxMessages);
    }

    /**
     * Batching with this bound on the messages of a batch request, the other bounds as here.
     *
     * @param maxMessages the most messages of one batch request; 2 to 10,000
     * @throws IllegalArgumentException if out of range
     */
    public AutoBatch withMaxMessages(int maxMessages) {
        if (maxMessages < 2 || maxMessages > MAX_MAX_MESSAGES) {
            throw new IllegalArgumentException(
                    "autoBatch maxMessages must be from 2 to "
                            + MAX_MAX_MESSAGES
                            + " but was "
                            + maxMessages
                            + "; the default is "
                            + DEFAULT_MAX_MESSAGES);
        }
        return new AutoBatch(true, linger, maxBytes, maxMessages);
    }

    /** Whether messages that wait for a queue are batched. */
    public boolean isEnabled() {
        return enabled;
    }

    /** How long a message waits at most for the answer it is held behind. */
    public Duration linger() {
        return linger;
    }

    /** The most bytes of one batch request body. */
    public int maxBytes() {
        return maxBytes;
    }

    /** The most messages of one batch request. */
    public int maxMessages() {
        return maxMessages;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AutoBatch that
                && enabled == that.enabled
                && linger.equals(that.linger)
                && maxBytes == that.maxBytes
                && maxMessages == that.maxMessages;
    }

    @Override
    public int hashCode() {
        return Objects.hash(enabled, linger, maxBytes, maxMessages);
    }

    @Override
    public String toString() {
        return enabled
                ? "AutoBatch[linger="
                        + linger.toMillis()
                        + "ms, maxBytes="
                        + maxBytes
                        + ", maxMessages="
                        + maxMessages
                        + "]"
                : "AutoBatch[disabled]";
    }
}
