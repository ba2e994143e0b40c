package io.liftoff.producer.internal.remoting;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;

/**
 * A request body that writes itself into the frame's buffer, so that a body made of parts (the
 * records of a batch) is never assembled on the heap first. Immutable: every attempt of a send
 * writes the same bytes, from whichever thread encodes its frame.
 */
public interface WritableBody {

    /** The number of bytes {@link #writeTo} writes. */
    int length();

    /** Appends exactly {@link #length()} bytes to {@code out}. */
    void writeTo(ByteBuf out);

    /**
     * A body of the bytes of {@code view} from its position to its limit, e.g. a message's body,
     * not copied before it goes into the frame; the view's position is never moved, and whoever
     * passes it in must not change its bytes afterwards.
     *
     * @throws IllegalArgumentException if {@code view} is {@code null}
     */
    static WritableBody of(ByteBuffer view) {
        if (view == null) {
            throw new IllegalArgumentException("body must not be null; pass the bytes to send");
        }
        return new BodyView(view);
    }

    /**
     * A body of the whole of {@code bytes}, not copied before it goes into the frame; whoever
     * passes them in must not change them afterwards.
     *
     * @throws IllegalArgumentException if {@code bytes} is {@code null}
     */
    static WritableBody of(byte[] bytes) {
        if (bytes == null) {
            throw new IllegalArgumentException("body must not be null; pass the bytes to send");
        }
        return new ArrayBody(bytes);
    }
}
