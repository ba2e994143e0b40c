package io.liftoff.producer.internal.remoting;

import io.liftoff.producer.HeaderSerialization;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.CorruptedFrameException;

/** Writes and reads the header section of a frame in one {@link HeaderSerialization}. */
public interface HeaderCodec {

    /**
     * Appends the header of {@code command} (everything but its body) to {@code out}.
     *
     * @throws IllegalArgumentException if a field does not fit this serialization
     */
    void encode(Command command, ByteBuf out);

    /**
     * Reads the header that takes the next {@code length} readable bytes of {@code in}, where it
     * lies: the frame decoder passes its cumulation, not a slice. Leaves the reader index anywhere
     * within those bytes, and never reads past them.
     *
     * @param into a builder with every field at its default, which gets every header field; body
     *     and serialization are left unset
     * @throws CorruptedFrameException if the bytes are not a valid header
     */
    void decode(ByteBuf in, int length, CommandBuilder into);

    /** Returns the codec for {@code serialization}; codecs are stateless and thread-safe. */
    static HeaderCodec of(HeaderSerialization serialization) {
        return switch (serialization) {
            case JSON -> JsonHeaderCodec.INSTANCE;
            case ROCKETMQ -> BinaryHeaderCodec.INSTANCE;
        };
    }
}
