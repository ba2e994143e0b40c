package io.liftoff.producer.internal.remoting;

import io.netty.buffer.ByteBuf;

/**
 * Header fields that write themselves into a ROCKETMQ binary header, straight from their own
 * fields: no map of strings and no string per number in between. A send's header goes out this way
 * on every send; JSON headers and signed requests, which need the fields as a map, use {@link
 * #toExtFields()}.
 */
public interface WritableHeaderFields {

    /**
     * Returns the fields as a map, in the order {@link #writeTo} writes them.
     *
     * @return immutable fields, built anew on each call
     */
    HeaderFields toExtFields();

    /**
     * Appends the fields' entries to a binary header with {@link BinaryFields}; the bytes must
     * equal those the binary codec writes for {@link #toExtFields()}.
     *
     * @param out the frame buffer
     */
    void writeTo(ByteBuf out);
}
