package io.liftoff.producer;

import java.util.Collection;
import java.util.List;

/**
 * A topic has no writable queue: the name server knows no route for it and none to create it, or
 * its route has no queue that takes writes now ({@link #noWritableQueue}).
 */
public final class NoRouteException extends ProducerException {

    private final String topic;

    /**
     * @param topic the topic without a route
     * @param nameServers the name servers that were asked
     */
    public NoRouteException(String topic, String nameServers) {
        super(
                "no route for topic '"
                        + topic
                        + "' on name servers "
                        + nameServers
                        + ": the topic does not exist and the brokers do not create topics"
                        + " automatically. Create it (e.g. mqadmin updateTopic -t "
                        + topic
                        + ") or enable autoCreateTopicEnable on the brokers");
        this.topic = topic;
    }

    private NoRouteException(String topic, Collection<String> readOnlyBrokers) {
        super(noWritableQueueMessage(topic, readOnlyBrokers));
        this.topic = topic;
    }

    /**
     * The topic has a route, but none of its queues takes writes now: the official client fails
     * such a send alike ("No route info of this topic"), and does not fall back to the auto-create
     * template.
     *
     * @param topic the topic
     * @param readOnlyBrokers the brokers of its route whose queues lack write permission
     */
    public static NoRouteException noWritableQueue(
            String topic, Collection<String> readOnlyBrokers) {
        return new NoRouteException(topic, List.copyOf(readOnlyBrokers));
    }

    private static String noWritableQueueMessage(String topic, Collection<String> readOnlyBrokers) {
        return "topic '"
                + topic
                + "' has no writable queue: its queues on "
                + readOnlyBrokers
                + " lack write permission, so they were made read-only (mqadmin"
                + " wipeWritePerm, the broker's brokerPermission, or the topic's perm)."
                + " Restore write permission (mqadmin addWritePerm -b <broker>,"
                + " updateBrokerConfig -k brokerPermission -v 6, or updateTopicPerm -p 6),"
                + " or create the topic on a writable broker; this client looks the route"
                + " up again and sends once a queue is writable";
    }

    /** The topic without a route. */
    public String topic() {
        return topic;
    }
}
