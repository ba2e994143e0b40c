package io.liftoff.producer;

import io.liftoff.producer.message.Message;
import java.util.List;

/**
 * Chooses the queue of an ordered message, one that carries a sharding key. Messages that must stay
 * in order have to land on the same queue every time, so a selector must be a pure function of the
 * queue list and the message; the producer never fails over to another queue for them.
 */
@FunctionalInterface
public interface QueueSelector {

    /**
     * @param queues the topic's writable queues in route order, never empty
     * @param message the message, with a sharding key
     * @return one of {@code queues}
     */
    MessageQueue select(List<MessageQueue> queues, Message message);
}
