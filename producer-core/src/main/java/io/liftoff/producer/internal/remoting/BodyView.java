package io.liftoff.producer.internal.remoting;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;

/**
 * A body of bytes that stay unchanged, written into the frame without a copy before it. The view
 * itself is never read through, so its position never moves and one view serves every attempt.
 */
final class BodyView implements WritableBody {

    private final ByteBuffer view;

    BodyView(ByteBuffer view) {
        this.view = view;
    }

    @Override
    public int length() {
        return view.remaining();
    }

    @Override
    public void writeTo(ByteBuf out) {
        int length = view.remaining();
        if (view.hasArray()) {
            // Netty copies from an array without an object; the nio buffer below is a new slice
            // per call on Netty's adaptive buffers.
            out.writeBytes(view.array(), view.arrayOffset() + view.position(), length);
            return;
        }
        out.ensureWritable(length);
        if (out.nioBufferCount() == 1) {
            // An absolute put leaves the view's position alone, where reading through it would
            // need a duplicate: an object per send.
            int index = out.writerIndex();
            ByteBuffer target = out.internalNioBuffer(index, length);
            target.put(target.position(), view, view.position(), length);
            out.writerIndex(index + length);
        } else {
            out.writeBytes(view.duplicate());
        }
    }

    /** The bytes as a buffer of their own position, without a copy. */
    ByteBuffer duplicate() {
        return view.duplicate();
    }
}
