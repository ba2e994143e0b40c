package io.liftoff.producer.internal.remoting;

import io.liftoff.producer.TlsOptions;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslHandler;
import java.time.Duration;

/**
 * Makes the TLS handler of a connection from the {@link TlsOptions} a user configured. The options
 * keep their Netty context to themselves, since they are API and Netty types are not: {@link
 * TlsOptions} registers here, when it is first loaded, the one way to reach it (the accessor idiom
 * of OkHttp 3's {@code Internal}). Every caller holds a {@link TlsOptions}, so the class is loaded
 * and the way registered before anyone asks.
 */
public final class TlsHandlers {

    /** What {@link TlsOptions} registers. */
    @FunctionalInterface
    public interface Factory {
        /**
         * The handler that starts the handshake with {@code address} once its channel is active and
         * fails it after {@code handshakeTimeout}.
         */
        SslHandler newHandler(
                TlsOptions options,
                ByteBufAllocator allocator,
                String address,
                Duration handshakeTimeout);
    }

    private static volatile Factory factory;

    private TlsHandlers() {}

    /** Called once, by {@link TlsOptions}' static initializer. */
    public static void register(Factory tlsOptions) {
        factory = tlsOptions;
    }

    static SslHandler newHandler(
            TlsOptions options,
            ByteBufAllocator allocator,
            String address,
            Duration handshakeTimeout) {
        return factory.newHandler(options, allocator, address, handshakeTimeout);
    }
}
