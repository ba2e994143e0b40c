package io.liftoff.producer.internal.remoting;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledHeapByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * An allocator for one {@code EmbeddedChannel} that remembers every buffer it hands out and the
 * largest array it ever allocated, growth included, so that a test can prove that decoding never
 * allocated more than it was sent and that every buffer was released. Heap buffers only; not
 * thread-safe, as an embedded channel runs on the test thread.
 */
final class TrackingAllocator extends AbstractByteBufAllocator {

    private final List<ByteBuf> allocated = new ArrayList<>();
    private int largestArray;

    TrackingAllocator() {
        super(false);
    }

    /** Returns the length of the largest backing array allocated, in bytes. */
    int largestArray() {
        return largestArray;
    }

    /** Returns the buffers allocated so far that have not been released. */
    List<ByteBuf> unreleased() {
        return allocated.stream().filter(buffer -> buffer.refCnt() > 0).toList();
    }

    @Override
    public boolean isDirectBufferPooled() {
        return false;
    }

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
        ByteBuf buffer =
                new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity) {
                    // Called for the first array and for every growth of the buffer.
                    @Override
                    protected byte[] allocateArray(int length) {
                        largestArray = Math.max(largestArray, length);
                        return super.allocateArray(length);
                    }
                };
        allocated.add(buffer);
        return buffer;
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
        return newHeapBuffer(initialCapacity, maxCapacity);
    }
}
