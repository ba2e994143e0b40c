package io.liftoff.producer.internal.message;

import static io.liftoff.producer.internal.message.MessageProperties.NAME_VALUE_SEPARATOR;
import static io.liftoff.producer.internal.message.MessageProperties.PROPERTY_SEPARATOR;

import io.liftoff.producer.message.DeliveryTime;
import io.liftoff.producer.message.InvalidMessageException;
import io.liftoff.producer.message.Message;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * The property string codec: {@code name\u0001value\u0002} per property (PROTOCOL.md §5a).
 *
 * <p>Output matches the official client's {@code MessageDecoder.messageProperties2String} and input
 * is read like its {@code string2messageProperties}. Thread-safe: stateless.
 */
public final class PropertiesCodec {

    /** Names that {@link #encodeForSend} derives from the message and the id itself. */
    private static final Set<String> MESSAGE_DERIVED =
            Set.of(
                    MessageProperties.TAGS,
                    MessageProperties.KEYS,
                    MessageProperties.WAIT_STORE_MSG_OK,
                    MessageProperties.UNIQ_KEY);

    /** Names that say when to deliver; a message with its own delay must not get a second one. */
    private static final Set<String> DELAY_NAMES =
            Set.of(
                    MessageProperties.DELAY,
                    MessageProperties.TIMER_DELIVER_MS,
                    MessageProperties.TIMER_DELAY_MS,
                    MessageProperties.TIMER_DELAY_SEC);

    /** {@code WAIT} and the start of {@code UNIQ_KEY}, for a message that carries nothing else. */
    private static final String WAIT_TRUE_THEN_UNIQ_KEY =
            MessageProperties.WAIT_STORE_MSG_OK
                    + NAME_VALUE_SEPARATOR
                    + "true"
                    + PROPERTY_SEPARATOR
                    + MessageProperties.UNIQ_KEY
                    + NAME_VALUE_SEPARATOR;

    private static final String WAIT_FALSE_THEN_UNIQ_KEY =
            MessageProperties.WAIT_STORE_MSG_OK
                    + NAME_VALUE_SEPARATOR
                    + "false"
                    + PROPERTY_SEPARATOR
                    + MessageProperties.UNIQ_KEY
                    + NAME_VALUE_SEPARATOR;

    private PropertiesCodec() {}

    /**
     * Encodes properties in the map's iteration order, each followed by {@code \u0002}; entries
     * with a {@code null} value are skipped, as the official client does.
     *
     * @param properties the properties; must not be {@code null}
     * @return the encoded string, empty for an empty map
     * @throws InvalidMessageException if the map or a name is {@code null}, or a name or value
     *     contains {@code \u0001} or {@code \u0002}, which would corrupt the neighbouring
     *     properties
     */
    public static String encode(Map<String, String> properties) {
        if (properties == null) {
            throw new InvalidMessageException(
                    "properties must not be null; pass an empty map for no properties");
        }
        StringBuilder out = new StringBuilder(64);
        properties.forEach(
                (name, value) -> {
                    if (name == null) {
                        throw new InvalidMessageException(
                                "property name must not be null; remove the entry");
                    }
                    if (value != null) {
                        MessageValidator.rejectSeparators("property name", name);
                        MessageValidator.rejectSeparators(
                                "value of property " + ErrorText.quote(name), value);
                        append(out, name, value);
                    }
                });
        return out.toString();
    }

    /**
     * Decodes a property string the way the broker and the official client read it: a segment
     * shorter than 3 characters or without a {@code \u0001} between a non-empty name and a
     * non-empty value is skipped, the value runs to the next {@code \u0002}, and a later duplicate
     * name wins.
     *
     * @param encoded the encoded string; {@code null} reads as empty, because a zero-length header
     *     string arrives as {@code null}
     * @return an unmodifiable map in order of first appearance, never {@code null}
     */
    public static Map<String, String> decode(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return Map.of();
        }
        Map<String, String> properties = new LinkedHashMap<>();
        int length = encoded.length();
        int start = 0;
        while (start < length) {
            int end = encoded.indexOf(PROPERTY_SEPARATOR, start);
            if (end < 0) {
                end = length;
            }
            if (end - start >= 3) {
                // Searched from the segment start without an upper bound, like the official
                // parser: a separator found beyond this segment fails the bound check below.
                int separator = encoded.indexOf(NAME_VALUE_SEPARATOR, start);
                if (separator > start && separator < end - 1) {
                    properties.put(
                            encoded.substring(start, separator),
                            encoded.substring(separator + 1, end));
                }
            }
            start = end + 1;
        }
        return Collections.unmodifiableMap(properties);
    }

    /**
     * Encodes the properties of a message as sent: user properties, then {@code TAGS} (if set),
     * {@code KEYS} (space-joined, if any), {@code WAIT} ({@code "true"}/{@code "false"}), {@code
     * UNIQ_KEY}, and when the message has them {@code DELAY} (the delay level), {@code
     * TIMER_DELIVER_MS} or {@code TIMER_DELAY_MS} (the {@link DeliveryTime}) and {@code
     * __SHARDINGKEY}. Built straight into one {@code StringBuilder} of the exact size, no
     * intermediate map; the message was validated when it was built.
     *
     * @param message the message; must not be {@code null}
     * @param uniqueKey the message id, usually {@link UniqueIdGenerator#next()}; must not be {@code
     *     null} or empty
     * @return the encoded string
     * @throws InvalidMessageException if an argument is {@code null} or {@code uniqueKey} is empty
     *     or contains a separator
     */
    public static String encodeForSend(Message message, String uniqueKey) {
        return encodeForSend(message, uniqueKey, Map.of());
    }

    /**
     * Like {@link #encodeForSend(Message, String)}, then appends system properties that the send
     * path adds, e.g. {@code TRAN_MSG} and {@code PGROUP} for a half message.
     *
     * @param message the message; must not be {@code null}
     * @param uniqueKey the message id; must not be {@code null} or empty
     * @param systemProperties appended in iteration order; must not be {@code null}, must not hold
     *     {@code TAGS}, {@code KEYS}, {@code WAIT} or {@code UNIQ_KEY} (they come from the message
     *     and the id), must not hold {@code DELAY} or a {@code TIMER_*} delay if the message has a
     *     delay of its own, nor {@code __SHARDINGKEY} if it has a sharding key; names and values
     *     must be non-empty and free of separators
     * @return the encoded string
     * @throws InvalidMessageException if an argument breaks these rules
     */
    public static String encodeForSend(
            Message message, String uniqueKey, Map<String, String> systemProperties) {
        requireForSend(message, uniqueKey);
        if (systemProperties == null) {
            throw new InvalidMessageException(
                    "systemProperties must not be null; pass an empty map for none");
        }
        if (onlyWaitAndUniqueKey(message, systemProperties)) {
            // String concatenation sizes the result exactly and fills it once: no builder, no copy.
            return startBeforeUniqueKey(message) + uniqueKey + PROPERTY_SEPARATOR;
        }
        // Guarded: the lambda, and iterating even an empty Map.of(), would allocate per send.
        if (!systemProperties.isEmpty()) {
            systemProperties.forEach((name, value) -> requireSystemProperty(message, name, value));
        }

        // Sized exactly, so appending never regrows the buffer on the send path.
        long capacity = measureForSend(message, uniqueKey.length(), String::length);
        if (!systemProperties.isEmpty()) {
            for (Map.Entry<String, String> entry : systemProperties.entrySet()) {
                capacity += entry.getKey().length() + entry.getValue().length() + 2;
            }
        }
        StringBuilder out = new StringBuilder((int) capacity);
        if (!message.properties().isEmpty()) {
            message.properties().forEach((name, value) -> append(out, name, value));
        }
        if (message.tags() != null) {
            append(out, MessageProperties.TAGS, message.tags());
        }
        List<String> keys = message.keys();
        if (!keys.isEmpty()) {
            out.append(MessageProperties.KEYS).append(NAME_VALUE_SEPARATOR);
            for (int i = 0; i < keys.size(); i++) {
                if (i > 0) {
                    out.append(MessageProperties.KEY_SEPARATOR);
                }
                out.append(keys.get(i));
            }
            out.append(PROPERTY_SEPARATOR);
        }
        append(
                out,
                MessageProperties.WAIT_STORE_MSG_OK,
                message.waitStoreMessageOk() ? "true" : "false");
        append(out, MessageProperties.UNIQ_KEY, uniqueKey);
        ShardingAndDelayProperties.append(out, message);
        if (!systemProperties.isEmpty()) {
            systemProperties.forEach((name, value) -> append(out, name, value));
        }
        return out.toString();
    }

    /**
     * Whether the message sets none of the fields that add properties and the send adds none, as
     * for most messages: {@link #encodeForSend(Message, String, Map)} then gives {@link
     * #startBeforeUniqueKey} followed by the id and {@code \u0002}, which the send path can write
     * into the frame without joining them into a string first.
     *
     * @param message the message; must not be {@code null}
     * @param systemProperties the system properties the send adds; must not be {@code null}
     * @return whether the message carries only {@code WAIT} and {@code UNIQ_KEY}
     */
    public static boolean onlyWaitAndUniqueKey(
            Message message, Map<String, String> systemProperties) {
        return systemProperties.isEmpty()
                && message.properties().isEmpty()
                && message.tags() == null
                && message.keys().isEmpty()
                && message.delayLevel() == 0
                && message.deliveryTime() == null
                && message.shardingKey() == null;
    }

    /**
     * The constant start of the property string of a message that carries only {@code WAIT} and
     * {@code UNIQ_KEY}: both properties up to the id.
     *
     * @param message the message; must not be {@code null}
     * @return a shared constant
     */
    public static String startBeforeUniqueKey(Message message) {
        return message.waitStoreMessageOk() ? WAIT_TRUE_THEN_UNIQ_KEY : WAIT_FALSE_THEN_UNIQ_KEY;
    }

    /**
     * The UTF-8 length of {@link #encodeForSend(Message, String)} for an id of {@code
     * uniqueKeyChars} ASCII characters, computed without building the string.
     */
    static long encodedUtf8LengthForSend(Message message, int uniqueKeyChars) {
        return measureForSend(message, uniqueKeyChars, Utf8::length);
    }

    /**
     * Adds up the lengths of the parts of {@link #encodeForSend(Message, String)}; {@code length}
     * counts either chars or UTF-8 bytes.
     */
    private static long measureForSend(
            Message message, int uniqueKeyChars, ToLongFunction<String> length) {
        long total = 0;
        for (Map.Entry<String, String> entry : message.properties().entrySet()) {
            total += length.applyAsLong(entry.getKey()) + length.applyAsLong(entry.getValue()) + 2;
        }
        if (message.tags() != null) {
            total += MessageProperties.TAGS.length() + length.applyAsLong(message.tags()) + 2;
        }
        List<String> keys = message.keys();
        if (!keys.isEmpty()) {
            // The name, one separator between each pair of keys and the two property separators.
            total += MessageProperties.KEYS.length() + keys.size() + 1;
            for (String key : keys) {
                total += length.applyAsLong(key);
            }
        }
        total += ShardingAndDelayProperties.length(message, length);
        return total + fixedTailLength(message, uniqueKeyChars);
    }

    /** {@code WAIT} and {@code UNIQ_KEY}: ASCII, so chars and bytes agree. */
    private static int fixedTailLength(Message message, int uniqueKeyChars) {
        int wait = MessageProperties.WAIT_STORE_MSG_OK.length() + 2;
        wait += message.waitStoreMessageOk() ? 4 : 5;
        return wait + MessageProperties.UNIQ_KEY.length() + uniqueKeyChars + 2;
    }

    private static void append(StringBuilder out, String name, String value) {
        out.append(name).append(NAME_VALUE_SEPARATOR).append(value).append(PROPERTY_SEPARATOR);
    }

    private static void requireForSend(Message message, String uniqueKey) {
        if (message == null) {
            throw new InvalidMessageException("message must not be null; pass the message to send");
        }
        if (uniqueKey == null || uniqueKey.isEmpty()) {
            throw new InvalidMessageException(
                    "uniqueKey "
                            + ErrorText.quote(uniqueKey)
                            + " must not be null or empty; pass UniqueIdGenerator.shared().next()");
        }
        MessageValidator.rejectSeparators("uniqueKey", uniqueKey);
    }

    private static void requireSystemProperty(Message message, String name, String value) {
        if (name == null || name.isEmpty()) {
            throw new InvalidMessageException(
                    "system property name "
                            + ErrorText.quote(name)
                            + " must not be null or empty; remove the entry");
        }
        if (MESSAGE_DERIVED.contains(name)) {
            throw new InvalidMessageException(
                    "system property "
                            + ErrorText.quote(name)
                            + " is derived from the message or the uniqueKey argument; set it on"
                            + " the message builder or pass it as uniqueKey instead");
        }
        boolean hasDelay = message.delayLevel() > 0 || message.deliveryTime() != null;
        if (hasDelay && DELAY_NAMES.contains(name)) {
            throw new InvalidMessageException(
                    String.format(
                            "system property %s clashes with the message's own delay (delayLevel"
                                    + " %d, deliveryTime %s) and the broker would honour only one"
                                    + " of them; set the delay in one place",
                            ErrorText.quote(name), message.delayLevel(), message.deliveryTime()));
        }
        if (message.shardingKey() != null && name.equals(MessageProperties.SHARDING_KEY)) {
            throw new InvalidMessageException(
                    "system property '__SHARDINGKEY' clashes with the message's shardingKey "
                            + ErrorText.quote(message.shardingKey())
                            + "; set the sharding key in one place");
        }
        String argument = "value of system property " + ErrorText.quote(name);
        if (value == null || value.isEmpty()) {
            throw new InvalidMessageException(
                    argument
                            + " must not be null or empty (the broker drops an empty value);"
                            + " remove the entry or give it a value");
        }
        MessageValidator.rejectSeparators("system property name", name);
        MessageValidator.rejectSeparators(argument, value);
    }
}
