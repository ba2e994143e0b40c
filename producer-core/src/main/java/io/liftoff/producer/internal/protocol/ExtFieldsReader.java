package io.liftoff.producer.internal.protocol;

import java.util.Map;

/**
 * Typed reads from the extFields of one received frame. Every error names the frame and the field,
 * because a bare {@code NumberFormatException} from a broker push says nothing about where it came
 * from.
 */
final class ExtFieldsReader {

    private final String frame;
    private final Map<String, String> fields;

    /**
     * @param frame what the fields belong to, for error messages, e.g. {@code
     *     "CHECK_TRANSACTION_STATE request"}
     * @param fields the extFields, must not be {@code null}
     */
    ExtFieldsReader(String frame, Map<String, String> fields) {
        this.frame = frame;
        this.fields = fields;
    }

    /**
     * The field's value.
     *
     * @throws IllegalArgumentException when the field is missing
     */
    String required(String name) {
        String value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException(
                    frame + " lacks header field '" + name + "'; fields: " + fields.keySet());
        }
        return value;
    }

    /** The field's value, or {@code null} when it is missing. */
    String optional(String name) {
        return fields.get(name);
    }

    /**
     * The field as an int.
     *
     * @throws IllegalArgumentException when the field is missing or not a decimal int
     */
    int requiredInt(String name) {
        String value = required(name);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw notANumber(name, value, e);
        }
    }

    /**
     * The field as an int, or {@code absent} when it is missing.
     *
     * @throws IllegalArgumentException when the field is present but not a decimal int
     */
    int optionalInt(String name, int absent) {
        return fields.containsKey(name) ? requiredInt(name) : absent;
    }

    /**
     * The field as a long.
     *
     * @throws IllegalArgumentException when the field is missing or not a decimal long
     */
    long requiredLong(String name) {
        String value = required(name);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw notANumber(name, value, e);
        }
    }

    /**
     * The field as a boolean, or {@code absent} when it is missing. Anything but {@code "true"}
     * (ignoring case) reads as false, as RocketMQ's own header decoder does.
     */
    boolean optionalBoolean(String name, boolean absent) {
        String value = fields.get(name);
        return value == null ? absent : Boolean.parseBoolean(value);
    }

    private IllegalArgumentException notANumber(
            String name, String value, NumberFormatException cause) {
        return new IllegalArgumentException(
                frame + " header field '" + name + "' is not a number: '" + value + "'", cause);
    }
}
