package io.liftoff.producer.internal.message;

import io.liftoff.producer.message.Message;
import java.util.function.Function;

/**
 * Reaches the body array a {@link Message} keeps, for the send path, which copies it into the frame
 * and never writes to it nor hands it on. {@link Message} is API and shows its body only as a copy
 * or a read-only view, each an object per send; it registers here, when it is first loaded, the one
 * way to its array (the accessor idiom of OkHttp 3's {@code Internal}). Every caller holds a
 * message, so the class is loaded and the way registered before anyone asks.
 */
public final class MessageBodies {

    private static volatile Function<Message, byte[]> bodies;

    private MessageBodies() {}

    /** Called once, by {@link Message}'s static initializer. */
    public static void register(Function<Message, byte[]> messageBodies) {
        bodies = messageBodies;
    }

    /** The message's own body array: read it, never write it. */
    static byte[] sharedBody(Message message) {
        return bodies.apply(message);
    }
}
