package io.liftoff.producer.message;

import static io.liftoff.producer.internal.message.MessageValidator.requireArgument;

import io.liftoff.producer.internal.message.BuilderKeys;
import io.liftoff.producer.internal.message.BuilderProperties;
import io.liftoff.producer.internal.message.DelayLevels;
import io.liftoff.producer.internal.message.MessageBodies;
import io.liftoff.producer.internal.message.MessageValidator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable message: topic, optional tag, keys, user properties and body, and optionally a
 * sharding key and a delay (a delay level or a delivery time).
 *
 * <p>Build one with {@link #builder(String)}; {@link Builder#build()} checks every rule that does
 * not depend on the producer's configuration, so an instance is always sendable apart from {@link
 * MessageValidator#validateForSend size limits}. System properties ({@code UNIQ_KEY}, {@code WAIT},
 * ...) are not user properties: tags, keys and the store flag have their own fields, and the
 * message id is assigned at send time.
 *
 * <p>Thread-safe: all fields are final and the body is never exposed for writing; a body handed
 * over with {@link Builder#bodyWithoutCopy(byte[])} must not be changed by its caller either.
 */
public final class Message {

    static {
        MessageBodies.register(Message::sharedBody);
    }

    private final String topic;
    private final String tags;
    private final List<String> keys;
    private final Map<String, String> properties;
    private final byte[] body;
    private final int flag;
    private final boolean waitStoreMessageOk;
    private final String shardingKey;
    private final int delayLevel;
    private final DeliveryTime deliveryTime;

    private Message(Builder builder) {
        this.topic = builder.topic;
        this.tags = builder.tags;
        this.keys = builder.keys.toList();
        this.properties = builder.properties.handOver();
        // The builder copied the caller's array, or the caller handed it over for good.
        this.body = builder.body;
        this.flag = builder.flag;
        this.waitStoreMessageOk = builder.waitStoreMessageOk;
        this.shardingKey = builder.shardingKey;
        this.delayLevel = builder.delayLevel;
        this.deliveryTime = builder.deliveryTime;
    }

    /**
     * Starts a message to a topic.
     *
     * @param topic the topic; must not be {@code null}, the rules are checked by {@link
     *     Builder#build()}
     * @return a new builder with no tag, no keys, no properties, flag 0, waitStoreMessageOk true,
     *     no sharding key and no delay
     * @throws InvalidMessageException if {@code topic} is {@code null}
     */
    public static Builder builder(String topic) {
        return new Builder().topic(topic);
    }

    /**
     * Returns a builder holding this message's values, to derive a changed copy.
     *
     * @return a new builder; changing it does not change this message
     */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.topic = topic;
        builder.tags = tags;
        if (!keys.isEmpty()) {
            builder.keys.replaceAll(keys);
        }
        if (!properties.isEmpty()) {
            builder.properties.replaceAll(properties);
        }
        builder.body = body;
        builder.flag = flag;
        builder.waitStoreMessageOk = waitStoreMessageOk;
        builder.shardingKey = shardingKey;
        builder.delayLevel = delayLevel;
        builder.deliveryTime = deliveryTime;
        return builder;
    }

    /** Returns the topic, never {@code null}. */
    public String topic() {
        return topic;
    }

    /** Returns the tag, or {@code null} if the message has none. */
    public String tags() {
        return tags;
    }

    /** Returns the keys in the order they were added: unmodifiable, never {@code null}. */
    public List<String> keys() {
        return keys;
    }

    /** Returns the user properties (no system ones): unmodifiable, in insertion order. */
    public Map<String, String> properties() {
        return properties;
    }

    /** Returns a new copy of the body; {@link #bodyBuffer()} reads it without copying. */
    public byte[] body() {
        return body.clone();
    }

    /**
     * Returns a read-only view of the body without copying it, for the encoder.
     *
     * @return a new buffer each call, positioned at 0 with {@link #bodyLength()} remaining
     */
    public ByteBuffer bodyBuffer() {
        return ByteBuffer.wrap(body).asReadOnlyBuffer();
    }

    /** Returns the body array itself, for the send path alone ({@link MessageBodies}). */
    private byte[] sharedBody() {
        return body;
    }

    /** Returns the number of body bytes, at least 1. */
    public int bodyLength() {
        return body.length;
    }

    /** Returns the user flag, which the broker stores and hands on untouched; 0 by default. */
    public int flag() {
        return flag;
    }

    /** Returns whether the broker waits for the store before it answers; true by default. */
    public boolean waitStoreMessageOk() {
        return waitStoreMessageOk;
    }

    /**
     * Returns the key that orderly sends use to choose a queue, or {@code null} if none. It travels
     * as property {@code __SHARDINGKEY}, which the broker only stores.
     */
    public String shardingKey() {
        return shardingKey;
    }

    /** Returns the delay level, 1..{@value DelayLevels#MAX_LEVEL}, or 0 for none (the default). */
    public int delayLevel() {
        return delayLevel;
    }

    /** Returns when a 5.x broker should deliver the message, or {@code null} for at once. */
    public DeliveryTime deliveryTime() {
        return deliveryTime;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Message)) {
            return false;
        }
        Message that = (Message) other;
        return flag == that.flag
                && waitStoreMessageOk == that.waitStoreMessageOk
                && delayLevel == that.delayLevel
                && topic.equals(that.topic)
                && Objects.equals(tags, that.tags)
                && keys.equals(that.keys)
                && properties.equals(that.properties)
                && Arrays.equals(body, that.body)
                && Objects.equals(shardingKey, that.shardingKey)
                && Objects.equals(deliveryTime, that.deliveryTime);
    }

    @Override
    public int hashCode() {
        int result =
                Objects.hash(
                        topic,
                        tags,
                        keys,
                        properties,
                        flag,
                        waitStoreMessageOk,
                        shardingKey,
                        delayLevel,
                        deliveryTime);
        return 31 * result + Arrays.hashCode(body);
    }

    /** Shows the shape of the message but neither the body nor property values. */
    @Override
    public String toString() {
        return String.format(
                "Message{topic=%s, tags=%s, keys=%s, properties=%s, bodyLength=%d, flag=%d,"
                        + " waitStoreMessageOk=%s, shardingKey=%s, delayLevel=%d,"
                        + " deliveryTime=%s}",
                topic,
                tags,
                keys,
                properties.keySet(),
                body.length,
                flag,
                waitStoreMessageOk,
                shardingKey,
                delayLevel,
                deliveryTime);
    }

    /**
     * Collects the values of a {@link Message}. Setters reject {@code null} at once; {@link
     * #build()} checks the remaining rules. Not thread-safe; a builder can build several messages.
     */
    public static final class Builder {

        private String topic;
        private String tags;
        private final BuilderKeys keys = new BuilderKeys();
        private final BuilderProperties properties = new BuilderProperties();
        private byte[] body;
        private int flag;
        private boolean waitStoreMessageOk = true;
        private String shardingKey;
        private int delayLevel;
        private DeliveryTime deliveryTime;

        private Builder() {}

        /**
         * Sets the topic, e.g. to send a copy elsewhere.
         *
         * @param topic the topic; must not be {@code null}
         * @return this builder
         * @throws InvalidMessageException if {@code topic} is {@code null}
         */
        public Builder topic(String topic) {
            this.topic = requireArgument(topic, "topic", "pass the name of the topic to send to");
            return this;
        }

        /** Sets the single tag that consumers filter on, or {@code null} for none. */
        public Builder tags(String tags) {
            this.tags = tags;
            return this;
        }

        /**
         * Replaces the keys, which index the message for look-up.
         *
         * @param keys the keys; the array and its elements must not be {@code null}
         * @return this builder
         * @throws InvalidMessageException if the array or an element is {@code null}
         */
        public Builder keys(String... keys) {
            requireArgument(keys, "keys", "pass no arguments for no keys");
            return keys(Arrays.asList(keys));
        }

        /**
         * Replaces the keys, which index the message for look-up.
         *
         * @param keys the keys; the collection and its elements must not be {@code null}
         * @return this builder
         * @throws InvalidMessageException if the collection or an element is {@code null}
         */
        public Builder keys(Collection<String> keys) {
            this.keys.replaceAll(keys);
            return this;
        }

        /**
         * Adds one key after those already set.
         *
         * @param key the key; must not be {@code null}
         * @return this builder
         * @throws InvalidMessageException if {@code key} is {@code null}
         */
        public Builder key(String key) {
            keys.add(key);
            return this;
        }

        /**
         * Sets one user property, replacing the value of a property of the same name.
         *
         * @param name the name; must not be {@code null} and must not be reserved
         * @param value the value; must not be {@code null}
         * @return this builder
         * @throws InvalidMessageException if {@code name} or {@code value} is {@code null}
         */
        public Builder property(String name, String value) {
            this.properties.put(name, value);
            return this;
        }

        /**
         * Replaces all user properties, keeping the map's iteration order.
         *
         * @param properties the properties; the map, its names and values must not be {@code null}
         * @return this builder
         * @throws InvalidMessageException if the map, a name or a value is {@code null}
         */
        public Builder properties(Map<String, String> properties) {
            this.properties.replaceAll(properties);
            return this;
        }

        /** Removes the user property of that name, if present. */
        public Builder removeProperty(String name) {
            properties.remove(name);
            return this;
        }

        /**
         * Sets the body to a copy of the given bytes.
         *
         * @param body the body; must not be {@code null}
         * @return this builder
         * @throws InvalidMessageException if {@code body} is {@code null}
         * @see #bodyWithoutCopy(byte[])
         */
        public Builder body(byte[] body) {
            this.body = requireArgument(body, "body", "pass at least one byte").clone();
            return this;
        }

        /**
         * Sets the body to the given array itself, without copying it: the caller hands the array
         * over. The built messages keep a reference to it, so the caller must not change the array
         * afterwards, or sends, retries and {@link Message#equals} see the changed bytes. Use it
         * for an array made for this message alone, e.g. just serialized; use {@link #body(byte[])}
         * for an array the caller goes on using.
         *
         * @param body the body, no longer to be changed by the caller; must not be {@code null}
         * @return this builder
         * @throws InvalidMessageException if {@code body} is {@code null}
         */
        public Builder bodyWithoutCopy(byte[] body) {
            this.body = requireArgument(body, "body", "pass at least one byte");
            return this;
        }

        /**
         * Sets the body to the UTF-8 encoding of a text.
         *
         * @param utf8Text the text; must not be {@code null}
         * @return this builder
         * @throws InvalidMessageException if {@code utf8Text} is {@code null}
         */
        public Builder body(String utf8Text) {
            requireArgument(utf8Text, "body", "pass a non-empty text");
            this.body = utf8Text.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /** Sets the user flag, any int; the broker stores it and hands it on untouched. */
        public Builder flag(int flag) {
            this.flag = flag;
            return this;
        }

        /**
         * Sets whether the broker waits for the store before it answers; {@code true} by default.
         *
         * @param wait {@code false} to let the broker answer before the message is stored
         * @return this builder
         */
        public Builder waitStoreMessageOk(boolean wait) {
            this.waitStoreMessageOk = wait;
            return this;
        }

        /**
         * Sets the key that orderly sends use to choose a queue, so that messages with one key stay
         * in order. Checked by {@link #build()}: non-blank, not also set as user property {@code
         * __SHARDINGKEY}, and free of {@code \u0001}/{@code \u0002}.
         *
         * <p>{@code null} is refused rather than taken as "no key": a caller who asks for order but
         * has no key would otherwise send unordered without noticing. For an unordered send leave
         * the key unset, or remove a copied one with {@link #removeShardingKey()}.
         *
         * @param shardingKey the key, e.g. an order id; must not be {@code null}
         * @return this builder
         * @throws InvalidMessageException if {@code shardingKey} is {@code null}
         */
        public Builder shardingKey(String shardingKey) {
            this.shardingKey =
                    requireArgument(
                            shardingKey,
                            "shardingKey",
                            "leave it unset (or call removeShardingKey()) for an unordered send");
            return this;
        }

        /**
         * Removes the sharding key, e.g. from a copy made with {@link Message#toBuilder()}, so that
         * the message is sent unordered.
         *
         * @return this builder
         */
        public Builder removeShardingKey() {
            this.shardingKey = null;
            return this;
        }

        /**
         * Sets the delay level: 0 for none, or 1..{@value DelayLevels#MAX_LEVEL} for the durations
         * of {@link DelayLevels#DEFAULT_LEVELS}. Checked by {@link #build()}, which also refuses a
         * level together with a delivery time.
         */
        public Builder delayLevel(int delayLevel) {
            this.delayLevel = delayLevel;
            return this;
        }

        /**
         * Asks a 5.x broker to deliver the message at an instant; replaces an earlier delivery
         * time. Brokers before 5.0 deliver at once.
         *
         * @param instant when to deliver; an instant in the past means at once
         * @return this builder
         * @throws InvalidMessageException if {@code instant} is {@code null}, see {@link
         *     DeliveryTime#at}
         */
        public Builder deliverAt(Instant instant) {
            this.deliveryTime = DeliveryTime.at(instant);
            return this;
        }

        /**
         * Asks a 5.x broker to deliver the message after a delay; replaces an earlier delivery
         * time. Brokers before 5.0 deliver at once.
         *
         * @param delay how long the broker holds the message, 0 to {@link DeliveryTime#MAX_DELAY}
         * @return this builder
         * @throws InvalidMessageException if {@code delay} is {@code null}, negative or longer than
         *     3 days, see {@link DeliveryTime#after}
         */
        public Builder deliverAfter(Duration delay) {
            this.deliveryTime = DeliveryTime.after(delay);
            return this;
        }

        /** Sets the delivery time, or removes it with {@code null}. */
        public Builder deliveryTime(DeliveryTime deliveryTime) {
            this.deliveryTime = deliveryTime;
            return this;
        }

        /**
         * Validates the values and builds the message.
         *
         * @return a new immutable message
         * @throws InvalidMessageException if the message could never be sent: see {@link
         *     MessageValidator} for the topic, body, tag, key, property and sharding key rules and
         *     {@link DelayLevels} for the delay rules
         */
        public Message build() {
            MessageValidator.validateTopic(topic);
            MessageValidator.validateBody(body);
            MessageValidator.validateTags(tags);
            MessageValidator.validateKeys(keys.current());
            properties.current().forEach(MessageValidator::validateProperty);
            MessageValidator.validateShardingKey(shardingKey, properties.current());
            DelayLevels.validate(delayLevel, deliveryTime);
            return new Message(this);
        }
    }
}
