package io.liftoff.spring.test;

import io.liftoff.embedded.EmbeddedRocketMQ;

/**
 * A topic to create: {@code name} or {@code name:queues}.
 *
 * @param name the topic
 * @param queues its number of queues
 */
record TopicSpec(String name, int queues) {

    private static final int DEFAULT_QUEUES = 4;

    /**
     * Parses {@code name} or {@code name:queues}.
     *
     * @throws IllegalArgumentException naming the spec when the queue count is not a number
     */
    static TopicSpec parse(String spec) {
        int colon = spec.indexOf(':');
        if (colon < 0) {
            return new TopicSpec(spec.strip(), DEFAULT_QUEUES);
        }
        try {
            return new TopicSpec(
                    spec.substring(0, colon).strip(),
                    Integer.parseInt(spec.substring(colon + 1).strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "embedded RocketMQ topic '"
                            + spec
                            + "' must be 'name' or 'name:queues', e.g. 'orders:4'",
                    e);
        }
    }

    /** Creates the topic on {@code rocketmq} and waits until its route is served. */
    void createOn(EmbeddedRocketMQ rocketmq) {
        rocketmq.createTopic(this.name, this.queues);
    }
}
