package io.liftoff.producer;

/** A topic has no writable queue: the name server knows no route for it and none to create it. */
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

    /** The topic without a route. */
    public String topic() {
        return topic;
    }
}
