package io.liftoff.producer.remoting;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.CorruptedFrameException;

/** Writes and reads the header section of a frame in one {@link HeaderSerialization}. */
interface HeaderCodec {

    /**
     * Appends the header of {@code command} (everything but its body) to {@code out}.
     *
     * @throws IllegalArgumentException if a field does not fit this serialization
     */
    void encode(Command command, ByteBuf out);

    /**
     * Reads a header that fills all readable bytes of {@code header}.
     *
     * @return a builder holding every header field; body and serialization are left unset
     * @throws CorruptedFrameException if the bytes are not a valid header
     */
    CommandBuilder decode(ByteBuf header);

    /** Returns the codec for {@code serialization}; codecs are stateless and thread-safe. */
    static HeaderCodec of(HeaderSerialization serialization) {
        return switch (serialization) {
            case JSON -> JsonHeaderCodec.INSTANCE;
            case ROCKETMQ -> BinaryHeaderCodec.INSTANCE;
        };
    }
}
