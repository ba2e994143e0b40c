package io.liftoff.producer.internal.remoting;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.flush.FlushConsolidationHandler;

/** Assembles the handlers of every client channel, in one place. Thread-safe. */
final class RemotingPipeline {

    // Writes of a burst queued on the event loop meanwhile share one flush, up to this many.
    private static final int MAX_WRITES_PER_FLUSH = 256;

    private final RemotingOptions options;
    private final PendingRequests pending;
    private final RequestHandlers handlers;
    private final ConnectionLossHandler.Listener lossListener;

    RemotingPipeline(
            RemotingOptions options,
            PendingRequests pending,
            RequestHandlers handlers,
            ConnectionLossHandler.Listener lossListener) {
        this.options = options;
        this.pending = pending;
        this.handlers = handlers;
        this.lossListener = lossListener;
    }

    /** Returns an initializer that builds the pipeline of a channel to {@code address}. */
    ChannelInitializer<Channel> initializer(String address) {
        return new Initializer(address);
    }

    /**
     * Adds the handlers for a channel to {@code address}: TLS if enabled, bytes to commands, one
     * socket write for the requests written meanwhile, commands to bytes, responses to pending
     * requests, server requests to their handlers, and errors to a closed channel that fails
     * whatever was pending on it.
     *
     * <p>Every send flushes, and each flush is a system call; the consolidation handler defers a
     * flush to the end of the event loop's current batch of tasks (or of the read in progress), so
     * an async burst goes out in a few large writes (and TLS records). A lone request is flushed on
     * the same turn.
     */
    void buildHandlers(ChannelPipeline pipeline, String address) {
        int maxFrameLength = options.maxFrameLength();
        if (options.tls().enabled()) {
            // first, so that every other handler sees plain bytes
            pipeline.addLast(
                    "tls",
                    TlsHandlers.newHandler(
                            options.tls(),
                            pipeline.channel().alloc(),
                            address,
                            options.connectTimeout()));
        }
        pipeline.addLast("frameDecoder", new FrameDecoder(maxFrameLength))
                .addLast(
                        "flushConsolidation",
                        new FlushConsolidationHandler(MAX_WRITES_PER_FLUSH, true))
                .addLast(
                        "frameEncoder",
                        new FrameEncoder(options.headerSerialization(), maxFrameLength, address))
                .addLast("responseRouter", new ResponseRouter(address, pending))
                .addLast(
                        "serverRequests",
                        new ServerRequestDispatcher(address, handlers, options.protocolVersion()))
                .addLast("connectionLoss", new ConnectionLossHandler(address, lossListener));
    }

    /**
     * Builds the pipeline of a new channel. A named class, not an anonymous one, so that {@link
     * ChannelHandlerTypes} can list it.
     */
    final class Initializer extends ChannelInitializer<Channel> {

        private final String address;

        private Initializer(String address) {
            this.address = address;
        }

        @Override
        protected void initChannel(Channel channel) {
            buildHandlers(channel.pipeline(), this.address);
        }
    }
}
