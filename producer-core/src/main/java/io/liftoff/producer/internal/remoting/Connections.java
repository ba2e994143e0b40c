package io.liftoff.producer.internal.remoting;

import io.liftoff.producer.TlsOptions;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One channel per address, opened on first use. Concurrent first users of an address share one
 * connect attempt; a closed channel is forgotten, so the next use reconnects. A failed connect is
 * not retried before the {@link RemotingOptions#reconnectBackoff()} wait has passed: uses in
 * between fail at once, so that a dead broker is not dialled on every send (nor, if its host is
 * gone, waited for a connect timeout each time). With TLS on, a channel is handed out only once its
 * handshake succeeded; a failed handshake fails the connect as a refused connection does.
 * Thread-safe.
 */
final class Connections {

    private final Bootstrap bootstrap;
    private final TlsOptions tls;
    private final RemotingPipeline pipeline;
    private final AddressBackoff backoff;
    private final ConcurrentMap<String, CompletableFuture<Channel>> channels =
            new ConcurrentHashMap<>();

    Connections(EventLoopGroup group, RemotingOptions options, RemotingPipeline pipeline) {
        this.pipeline = pipeline;
        this.tls = options.tls();
        this.backoff = new AddressBackoff(options.reconnectBackoff());
        this.bootstrap =
                new Bootstrap()
                        .group(group)
                        .channel(NioSocketChannel.class)
                        .option(ChannelOption.TCP_NODELAY, true)
                        // Netty 4.2's default adaptive allocator makes a DirectByteBuffer slice
                        // for every frame it writes or reads through NIO (64 B each); pooled
                        // buffers cache theirs. Measured: 1,400 -> 1,266 B allocated per async
                        // send, CPU per send unchanged (docs/performance.md).
                        .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                        .option(
                                ChannelOption.CONNECT_TIMEOUT_MILLIS,
                                (int) options.connectTimeout().toMillis());
    }

    /**
     * Returns the channel to {@code address}, connecting if there is none.
     *
     * @return a future completed on the event loop with an active channel, or with {@link
     *     RemotingConnectException} if the connect fails or the address is in its back-off wait
     */
    CompletableFuture<Channel> acquire(String address) {
        while (true) {
            CompletableFuture<Channel> existing = channels.get(address);
            if (existing == null) {
                Duration wait = backoff.remaining(address);
                if (!wait.isZero()) {
                    return CompletableFuture.failedFuture(backingOff(address, wait));
                }
                CompletableFuture<Channel> created = new CompletableFuture<>();
                if (channels.putIfAbsent(address, created) == null) {
                    connect(address, created);
                    return created;
                }
            } else if (isStale(existing)) {
                channels.remove(address, existing);
            } else {
                return existing;
            }
        }
    }

    /** Returns whether an active channel to {@code address} exists. */
    boolean isConnected(String address) {
        CompletableFuture<Channel> existing = channels.get(address);
        return existing != null && existing.isDone() && !isStale(existing);
    }

    /** Closes the channel to {@code address}, if any, once its connect attempt has finished. */
    void close(String address) {
        CompletableFuture<Channel> existing = channels.remove(address);
        if (existing != null) {
            existing.thenAccept(Channel::close);
        }
    }

    /** Forgets {@code channel} as the channel to {@code address}, since it has closed. */
    void forget(String address, Channel channel) {
        channels.computeIfPresent(
                address,
                (key, existing) ->
                        existing.isDone()
                                        && !existing.isCompletedExceptionally()
                                        && existing.join() == channel
                                ? null
                                : existing);
    }

    /** Closes every channel. */
    void closeAll() {
        for (String address : channels.keySet()) {
            close(address);
        }
    }

    private void connect(String address, CompletableFuture<Channel> promise) {
        ChannelFuture connecting;
        try {
            connecting =
                    bootstrap
                            .clone()
                            .handler(pipeline.initializer(address))
                            .connect(Addresses.parse(address));
        } catch (RuntimeException e) {
            failConnect(address, promise, e);
            return;
        }
        connecting.addListener(
                (ChannelFuture attempt) -> {
                    if (!attempt.isSuccess()) {
                        failConnect(address, promise, attempt.cause());
                        return;
                    }
                    SslHandler handshake = attempt.channel().pipeline().get(SslHandler.class);
                    if (handshake == null) {
                        connected(address, promise, attempt.channel());
                        return;
                    }
                    // The handler fails the handshake itself on timeout or close, so this always
                    // completes.
                    handshake
                            .handshakeFuture()
                            .addListener(
                                    (Future<Channel> done) -> {
                                        if (done.isSuccess()) {
                                            connected(address, promise, attempt.channel());
                                        } else {
                                            attempt.channel().close();
                                            failConnect(
                                                    address,
                                                    promise,
                                                    TlsFailures.handshakeFailed(
                                                            address, done.cause(), tls));
                                        }
                                    });
                });
    }

    private void connected(String address, CompletableFuture<Channel> promise, Channel channel) {
        backoff.succeeded(address);
        promise.complete(channel);
    }

    private void failConnect(String address, CompletableFuture<Channel> promise, Throwable cause) {
        // Back off and forget the attempt first, so that a retry triggered by the failure sees
        // the wait rather than this attempt.
        backoff.failed(address, cause);
        channels.remove(address, promise);
        promise.completeExceptionally(
                cause instanceof RemotingConnectException connectFailure
                        ? connectFailure
                        : new RemotingConnectException(address, cause));
    }

    private RemotingConnectException backingOff(String address, Duration wait) {
        Throwable last = backoff.lastFailure(address);
        return new RemotingConnectException(
                address,
                "not reconnecting to "
                        + address
                        + " for another "
                        + Math.max(1, wait.toMillis())
                        + " ms after "
                        + backoff.failures(address)
                        + " failed connect(s); last: "
                        + last,
                last);
    }

    private static boolean isStale(CompletableFuture<Channel> existing) {
        return existing.isCompletedExceptionally()
                || (existing.isDone() && !existing.join().isActive());
    }
}
