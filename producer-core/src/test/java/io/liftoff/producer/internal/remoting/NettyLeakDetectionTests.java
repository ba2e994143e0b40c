package io.liftoff.producer.internal.remoting;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

/** Proves that {@link NettyLeakDetection} fails a test that leaks, and passes one that does not. */
class NettyLeakDetectionTests {

    @Test
    void afterEachWhenABufferIsNeverReleasedShouldFailNamingTheLeak() {
        NettyLeakDetection detection = new NettyLeakDetection();
        detection.beforeAll(null);
        try {
            detection.beforeEach(null);
            leakOneBuffer();

            assertThatThrownBy(() -> detection.afterEach(null))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("buffers leaked")
                    .hasMessageContaining("LEAK");
        } finally {
            detection.afterAll(null);
        }
    }

    @Test
    void afterEachWhenEveryBufferIsReleasedShouldPass() {
        NettyLeakDetection detection = new NettyLeakDetection();
        detection.beforeAll(null);
        try {
            detection.beforeEach(null);
            PooledByteBufAllocator.DEFAULT.buffer(64).writeLong(7).release();

            assertThatCode(() -> detection.afterEach(null)).doesNotThrowAnyException();
        } finally {
            detection.afterAll(null);
        }
    }

    // A separate frame, so that no local variable keeps the buffer reachable.
    private static void leakOneBuffer() {
        PooledByteBufAllocator.DEFAULT.buffer(64).writeLong(7);
    }
}
