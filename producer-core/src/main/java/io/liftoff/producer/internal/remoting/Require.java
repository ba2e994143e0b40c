package io.liftoff.producer.internal.remoting;

import java.time.Duration;

/** Argument checks at the package boundary; each failure names the argument and the value. */
public final class Require {

    private Require() {}

    public static <T> T notNull(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    public static Duration positive(Duration value, String name) {
        notNull(value, name);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, but was " + value);
        }
        return value;
    }

    public static long positive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, but was " + value);
        }
        return value;
    }

    public static void that(boolean condition, String rule, Object value) {
        if (!condition) {
            throw new IllegalArgumentException(rule + ", but was " + value);
        }
    }
}
