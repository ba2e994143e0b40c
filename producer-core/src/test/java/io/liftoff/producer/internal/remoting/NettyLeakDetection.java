package io.liftoff.producer.internal.remoting;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Runs a test class with Netty's leak detector at PARANOID, so every buffer allocated through an
 * allocator is tracked, and fails a test after which the detector reports a leak.
 *
 * <p>The detector reports by logging {@code LEAK: ...} at ERROR when a tracked buffer is garbage
 * collected unreleased; the report is written during a later allocation. So after each test this
 * collects garbage and allocates a few buffers, then asserts that nothing was logged. Works
 * whichever class first loaded Netty's buffers, unlike a custom detector factory.
 */
final class NettyLeakDetection
        implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {

    private static final int COLLECTIONS = 5;

    private final Logger detectorLog = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
    private final ListAppender<ILoggingEvent> reports = new ListAppender<>();
    private ResourceLeakDetector.Level previousLevel;

    @Override
    public void beforeAll(ExtensionContext context) {
        previousLevel = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        reports.start();
        detectorLog.addAppender(reports);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        surfaceLeaks();
        reports.list.clear();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        surfaceLeaks();
        List<String> leaks =
                reports.list.stream()
                        .map(ILoggingEvent::getFormattedMessage)
                        .filter(message -> message.contains("LEAK"))
                        .toList();
        assertThat(leaks).as("buffers leaked, as reported by Netty's leak detector").isEmpty();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        detectorLog.detachAppender(reports);
        reports.stop();
        ResourceLeakDetector.setLevel(previousLevel);
    }

    /** Collects unreachable buffers, then allocates so that the detector reports them. */
    private static void surfaceLeaks() {
        for (int i = 0; i < COLLECTIONS; i++) {
            System.gc();
            release(PooledByteBufAllocator.DEFAULT.buffer(1));
            release(PooledByteBufAllocator.DEFAULT.directBuffer(1));
            release(UnpooledByteBufAllocator.DEFAULT.heapBuffer(1));
        }
    }

    private static void release(ByteBuf buffer) {
        buffer.release();
    }
}
