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

    /**
     * A property that Liftoff does not support, e.g. a rocketmq-spring key with no Liftoff
     * counterpart.
     *
     * @param property the key, e.g. {@code rocketmq.producer.namespace-v2}
     * @param reason why it is refused
     * @param action what to do instead
     */
    static InvalidProducerPropertyException unsupported(
            String property, String reason, String action) {
        return new InvalidProducerPropertyException(
                property, "Property '" + property + "' is not supported: " + reason, action, null);
    }

    /**
     * A property that only applies when a switch is on, set while the switch is off: it would be
     * ignored, so it is refused instead.
     *
     * @param property the key, e.g. {@code rocketmq.producer.auto-batch.linger}
     * @param switchProperty the key of the switch, e.g. {@code
     *     rocketmq.producer.auto-batch.enabled}
     */
    static InvalidProducerPropertyException withoutSwitch(String property, String switchProperty) {
        return new InvalidProducerPropertyException(
                property,
                "Property '"
                        + property
                        + "' is set but '"
                        + switchProperty
                        + "' is not true, so it would have no effect.",
                "Set '"
                        + switchProperty
                        + "=true' for the setting to apply, or remove '"
                        + property
                        + "'.",
                null);
    }

    /**
     * Two properties that exclude each other are both set.
     *
     * @param property the key reported, e.g. {@code rocketmq.name-server}
     * @param other the key it excludes, e.g. {@code rocketmq.name-server-address-url}
     */
    static InvalidProducerPropertyException conflicting(String property, String other) {
        return new InvalidProducerPropertyException(
                property,
                "Properties '"
                        + property
                        + "' and '"
                        + other
                        + "' are both set; the Liftoff producer takes its name servers from one.",
                "Remove '"
                        + property
                        + "' to fetch the name servers from the address server, or '"
                        + other
                        + "' to use the listed ones.",
                null);
    }

    /**
     * The address server gave no name servers when the producer started.
     *
     * @param property the key of the address server's URL
     * @param alternative the key that lists name servers instead
     * @param reason what the address server did, with its URL
     * @param cause the producer's exception
     */
    static InvalidProducerPropertyException noNameServers(
            String property, String alternative, String reason, Throwable cause) {
        return new InvalidProducerPropertyException(
                property,
                "The address server of property '" + property + "' gave no name servers: " + reason,
                "Check that the address server runs and answers 'host:port;host:port' at '"
                        + property
                        + "', or set '"
                        + alternative
                        + "' instead.",
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
