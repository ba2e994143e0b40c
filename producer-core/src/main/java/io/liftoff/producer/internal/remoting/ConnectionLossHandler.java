package io.liftoff.producer.internal.remoting;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes the channel on any pipeline error, since after a decode or I/O error the stream can no
 * longer be trusted, and reports the closed channel, with the error that closed it, to a {@link
 * Listener}. The last inbound handler of the pipeline; one instance per channel.
 */
final class ConnectionLossHandler extends ChannelInboundHandlerAdapter {

    /** Told when a channel has closed; called on the channel's event loop. */
    @FunctionalInterface
    interface Listener {

        /**
         * @param address the remote {@code host:port}
         * @param channel the channel that closed
         * @param cause the error that closed it, or {@code null} if it closed cleanly
         */
        void connectionLost(String address, Channel channel, Throwable cause);
    }

    private static final Logger log = LoggerFactory.getLogger(ConnectionLossHandler.class);

    private final String address;
    private final Listener listener;

    // Only touched on the event loop.
    private Throwable closeCause;

    ConnectionLossHandler(String address, Listener listener) {
        this.address = address;
        this.listener = listener;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (closeCause == null) {
            closeCause = cause;
            if (cause instanceof IOException) {
                // the peer went away (reset, broken pipe), as a killed server does: the stack
                // trace says nothing more
                log.warn("Closing the connection to {}: {}", address, cause.toString());
            } else {
                log.warn("Closing the connection to {} after an error", address, cause);
            }
        } else {
            closeCause.addSuppressed(cause);
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        log.debug("Connection to {} closed", address);
        listener.connectionLost(address, ctx.channel(), closeCause);
        ctx.fireChannelInactive();
    }
}
