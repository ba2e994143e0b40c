package io.liftoff.producer;

import io.liftoff.producer.message.Message;
import java.util.List;

/**
 * The default {@link QueueSelector}: the sharding key's hash picks the queue, so all messages of
 * one key share a queue as long as the topic's queues do not change. Thread-safe and stateless.
 */
public final class ShardingKeyQueueSelector implements QueueSelector {

    @Override
    public MessageQueue select(List<MessageQueue> queues, Message message) {
        // floorMod: a negative hash still maps into range
        return queues.get(Math.floorMod(message.shardingKey().hashCode(), queues.size()));
    }
}
