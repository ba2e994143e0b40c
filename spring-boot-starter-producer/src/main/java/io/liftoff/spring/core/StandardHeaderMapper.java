package io.liftoff.spring.core;

import io.liftoff.producer.internal.message.MessageProperties;
import io.liftoff.producer.message.Message;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.messaging.MessageHeaders;

/**
 * The standard {@link ProducerHeaderMapper}: maps the headers of a Spring {@link
 * org.springframework.messaging.Message} onto a RocketMQ {@link Message}, as the table in {@link
 * RocketMQHeaders} describes. Headers that would leak Spring's or RocketMQ's own bookkeeping into
 * user properties are dropped; an unknown {@value RocketMQHeaders#PREFIX} header is refused, since
 * it is most likely a misspelt one. Stateless and thread-safe.
 */
final class StandardHeaderMapper implements ProducerHeaderMapper {

    static final StandardHeaderMapper INSTANCE = new StandardHeaderMapper();

    /** Headers of a message received through rocketmq-spring, which describe where it came from. */
    private static final Set<String> RECEIVED =
            Set.of(
                    RocketMQHeaders.PREFIX + "TOPIC",
                    RocketMQHeaders.PREFIX + "MESSAGE_ID",
                    RocketMQHeaders.PREFIX + "BORN_TIMESTAMP",
                    RocketMQHeaders.PREFIX + "BORN_HOST",
                    RocketMQHeaders.PREFIX + "QUEUE_ID",
                    RocketMQHeaders.PREFIX + "SYS_FLAG",
                    RocketMQHeaders.PREFIX + "TRANSACTION_ID");

    private static final Set<String> SPRING =
            Set.of(
                    MessageHeaders.ID,
                    MessageHeaders.TIMESTAMP,
                    MessageHeaders.CONTENT_TYPE,
                    MessageHeaders.REPLY_CHANNEL,
                    MessageHeaders.ERROR_CHANNEL);

    private StandardHeaderMapper() {}

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when a header has a value of the wrong type, names an
     *     unknown {@value RocketMQHeaders#PREFIX} header, gives a tag other than the destination's,
     *     or gives a blank sharding key
     */
    @Override
    public Message.Builder toMessage(String topic, @Nullable String tags, Map<String, ?> headers) {
        Message.Builder builder = Message.builder(topic).tags(tags);
        String headerTags = null;
        for (Map.Entry<String, ?> header : headers.entrySet()) {
            String name = header.getKey();
            Object value = header.getValue();
            if (value == null) {
                continue;
            }
            switch (name) {
                case RocketMQHeaders.KEYS, MessageProperties.KEYS -> builder.keys(keys(value));
                case RocketMQHeaders.TAGS, MessageProperties.TAGS -> headerTags = value.toString();
                case RocketMQHeaders.DELAY_LEVEL -> builder.delayLevel(intValue(name, value));
                case RocketMQHeaders.DELIVER_AT -> builder.deliverAt(instant(name, value));
                case RocketMQHeaders.DELIVER_AFTER -> builder.deliverAfter(duration(name, value));
                case RocketMQHeaders.SHARDING_KEY -> builder.shardingKey(shardingKey(name, value));
                case RocketMQHeaders.FLAG, "FLAG" -> builder.flag(intValue(name, value));
                case RocketMQHeaders.WAIT_STORE_MSG_OK, "WAIT_STORE_MSG_OK" ->
                        builder.waitStoreMessageOk(booleanValue(name, value));
                default -> mapOther(builder, name, value);
            }
        }
        if (headerTags != null) {
            if (tags != null && !tags.equals(headerTags)) {
                throw new IllegalArgumentException(
                        "tag '"
                                + tags
                                + "' of the destination differs from header "
                                + RocketMQHeaders.TAGS
                                + " '"
                                + headerTags
                                + "'; give the tag in one place");
            }
            builder.tags(headerTags);
        }
        return builder;
    }

    private static void mapOther(Message.Builder builder, String name, Object value) {
        if (SPRING.contains(name)
                || MessageProperties.isReserved(name)
                || RECEIVED.contains(name)) {
            return;
        }
        if (name.startsWith(RocketMQHeaders.PREFIX)) {
            throw new IllegalArgumentException(
                    "header '"
                            + name
                            + "' is not one ProducerTemplate knows; use a RocketMQHeaders constant,"
                            + " or a name without the '"
                            + RocketMQHeaders.PREFIX
                            + "' prefix for a user property");
        }
        builder.property(name, value.toString());
    }

    private static List<String> keys(Object value) {
        if (value instanceof String text) {
            // the official client joins keys with spaces, and brokers index each part
            return Arrays.stream(text.split(" ")).filter((key) -> !key.isBlank()).toList();
        }
        if (value instanceof Collection<?> collection) {
            return collection.stream().filter(Objects::nonNull).map(Object::toString).toList();
        }
        if (value instanceof Object[] array) {
            return keys(Arrays.asList(array));
        }
        return List.of(value.toString());
    }

    /**
     * A sharding key that is not blank. A header without a value is no header, as everywhere in
     * Spring messaging; a blank one is a key that went missing, and sending without it would lose
     * the order the caller asked for.
     */
    private static String shardingKey(String name, Object value) {
        String key = value.toString();
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException(
                    "header "
                            + name
                            + " must not be blank, was '"
                            + key
                            + "'; give the key, e.g. an order id, or leave the header out for an"
                            + " unordered send");
        }
        return key;
    }

    private static int intValue(String name, Object value) {
        try {
            // fractions would be cut silently by Number.intValue(), so only whole types pass
            if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
                return ((Number) value).intValue();
            }
            if (value instanceof Long number) {
                return Math.toIntExact(number);
            }
            if (value instanceof String text) {
                return Integer.parseInt(text.strip());
            }
        } catch (ArithmeticException | NumberFormatException ex) {
            throw wrongType(name, value, "an int", ex);
        }
        throw wrongType(name, value, "an int", null);
    }

    private static boolean booleanValue(String name, Object value) {
        if (value instanceof Boolean bool) {
            return bool;
        }
        if (value instanceof String text
                && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(text);
        }
        throw wrongType(name, value, "a boolean or \"true\"/\"false\"", null);
    }

    private static Instant instant(String name, Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof Date date) {
            return date.toInstant();
        }
        if (value instanceof Number number) {
            return Instant.ofEpochMilli(number.longValue());
        }
        if (value instanceof String text) {
            try {
                return text.strip().chars().allMatch(Character::isDigit)
                        ? Instant.ofEpochMilli(Long.parseLong(text.strip()))
                        : Instant.parse(text.strip());
            } catch (DateTimeParseException | NumberFormatException ex) {
                throw wrongType(name, value, "an Instant or epoch milliseconds", ex);
            }
        }
        throw wrongType(name, value, "an Instant or epoch milliseconds", null);
    }

    private static Duration duration(String name, Object value) {
        if (value instanceof Duration duration) {
            return duration;
        }
        if (value instanceof Number number) {
            return Duration.ofMillis(number.longValue());
        }
        if (value instanceof String text) {
            try {
                return DurationStyle.detectAndParse(text);
            } catch (IllegalArgumentException ex) {
                throw wrongType(name, value, "a Duration or milliseconds", ex);
            }
        }
        throw wrongType(name, value, "a Duration or milliseconds", null);
    }

    private static IllegalArgumentException wrongType(
            String name, Object value, String expected, @Nullable Exception cause) {
        return new IllegalArgumentException(
                "header "
                        + name
                        + " must be "
                        + expected
                        + ", was "
                        + value.getClass().getName()
                        + " '"
                        + value
                        + "'",
                cause);
    }
}
