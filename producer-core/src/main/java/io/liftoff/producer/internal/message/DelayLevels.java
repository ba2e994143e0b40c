package io.liftoff.producer.internal.message;

import io.liftoff.producer.message.DeliveryTime;
import io.liftoff.producer.message.InvalidMessageException;

/**
 * RocketMQ's delay levels (PROTOCOL.md §10) and the rules for delaying a message.
 *
 * <p>A level {@code n} in 1..{@value #MAX_LEVEL} travels as the system property {@code DELAY=n};
 * the broker holds the message for the {@code n}-th duration of {@link #DEFAULT_LEVELS}, the
 * default {@code messageDelayLevel} of 4.9 and 5.x brokers. A broker configured with other
 * durations uses its own. Thread-safe: constants and stateless checks only.
 */
public final class DelayLevels {

    /** The highest level of the broker's default table; a broker clamps higher ones to its own. */
    public static final int MAX_LEVEL = 18;

    /** The broker's default {@code messageDelayLevel}: level 1 is the first entry. */
    public static final String DEFAULT_LEVELS =
            "1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h";

    private DelayLevels() {}

    /**
     * Checks the delay settings of a message: a level of 0 (none) or 1..{@value #MAX_LEVEL}, and
     * not both a level and a delivery time, because the broker would silently drop the delivery
     * time in favour of the level.
     *
     * @param delayLevel the delay level, 0 for none
     * @param deliveryTime the delivery time, or {@code null} for none
     * @throws InvalidMessageException if a rule is broken
     */
    public static void validate(int delayLevel, DeliveryTime deliveryTime) {
        if (delayLevel < 0 || delayLevel > MAX_LEVEL) {
            throw new InvalidMessageException(
                    String.format(
                            "delayLevel %d is outside 1..%d; pass 0 for no delay or one of the"
                                    + " levels %s (level 1 is 1s), or use deliverAfter for an"
                                    + " arbitrary delay",
                            delayLevel, MAX_LEVEL, DEFAULT_LEVELS));
        }
        if (delayLevel > 0 && deliveryTime != null) {
            throw new InvalidMessageException(
                    String.format(
                            "delayLevel %d and delivery time %s are both set, but the broker"
                                    + " honours only the level; use one of delayLevel or"
                                    + " deliverAt/deliverAfter",
                            delayLevel, deliveryTime));
        }
    }
}
