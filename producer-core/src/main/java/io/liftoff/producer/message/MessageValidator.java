package io.liftoff.producer.message;

import static io.liftoff.producer.message.ErrorText.quote;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Validation rules shared by the builder and the send path (PROTOCOL.md §5c, §5d).
 *
 * <p>Every rule throws {@link InvalidMessageException} whose text names the argument, the bad value
 * and how to fix it, so a message that the broker would refuse never reaches the wire. Thread-safe:
 * stateless.
 */
public final class MessageValidator {

    /** The longest topic name the client and the broker accept. */
    public static final int MAX_TOPIC_LENGTH = 127;

    /** The broker's limit on the UTF-8 length of a stored message's properties string. */
    public static final int MAX_PROPERTIES_BYTES = Short.MAX_VALUE;

    /**
     * Bytes of {@link #MAX_PROPERTIES_BYTES} kept free for properties added after validation: by
     * the producer ({@code PGROUP}, {@code TRAN_MSG}, {@code DELAY}, {@code INSTANCE_ID}, ...) and
     * by the broker ({@code CLUSTER}, {@code MSG_REGION}, {@code TRACE_ON}, {@code REAL_TOPIC},
     * {@code TIMER_OUT_MS}, ...). The broker counts them too, and a group or topic name is at most
     * 255 characters, so 1 KiB covers every combination seen in practice.
     */
    public static final int PROPERTIES_HEADROOM_BYTES = 1024;

    /** The longest {@code UNIQ_KEY}: 28 bytes with an IPv6 address, in hex. */
    static final int LONGEST_UNIQUE_KEY_CHARS = 56;

    private static final String TOPIC_PATTERN = "[%|a-zA-Z0-9_-]{1,127}";

    /** Topics the official client refuses to send to; the broker uses them internally. */
    private static final Set<String> NOT_ALLOWED_SEND_TOPICS =
            Set.of(
                    "SCHEDULE_TOPIC_XXXX",
                    "RMQ_SYS_TRANS_HALF_TOPIC",
                    "RMQ_SYS_TRANS_OP_HALF_TOPIC",
                    "TRANS_CHECK_MAX_TIME_TOPIC",
                    "SELF_TEST_TOPIC",
                    "OFFSET_MOVED_EVENT");

    /** ASCII bitmap of {@code [%|a-zA-Z0-9_-]}; a table beats a regex on the send path. */
    private static final boolean[] TOPIC_CHARS = new boolean[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            TOPIC_CHARS[c] = true;
            TOPIC_CHARS[Character.toUpperCase(c)] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            TOPIC_CHARS[c] = true;
        }
        TOPIC_CHARS['%'] = true;
        TOPIC_CHARS['|'] = true;
        TOPIC_CHARS['_'] = true;
        TOPIC_CHARS['-'] = true;
    }

    private MessageValidator() {}

    /**
     * Checks a topic name: non-blank, at most {@value #MAX_TOPIC_LENGTH} characters, only {@code
     * [%|a-zA-Z0-9_-]}, and not one of the broker's internal topics.
     *
     * @param topic the topic name
     * @throws InvalidMessageException if the topic can never be sent to
     */
    public static void validateTopic(String topic) {
        if (topic == null) {
            throw new InvalidMessageException(
                    "topic must not be null; pass the name of the topic to send to");
        }
        if (topic.isBlank()) {
            throw new InvalidMessageException(
                    "topic " + quote(topic) + " must not be blank; pass the name of the topic");
        }
        if (topic.length() > MAX_TOPIC_LENGTH) {
            throw new InvalidMessageException(
                    String.format(
                            "topic %s is %d characters long but at most %d are allowed;"
                                    + " use a shorter topic name",
                            quote(topic), topic.length(), MAX_TOPIC_LENGTH));
        }
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            if (c >= TOPIC_CHARS.length || !TOPIC_CHARS[c]) {
                throw new InvalidMessageException(
                        String.format(
                                "topic %s must match %s but has %s at index %d; rename the topic",
                                quote(topic), TOPIC_PATTERN, quote(String.valueOf(c)), i));
            }
        }
        if (NOT_ALLOWED_SEND_TOPICS.contains(topic)) {
            throw new InvalidMessageException(
                    "topic "
                            + quote(topic)
                            + " is internal to the RocketMQ broker and producers may not send to"
                            + " it; send to a topic of your own");
        }
    }

    /**
     * Checks what depends on the producer's configuration or the clock: the body fits {@code
     * maxMessageSize} (the uncompressed body, as the official client checks it), the properties as
     * sent fit the broker's limit of {@value #MAX_PROPERTIES_BYTES} UTF-8 bytes, less {@value
     * #PROPERTIES_HEADROOM_BYTES} bytes kept for properties added later, and a {@link
     * DeliveryTime.At} is at most {@link DeliveryTime#MAX_DELAY} ahead of now.
     *
     * <p>Rules that do not depend on configuration were checked when the message was built.
     * Allocation-free: the properties length is computed, not encoded.
     *
     * @param message the message to send
     * @param maxMessageSize the largest body in bytes the producer may send; must be positive
     * @throws InvalidMessageException if the message is {@code null} or too large, or if {@code
     *     maxMessageSize} is not positive
     */
    public static void validateForSend(Message message, int maxMessageSize) {
        if (message == null) {
            throw new InvalidMessageException("message must not be null; pass the message to send");
        }
        if (maxMessageSize <= 0) {
            throw new InvalidMessageException(
                    "maxMessageSize must be positive but was "
                            + maxMessageSize
                            + "; fix the producer configuration");
        }
        if (message.bodyLength() > maxMessageSize) {
            throw new InvalidMessageException(
                    String.format(
                            "body of the message to topic '%s' is %d bytes but maxMessageSize is"
                                    + " %d; send a smaller body or raise maxMessageSize (the"
                                    + " broker's maxMessageSize must allow it too)",
                            message.topic(), message.bodyLength(), maxMessageSize));
        }
        long propertiesBytes =
                PropertiesCodec.encodedUtf8LengthForSend(message, LONGEST_UNIQUE_KEY_CHARS);
        int allowed = MAX_PROPERTIES_BYTES - PROPERTIES_HEADROOM_BYTES;
        if (propertiesBytes > allowed) {
            throw new InvalidMessageException(
                    String.format(
                            "properties of the message to topic '%s' encode to %d bytes but at"
                                    + " most %d are allowed (the broker's limit %d less %d kept"
                                    + " for system properties); use fewer or shorter properties,"
                                    + " keys or tags",
                            message.topic(),
                            propertiesBytes,
                            allowed,
                            MAX_PROPERTIES_BYTES,
                            PROPERTIES_HEADROOM_BYTES));
        }
        if (message.deliveryTime() instanceof DeliveryTime.At at) {
            validateDeliverAt(message.topic(), at.instant());
        }
    }

    /**
     * A delivery instant the broker accepts: not more than {@link DeliveryTime#MAX_DELAY} ahead.
     * Checked when sending, not when building, since a message built early may be sent later.
     */
    private static void validateDeliverAt(String topic, Instant instant) {
        Duration ahead = Duration.between(Instant.now(), instant);
        if (ahead.compareTo(DeliveryTime.MAX_DELAY) > 0) {
            throw new InvalidMessageException(
                    String.format(
                            "deliverAt %s of the message to topic '%s' is %s, more than 3 days"
                                    + " ahead (the broker's timerMaxDelaySec of 259200 s), so the"
                                    + " broker would refuse it; pass an instant within 3 days of"
                                    + " now",
                            instant, topic, ahead));
        }
    }

    /** The body is set and not empty; the broker refuses an empty body. */
    static void validateBody(byte[] body) {
        if (body == null) {
            throw new InvalidMessageException(
                    "body must be set; call body(byte[]) or body(String) on the builder");
        }
        if (body.length == 0) {
            throw new InvalidMessageException(
                    "body must not be empty (the broker rejects an empty body with"
                            + " MESSAGE_ILLEGAL); send at least one byte");
        }
    }

    /** A tag is optional, but when set it is one usable tag. */
    static void validateTags(String tags) {
        if (tags == null) {
            return;
        }
        if (tags.isBlank()) {
            throw new InvalidMessageException(
                    "tags "
                            + quote(tags)
                            + " must not be blank; pass a tag or leave tags unset (null)");
        }
        rejectSeparators("tags", tags);
        if (tags.contains("||")) {
            throw new InvalidMessageException(
                    "tags "
                            + quote(tags)
                            + " must not contain '||', which is subscription syntax for 'any of"
                            + " these tags'; a message carries one tag, so pass a single tag");
        }
    }

    /**
     * A sharding key is optional, but when set it is usable and set in one place only: the user
     * property {@code __SHARDINGKEY} would travel too and silently lose to it.
     */
    static void validateShardingKey(String shardingKey, Map<String, String> properties) {
        if (shardingKey == null) {
            return;
        }
        if (shardingKey.isBlank()) {
            throw new InvalidMessageException(
                    "shardingKey "
                            + quote(shardingKey)
                            + " must not be blank; pass a key such as the order id, or leave it"
                            + " unset (null)");
        }
        rejectSeparators("shardingKey", shardingKey);
        if (properties.containsKey(MessageProperties.SHARDING_KEY)) {
            throw new InvalidMessageException(
                    "shardingKey "
                            + quote(shardingKey)
                            + " is set and so is the user property '__SHARDINGKEY'; remove the"
                            + " property and use shardingKey() only");
        }
    }

    /** A key travels inside the space-joined {@code KEYS} property. */
    static void validateKey(int index, String key) {
        String argument = "keys[" + index + "]";
        if (key == null) {
            throw new InvalidMessageException(
                    argument + " must not be null; remove it or pass a non-blank key");
        }
        if (key.isBlank()) {
            throw new InvalidMessageException(
                    argument
                            + " "
                            + quote(key)
                            + " must not be blank; remove it or pass a non-blank key");
        }
        if (key.indexOf(MessageProperties.KEY_SEPARATOR) >= 0) {
            throw new InvalidMessageException(
                    argument
                            + " "
                            + quote(key)
                            + " must not contain a space: keys are joined by single spaces on"
                            + " the wire, so it would come back as several keys; replace the"
                            + " space (e.g. with '_') or pass the parts as separate keys");
        }
        rejectSeparators(argument, key);
    }

    /** A user property survives the wire unchanged and does not clash with RocketMQ's own. */
    static void validateProperty(String name, String value) {
        if (name == null) {
            throw new InvalidMessageException(
                    "property name must not be null; pass a non-blank name");
        }
        if (name.isBlank()) {
            throw new InvalidMessageException(
                    "property name " + quote(name) + " must not be blank; pass a non-blank name");
        }
        if (MessageProperties.isReserved(name)) {
            throw new InvalidMessageException(reservedNameMessage(name));
        }
        rejectSeparators("property name", name);
        String argument = "value of property " + quote(name);
        if (value == null) {
            throw new InvalidMessageException(
                    argument + " must not be null; omit the property or give it a value");
        }
        if (value.isEmpty()) {
            throw new InvalidMessageException(
                    argument
                            + " must not be empty (the broker drops an empty value); omit the"
                            + " property or give it a value");
        }
        rejectSeparators(argument, value);
    }

    private static String reservedNameMessage(String name) {
        String prefix = "property name " + quote(name) + " is reserved by RocketMQ; ";
        switch (name) {
            case MessageProperties.TAGS:
                return prefix + "set it with tags() instead of property()";
            case MessageProperties.KEYS:
                return prefix + "set it with keys() or key() instead of property()";
            case MessageProperties.WAIT_STORE_MSG_OK:
                return prefix + "set it with waitStoreMessageOk() instead of property()";
            case MessageProperties.UNIQ_KEY:
                return prefix
                        + "the producer sets the message id when it sends; use a different name"
                        + " for your own id";
            default:
                return prefix + "use a different name";
        }
    }

    /** The separators would split one property into several on the wire. */
    static void rejectSeparators(String argument, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == MessageProperties.NAME_VALUE_SEPARATOR
                    || c == MessageProperties.PROPERTY_SEPARATOR) {
                throw new InvalidMessageException(
                        String.format(
                                "%s %s must not contain \\u%04x at index %d (\\u0001 and \\u0002"
                                        + " separate properties on the wire); remove the"
                                        + " character",
                                argument, quote(value), (int) c, i));
            }
        }
    }
}
