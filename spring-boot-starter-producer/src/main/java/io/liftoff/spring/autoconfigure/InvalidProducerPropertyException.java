package io.liftoff.spring.autoconfigure;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Thrown at startup when a producer property is missing or invalid, so that the producer cannot be
 * created. It names the property; {@link InvalidProducerPropertyFailureAnalyzer} turns it into the
 * description and action printed when the application fails to start.
 */
public final class InvalidProducerPropertyException extends RuntimeException {

    private final String property;
    private final String action;

    private InvalidProducerPropertyException(
            String property, String description, String action, @Nullable Throwable cause) {
        super(description, cause);
        this.property = property;
        this.action = action;
    }

    /**
     * A required property that is not set.
     *
     * @param property the key, e.g. {@code rocketmq.producer.group}
     * @param example a value to show, e.g. {@code orders-producer}
     * @param alternatives other ways out, each appended to the action after "or"
     */
    static InvalidProducerPropertyException missing(
            String property, String example, List<String> alternatives) {
        StringBuilder action =
                new StringBuilder("Set '")
                        .append(property)
                        .append("', e.g. ")
                        .append(property)
                        .append('=')
                        .append(example);
        alternatives.forEach((alternative) -> action.append(", or ").append(alternative));
        return new InvalidProducerPropertyException(
                property,
                "Property '" + property + "' is not set; the Liftoff producer needs it.",
                action.append('.').toString(),
                null);
    }

    /**
     * A property whose value the producer refuses.
     *
     * @param property the key, e.g. {@code rocketmq.producer.retry-times-when-send-failed}
     * @param reason why the value is refused, e.g. the producer's own message
     * @param cause the producer's exception, or {@code null}
     */
    static InvalidProducerPropertyException invalid(
            String property, String reason, @Nullable Throwable cause) {
        return new InvalidProducerPropertyException(
                property,
                "Property '" + property + "' has an invalid value: " + reason,
                "Change '"
                        + property
                        + "' to a valid value (or the ProducerConfigCustomizer that sets it).",
                cause);
    }

    /** Returns the key of the property at fault, e.g. {@code rocketmq.producer.group}. */
    public String getProperty() {
        return this.property;
    }

    /** Returns what the user should do to fix the property. */
    public String getAction() {
        return this.action;
    }
}
