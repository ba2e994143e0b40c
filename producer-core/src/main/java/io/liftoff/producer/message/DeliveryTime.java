package io.liftoff.producer.message;

import io.liftoff.producer.internal.message.MessageProperties;
import java.time.Duration;
import java.time.Instant;

/**
 * When a 5.x broker should deliver a message: at an instant or after a delay (PROTOCOL.md §10).
 *
 * <p>It travels as one system property: {@link At} as {@code TIMER_DELIVER_MS=<epoch ms>}, {@link
 * After} as {@code TIMER_DELAY_MS=<ms>}. The broker rounds the target time down to its timer
 * precision (1 s by default), delivers at once when the target is not in the future, and refuses
 * with MESSAGE_ILLEGAL a target more than {@link #MAX_DELAY} ahead of its clock. Brokers before 5.0
 * ignore the property and deliver at once. Immutable and thread-safe.
 */
public sealed interface DeliveryTime permits DeliveryTime.At, DeliveryTime.After {

    /** The broker's default {@code timerMaxDelaySec}: 3 days. */
    Duration MAX_DELAY = Duration.ofSeconds(259_200);

    /**
     * Delivery at an instant.
     *
     * @param instant when to deliver; must not be {@code null}. An instant in the past is allowed:
     *     the broker delivers at once
     * @return the delivery time
     * @throws InvalidMessageException if {@code instant} is {@code null} or outside the range of
     *     epoch milliseconds
     */
    static DeliveryTime at(Instant instant) {
        return new At(instant);
    }

    /**
     * Delivery after a delay counted from when the broker stores the message.
     *
     * @param delay how long to wait; at least zero and at most {@link #MAX_DELAY}. Parts below a
     *     millisecond are dropped
     * @return the delivery time
     * @throws InvalidMessageException if {@code delay} is {@code null}, negative or longer than
     *     {@link #MAX_DELAY}
     */
    static DeliveryTime after(Duration delay) {
        return new After(delay);
    }

    /**
     * Returns the name of the system property that carries this delivery time.
     *
     * @return {@code TIMER_DELIVER_MS} or {@code TIMER_DELAY_MS}
     */
    String propertyName();

    /**
     * Returns the property value: epoch milliseconds for {@link At}, milliseconds for {@link
     * After}.
     *
     * @return the value as a number
     */
    long propertyMillis();

    /**
     * Delivery at an instant.
     *
     * @param instant when to deliver; must not be {@code null} and must fit in epoch milliseconds
     */
    record At(Instant instant) implements DeliveryTime {

        /**
         * Checks the instant.
         *
         * @throws InvalidMessageException if {@code instant} is {@code null} or outside the range
         *     of epoch milliseconds
         */
        public At {
            if (instant == null) {
                throw new InvalidMessageException(
                        "deliverAt must not be null; pass the instant to deliver at, or leave the"
                                + " delivery time unset");
            }
            try {
                instant.toEpochMilli();
            } catch (ArithmeticException e) {
                throw new InvalidMessageException(
                        "deliverAt "
                                + instant
                                + " does not fit in epoch milliseconds; pass an instant within 3"
                                + " days of now, the most a broker accepts",
                        e);
            }
        }

        @Override
        public String propertyName() {
            return MessageProperties.TIMER_DELIVER_MS;
        }

        @Override
        public long propertyMillis() {
            return instant.toEpochMilli();
        }
    }

    /**
     * Delivery after a delay.
     *
     * @param delay how long to wait; at least zero and at most {@link #MAX_DELAY}
     */
    record After(Duration delay) implements DeliveryTime {

        /**
         * Checks the delay.
         *
         * @throws InvalidMessageException if {@code delay} is {@code null}, negative or longer than
         *     {@link #MAX_DELAY}
         */
        public After {
            if (delay == null) {
                throw new InvalidMessageException(
                        "deliverAfter must not be null; pass the delay, e.g."
                                + " Duration.ofSeconds(30), or leave the delivery time unset");
            }
            if (delay.isNegative()) {
                throw new InvalidMessageException(
                        "deliverAfter "
                                + delay
                                + " must not be negative; pass Duration.ZERO to deliver at once");
            }
            if (delay.compareTo(MAX_DELAY) > 0) {
                throw new InvalidMessageException(
                        "deliverAfter "
                                + delay
                                + " is longer than "
                                + MAX_DELAY
                                + " (the broker's timerMaxDelaySec of 259200 s), so the broker"
                                + " would refuse the message; pass a delay of at most 3 days");
            }
        }

        @Override
        public String propertyName() {
            return MessageProperties.TIMER_DELAY_MS;
        }

        @Override
        public long propertyMillis() {
            return delay.toMillis();
        }
    }
}
