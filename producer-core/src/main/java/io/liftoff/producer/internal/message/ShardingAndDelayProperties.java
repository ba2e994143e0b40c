package io.liftoff.producer.internal.message;

import static io.liftoff.producer.internal.message.MessageProperties.NAME_VALUE_SEPARATOR;
import static io.liftoff.producer.internal.message.MessageProperties.PROPERTY_SEPARATOR;

import io.liftoff.producer.message.DeliveryTime;
import io.liftoff.producer.message.Message;
import java.util.function.ToLongFunction;

/**
 * The system properties that come from a message's own sharding key and delay: {@code DELAY},
 * {@code TIMER_DELIVER_MS} or {@code TIMER_DELAY_MS}, and {@code __SHARDINGKEY}, each only when
 * set. Kept apart so that writing and measuring them cannot drift. Thread-safe: stateless.
 */
final class ShardingAndDelayProperties {

    private ShardingAndDelayProperties() {}

    /** Appends the properties, numbers written straight into the builder without a string. */
    static void append(StringBuilder out, Message message) {
        if (message.delayLevel() > 0) {
            out.append(MessageProperties.DELAY).append(NAME_VALUE_SEPARATOR);
            out.append(message.delayLevel()).append(PROPERTY_SEPARATOR);
        }
        DeliveryTime deliveryTime = message.deliveryTime();
        if (deliveryTime != null) {
            out.append(deliveryTime.propertyName()).append(NAME_VALUE_SEPARATOR);
            out.append(deliveryTime.propertyMillis()).append(PROPERTY_SEPARATOR);
        }
        if (message.shardingKey() != null) {
            out.append(MessageProperties.SHARDING_KEY).append(NAME_VALUE_SEPARATOR);
            out.append(message.shardingKey()).append(PROPERTY_SEPARATOR);
        }
    }

    /**
     * The length of what {@link #append} writes; {@code length} counts either chars or UTF-8 bytes
     * of the sharding key, the only part that may be non-ASCII.
     */
    static long length(Message message, ToLongFunction<String> length) {
        long total = 0;
        if (message.delayLevel() > 0) {
            total += MessageProperties.DELAY.length() + decimalLength(message.delayLevel()) + 2;
        }
        DeliveryTime deliveryTime = message.deliveryTime();
        if (deliveryTime != null) {
            total +=
                    deliveryTime.propertyName().length()
                            + decimalLength(deliveryTime.propertyMillis())
                            + 2;
        }
        if (message.shardingKey() != null) {
            total +=
                    MessageProperties.SHARDING_KEY.length()
                            + length.applyAsLong(message.shardingKey())
                            + 2;
        }
        return total;
    }

    /** The number of chars of {@code Long.toString(value)}, without building the string. */
    private static int decimalLength(long value) {
        int chars = value < 0 ? 2 : 1;
        for (long rest = value / 10; rest != 0; rest /= 10) {
            chars++;
        }
        return chars;
    }
}
