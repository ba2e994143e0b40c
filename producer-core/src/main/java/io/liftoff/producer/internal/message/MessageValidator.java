package io.liftoff.producer.internal.message;

import static io.liftoff.producer.internal.message.ErrorText.quote;

import io.liftoff.producer.message.DeliveryTime;
import io.liftoff.producer.message.InvalidMessageException;
import io.liftoff.producer.message.Message;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

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

    /**
     * The broker's system topics by name, each with what the broker keeps in it: the system topic
     * set of RocketMQ 5.3.3's {@code TopicValidator} ({@code CHECKPOINT_TOPIC} is new in 5.x, the
     * rest are 4.9.7's too), which contains the official client's not-allowed-send set. The
     * official client refuses only that subset; the others reach the broker, which takes a user
     * message there for one of its own (a trace record, a topic template). {@code %RETRY%} and
     * {@code %DLQ%} topics are not here: neither client nor broker forbids them, and the official
     * consumer itself sends a retry as a plain message to {@code %RETRY%group} when sending it back
     * fails.
     */
    private static final Map<String, String> SYSTEM_TOPICS =
            Map.ofEntries(
                    Map.entry("TBW102", "the broker's template for auto-created topics"),
                    Map.entry(
                            "SCHEDULE_TOPIC_XXXX",
                            "where the broker holds messages with a delay level until due"),
                    Map.entry("BenchmarkTest", "the broker's benchmark topic"),
                    Map.entry(
                            "RMQ_SYS_TRANS_HALF_TOPIC",
                            "where the broker holds transactional messages until they are decided"),
                    Map.entry(
                            "RMQ_SYS_TRANS_OP_HALF_TOPIC",
                            "where the broker records commits and rollbacks of transactions"),
                    Map.entry(
                            "TRANS_CHECK_MAX_TIME_TOPIC",
                            "where the broker puts transactional messages it gave up checking"),
                    Map.entry(
                            "RMQ_SYS_TRACE_TOPIC",
                            "the topic that clients write their message traces to"),
                    Map.entry("SELF_TEST_TOPIC", "the broker's self-test topic"),
                    Map.entry(
                            "OFFSET_MOVED_EVENT",
                            "where the broker records the consumer offsets it had to move"),
                    Map.entry(
                            "CHECKPOINT_TOPIC",
                            "the name of the broker's RocksDB offset checkpoint"));

    /**
     * {@code TopicValidator.SYSTEM_TOPIC_PREFIX}: every topic named so is a system topic to the
     * broker, e.g. the timer wheel {@code rmq_sys_wheel_timer} and the POP revive logs {@code
     * rmq_sys_REVIVE_LOG_<cluster>}. Case-sensitive, as the broker's check is.
     */
    private static final String SYSTEM_TOPIC_PREFIX = "rmq_sys_";

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
     * Checks the topic of a user message: non-blank, at most {@value #MAX_TOPIC_LENGTH} characters,
     * only {@code [%|a-zA-Z0-9_-]}, and not a system topic, which RocketMQ reserves for itself: one
     * the broker's {@code TopicValidator} names, or one starting with {@code rmq_sys_}.
     *
     * @param topic the topic name
     * @throws InvalidMessageException if the topic can never be sent to
     */
    public static void validateTopic(String topic) {
        validateTopicName(topic);
        rejectSystemTopic(topic);
    }

    /**
     * The name rules alone, which hold for every topic; an internal publisher that writes a system
     * topic on purpose (a trace publisher writing {@code RMQ_SYS_TRACE_TOPIC}) checks only these.
     *
     * @throws InvalidMessageException if no topic can have this name
     */
    public static void validateTopicName(String topic) {
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
    }

    /**
     * Refuses the topics RocketMQ reserves for itself, by name and by the prefix {@code rmq_sys_}:
     * every topic the official client refuses to send to and every system topic of the broker's
     * {@code TopicValidator}. A rule for user messages only, kept apart from the name rules so that
     * a future internal publisher can skip it. System topics are never namespaced, so it holds as
     * it is for a producer with a namespace, and a namespaced topic ({@code ns%TBW102}) passes.
     */
    static void rejectSystemTopic(String topic) {
        String what = SYSTEM_TOPICS.get(topic);
        if (what != null) {
            throw new InvalidMessageException(
                    "topic "
                            + quote(topic)
                            + " is "
                            + what
                            + ", a system topic RocketMQ reserves for itself; send to a topic of"
                            + " your own");
        }
        if (topic.startsWith(SYSTEM_TOPIC_PREFIX)) {
            throw new InvalidMessageException(
                    "topic "
                            + quote(topic)
                            + " starts with '"
                            + SYSTEM_TOPIC_PREFIX
                            + "', which RocketMQ reserves for its system topics (the broker's"
                            + " timer wheel, revive logs, ...); send to a topic of your own whose"
                            + " name does not start with it");
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
    public static void validateBody(byte[] body) {
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
    public static void validateTags(String tags) {
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
    public static void validateShardingKey(String shardingKey, Map<String, String> properties) {
        if (shardingKey == null) {
            return;
        }
        if (shardingKey.isBlank()) {
            throw new InvalidMessageException(
                    "shardingKey "
                            + quote(shardingKey)
                            + " must not be blank; pass a key such as the order id, or leave it"
                            + " unset for an unordered send");
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

    /**
     * A builder's argument is not {@code null}: checked at once, so that the error points at the
     * call that passed it rather than at {@code build()}.
     *
     * @param fix how to do without a value, e.g. {@code "pass an empty map for no properties"}
     * @return the value
     */
    public static <T> T requireArgument(T value, String argument, String fix) {
        if (value == null) {
            throw new InvalidMessageException(argument + " must not be null; " + fix);
        }
        return value;
    }

    /** Every key is usable; {@code null} stands for no keys. */
    public static void validateKeys(List<String> keys) {
        if (keys == null) {
            return;
        }
        for (int i = 0; i < keys.size(); i++) {
            validateKey(i, keys.get(i));
        }
    }

    /** A key travels inside the space-joined {@code KEYS} property. */
    private static void validateKey(int index, String key) {
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
    public static void validateProperty(String name, String value) {
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
