package io.liftoff.producer.internal.remoting;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completes the pending request that a response answers, matched by opaque, and passes requests
 * from the server on. Responses are told from server requests by flag bit 0, not by opaque, since a
 * server request carries the server's own opaque. Futures therefore complete on the event loop. One
 * instance per channel.
 */
final class ResponseRouter extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ResponseRouter.class);

    private final String address;
    private final PendingRequests pending;

    ResponseRouter(String address, PendingRequests pending) {
        this.address = address;
        this.pending = pending;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (!(message instanceof Command command) || !command.isResponse()) {
            ctx.fireChannelRead(message);
            return;
        }
        PendingRequest request = pending.remove(command.opaque());
        if (request == null) {
            // Usually the answer to a request that already timed out: after an attempt timeout
            // a resumed broker answers hundreds of them, which is expected, so not a warning.
            log.debug(
                    "Dropping response code {} with opaque {} from {}: no request with that"
                            + " opaque is pending",
                    command.code(),
                    command.opaque(),
                    address);
            return;
        }
        request.complete(command);
    }
}
