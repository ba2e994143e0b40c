package io.liftoff.producer.internal.remoting;

import io.netty.channel.ChannelHandler;
import java.util.List;

/**
 * The classes of the channel handlers that Liftoff adds to its channels, besides Netty's own. Netty
 * looks up their public methods reflectively when a handler joins a pipeline (to skip the event
 * methods marked {@code @Skip}); a GraalVM native image answers such look-ups only for classes
 * registered for reflection, which the Spring Boot starter's runtime hints do with this list.
 */
public final class ChannelHandlerTypes {

    private ChannelHandlerTypes() {}

    /** Returns the classes of Liftoff's own channel handlers. */
    public static List<Class<? extends ChannelHandler>> all() {
        return List.of(
                RemotingPipeline.Initializer.class,
                FrameDecoder.class,
                FrameEncoder.class,
                ResponseRouter.class,
                ServerRequestDispatcher.class,
                ConnectionLossHandler.class);
    }
}
