package io.liftoff.producer.internal.remoting;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;

/**
 * A body of a whole array that stays unchanged, e.g. a message's own bytes: one small object per
 * send, where a view of the array was a buffer object with its own indexes.
 */
final class ArrayBody implements WritableBody {

    private final byte[] bytes;

    ArrayBody(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public int length() {
        return bytes.length;
    }

    @Override
    public void writeTo(ByteBuf out) {
        out.writeBytes(bytes);
    }

    /** The bytes as a read-only buffer, without a copy. */
    ByteBuffer buffer() {
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }
}
