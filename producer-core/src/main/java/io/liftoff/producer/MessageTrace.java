package io.liftoff.producer;

import java.util.Objects;

/**
 * Whether a producer records a message trace, and to which topic: RocketMQ's message trace as the
 * official client's {@code enableMsgTrace} writes it, which the RocketMQ Dashboard and the official
 * admin tools read. For every send that a broker stores, every end of a transaction and every
 * recall, a record goes to the trace topic, keyed by the message id and the message's keys.
 *
 * <p>Traces are sent in the background, batched, by the producer itself; they never slow a send: a
 * full trace queue drops records (and counts them) rather than wait. A broker that answers {@code
 * TRACE_ON=false} gets no traces of its messages. User messages to the trace topic are refused. The
 * broker must have the trace topic: {@code traceTopicEnable=true} creates {@value #DEFAULT_TOPIC};
 * create a customized topic yourself.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * ProducerConfig.builder()
 *         .messageTrace(MessageTrace.enabled())                    // to RMQ_SYS_TRACE_TOPIC
 *         .messageTrace(MessageTrace.toTopic("orders-trace"))      // or a topic of your own
 * }</pre>
 */
public final class MessageTrace {

    /** The topic the official client and the brokers' {@code traceTopicEnable} use. */
    public static final String DEFAULT_TOPIC = "RMQ_SYS_TRACE_TOPIC";

    private static final MessageTrace DISABLED = new MessageTrace(false, DEFAULT_TOPIC);
    private static final MessageTrace ENABLED = new MessageTrace(true, DEFAULT_TOPIC);

    private final boolean enabled;
    private final String topic;

    private MessageTrace(boolean enabled, String topic) {
        this.enabled = enabled;
        this.topic = topic;
    }

    /** No trace; the default. */
    public static MessageTrace disabled() {
        return DISABLED;
    }

    /** Traces to {@value #DEFAULT_TOPIC}, the official client's default. */
    public static MessageTrace enabled() {
        return ENABLED;
    }

    /**
     * Traces to {@code topic}, as the official client's {@code customizedTraceTopic}. The topic is
     * not namespaced.
     *
     * @param topic the trace topic; must match {@code [%|a-zA-Z0-9_-]{1,127}}
     * @throws IllegalArgumentException if the topic is not a valid topic name
     */
    public static MessageTrace toTopic(String topic) {
        return new MessageTrace(true, ConfigChecks.traceTopic(topic));
    }

    /** Whether the producer records traces. */
    public boolean isEnabled() {
        return enabled;
    }

    /** The topic traces go to; {@value #DEFAULT_TOPIC} unless {@link #toTopic} set another. */
    public String topic() {
        return topic;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MessageTrace that
                && enabled == that.enabled
                && topic.equals(that.topic);
    }

    @Override
    public int hashCode() {
        return Objects.hash(enabled, topic);
    }

    @Override
    public String toString() {
        return enabled ? "MessageTrace[topic=" + topic + "]" : "MessageTrace[disabled]";
    }
}
