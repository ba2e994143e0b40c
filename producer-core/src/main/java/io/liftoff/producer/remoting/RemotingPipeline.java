package io.liftoff.producer.remoting;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;

/** Assembles the handlers of every client channel, in one place. Thread-safe. */
final class RemotingPipeline {

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
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel channel) {
                buildHandlers(channel.pipeline(), address);
            }
        };
    }

    /**
     * Adds the handlers for a channel to {@code address}: TLS if enabled, bytes to commands,
     * commands to bytes, responses to pending requests, server requests to their handlers, and
     * errors to a closed channel that fails whatever was pending on it.
     */
    void buildHandlers(ChannelPipeline pipeline, String address) {
        int maxFrameLength = options.maxFrameLength();
        if (options.tls().enabled()) {
            // first, so that every other handler sees plain bytes
            pipeline.addLast(
                    "tls",
                    options.tls()
                            .newHandler(
                                    pipeline.channel().alloc(), address, options.connectTimeout()));
        }
        pipeline.addLast("frameDecoder", new FrameDecoder(maxFrameLength))
                .addLast(
                        "frameEncoder",
                        new FrameEncoder(options.headerSerialization(), maxFrameLength, address))
                .addLast("responseRouter", new ResponseRouter(address, pending))
                .addLast(
                        "serverRequests",
                        new ServerRequestDispatcher(address, handlers, options.protocolVersion()))
                .addLast("connectionLoss", new ConnectionLossHandler(address, lossListener));
    }
}
