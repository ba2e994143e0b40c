package io.liftoff.spring.observation;

import io.liftoff.producer.SendResult;
import io.micrometer.common.KeyValues;

/**
 * Observes a send as OpenTelemetry's messaging conventions describe a publish: observation {@value
 * #NAME}, contextual name {@code "<topic> publish"}, low-cardinality keys {@code
 * messaging.system=rocketmq}, {@code messaging.destination.name=<topic>} and {@code
 * messaging.operation=publish}, and the high-cardinality {@code messaging.message.id} once the
 * broker stored the message.
 *
 * <p>The name is not {@code rocketmq.producer.send}, which is the timer of the starter's metrics:
 * the timer a meter observation handler derives from an observation has its tags, and one meter
 * name with two sets of tags is refused by registries such as Prometheus.
 */
public class DefaultProducerObservationConvention implements ProducerObservationConvention {

    /** Name of the observation. */
    public static final String NAME = "rocketmq.producer.publish";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getContextualName(ProducerSendContext context) {
        return context.getDestination() + " publish";
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(ProducerSendContext context) {
        return KeyValues.of(
                "messaging.system", "rocketmq",
                "messaging.destination.name", context.getDestination(),
                "messaging.operation", "publish");
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(ProducerSendContext context) {
        SendResult result = context.getSendResult();
        return (result != null)
                ? KeyValues.of("messaging.message.id", result.messageId())
                : KeyValues.empty();
    }
}
