package io.liftoff.producer.internal.message;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * One request's worth of a batch: the request body, the header properties and the ids of the
 * messages inside, as made by {@link BatchEncoder} (PROTOCOL.md §8).
 *
 * <p>Send it with code 320, the V2 header's {@code m=true}, {@code b} = {@link #topic()}, {@code f}
 * = 0 and {@code i} = {@link #headerProperties()}. Immutable and thread-safe: the body is never
 * exposed for writing.
 */
public final class EncodedBatch {

    private final String topic;
    private final byte[] body;
    private final List<String> messageIds;
    private final String headerProperties;

    EncodedBatch(String topic, byte[] body, List<String> messageIds, String headerProperties) {
        this.topic = topic;
        // Made by BatchEncoder for this instance alone, so no copy is needed.
        this.body = body;
        this.messageIds = List.copyOf(messageIds);
        this.headerProperties = headerProperties;
    }

    /** Returns the topic of every message in the batch. */
    public String topic() {
        return topic;
    }

    /** Returns a new copy of the request body; {@link #bodyBuffer()} reads it without copying. */
    public byte[] body() {
        return body.clone();
    }

    /**
     * Returns a read-only view of the request body without copying it, for the encoder.
     *
     * @return a new buffer each call, positioned at 0 with {@link #bodyLength()} remaining
     */
    public ByteBuffer bodyBuffer() {
        return ByteBuffer.wrap(body).asReadOnlyBuffer();
    }

    /** Returns the number of bytes of the request body, at most the limit it was encoded for. */
    public int bodyLength() {
        return body.length;
    }

    /**
     * Returns the {@code UNIQ_KEY} of each message in body order: unmodifiable. Joined with commas
     * they make the send result's message id, as in the official client.
     */
    public List<String> messageIds() {
        return messageIds;
    }

    /** Returns the number of messages in the body, at least 1. */
    public int messageCount() {
        return messageIds.size();
    }

    /**
     * Returns the properties for the send header: {@code WAIT} only, see {@link
     * BatchEncoder#headerProperties(List)}.
     */
    public String headerProperties() {
        return headerProperties;
    }

    /** Shows the shape of the batch but not the body. */
    @Override
    public String toString() {
        return String.format(
                "EncodedBatch{topic=%s, messageCount=%d, bodyLength=%d, messageIds=%s}",
                topic, messageIds.size(), body.length, messageIds);
    }
}
