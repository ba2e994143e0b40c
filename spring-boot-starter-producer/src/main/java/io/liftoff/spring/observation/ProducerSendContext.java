package io.liftoff.spring.observation;

import io.liftoff.producer.SendResult;
import io.liftoff.producer.message.Message;
import io.micrometer.observation.transport.SenderContext;
import org.jspecify.annotations.Nullable;

/**
 * The observation context of one send. Its carrier is a builder of the message: what a propagating
 * handler (Micrometer Tracing's, for one) writes into it with the {@link #getSetter() setter}
 * becomes a message property, which is how the trace context reaches consumers.
 */
public class ProducerSendContext extends SenderContext<Message.Builder> {

    private final Message message;

    private @Nullable SendResult sendResult;

    /**
     * Creates the context of a send of {@code message}.
     *
     * @param message the message about to be sent; must not be {@code null}
     */
    public ProducerSendContext(Message message) {
        super(
                (carrier, key, value) -> {
                    if (carrier != null) {
                        carrier.property(key, value);
                    }
                });
        this.message = message;
        setCarrier(message.toBuilder());
        setRemoteServiceName("RocketMQ");
    }

    /** Returns the message as it was before the observation started. */
    public Message getMessage() {
        return this.message;
    }

    /** Returns the topic the message is sent to. */
    public String getDestination() {
        return this.message.topic();
    }

    /** Returns where the broker stored the message, or {@code null} before that or for oneway. */
    public @Nullable SendResult getSendResult() {
        return this.sendResult;
    }

    /** Sets where the broker stored the message. */
    public void setSendResult(@Nullable SendResult sendResult) {
        this.sendResult = sendResult;
    }
}
