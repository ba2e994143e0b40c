package io.liftoff.producer.internal.remoting;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs requests that a server sends to the client (e.g. transaction check-backs) on the executor of
 * their registered {@link RequestHandler}, never on the event loop, and writes the answer of a
 * two-way request back with the request's opaque. Oneway requests are never answered. A two-way
 * request nobody handles gets REQUEST_CODE_NOT_SUPPORTED, as a broker does; a failing handler gets
 * SYSTEM_ERROR. One instance per channel.
 */
final class ServerRequestDispatcher extends SimpleChannelInboundHandler<Command> {

    static final int SYSTEM_ERROR = 1;
    static final int SYSTEM_BUSY = 2;
    static final int REQUEST_CODE_NOT_SUPPORTED = 3;

    private static final Logger log = LoggerFactory.getLogger(ServerRequestDispatcher.class);

    private final String address;
    private final RequestHandlers handlers;
    private final int protocolVersion;

    ServerRequestDispatcher(String address, RequestHandlers handlers, int protocolVersion) {
        this.address = address;
        this.handlers = handlers;
        this.protocolVersion = protocolVersion;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Command request) {
        Channel channel = ctx.channel();
        RequestHandlers.Registration registration = handlers.find(request.code());
        if (registration == null) {
            log.debug(
                    "No handler for request code {} (opaque {}) from {}",
                    request.code(),
                    request.opaque(),
                    address);
            answer(channel, request, notSupported(request));
            return;
        }
        try {
            registration.executor().execute(() -> handle(channel, request, registration.handler()));
        } catch (RejectedExecutionException e) {
            log.warn(
                    "Executor rejected request code {} (opaque {}) from {}",
                    request.code(),
                    request.opaque(),
                    address,
                    e);
            answer(
                    channel,
                    request,
                    error(SYSTEM_BUSY, "request code " + request.code() + " rejected: " + e));
        }
    }

    private void handle(Channel channel, Command request, RequestHandler handler) {
        Command response;
        try {
            response = handler.handle(request, address);
        } catch (Exception e) {
            log.warn(
                    "Handler for request code {} (opaque {}) from {} failed",
                    request.code(),
                    request.opaque(),
                    address,
                    e);
            response = error(SYSTEM_ERROR, e.getMessage() != null ? e.getMessage() : e.toString());
        }
        answer(channel, request, response);
    }

    /** Sends {@code response} unless the request is oneway or there is nothing to send. */
    private void answer(Channel channel, Command request, Command response) {
        if (request.isOneway() || response == null) {
            return;
        }
        Command stamped =
                response.stamped(request.opaque(), protocolVersion, Command.FLAG_RESPONSE);
        channel.writeAndFlush(stamped)
                .addListener(
                        write -> {
                            if (!write.isSuccess()) {
                                log.warn(
                                        "Failed to answer request code {} (opaque {}) from {}",
                                        request.code(),
                                        request.opaque(),
                                        address,
                                        write.cause());
                            }
                        });
    }

    private static Command notSupported(Command request) {
        // The same remark a broker sends, leading space included.
        return error(
                REQUEST_CODE_NOT_SUPPORTED, " request type " + request.code() + " not supported");
    }

    private static Command error(int code, String remark) {
        return Command.response(code, remark, Map.of(), null);
    }
}
