package io.liftoff.producer.internal.message;

import io.liftoff.producer.message.InvalidMessageException;
import io.liftoff.producer.message.Message;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The user properties a {@link Message.Builder} collects. Copy-on-write, so that building a message
 * costs no copy of the map: a built message takes the builder's map as it is, and the builder
 * copies it before its next change. Names and values are checked for {@code null} as they come in,
 * where the caller sees which call was wrong; {@link MessageValidator} checks the rest at build
 * time. Not thread-safe, like the builder.
 */
public final class BuilderProperties {

    /** {@code null} until a property is set, so that a message without properties needs no map. */
    private Map<String, String> properties;

    /** Whether a built message holds {@link #properties}, which must then be copied to change. */
    private boolean shared;

    /** Sets one property, replacing the value of a property of the same name. */
    public void put(String name, String value) {
        requireValue(requireName(name), value);
        writable().put(name, value);
    }

    /** Replaces all properties by those of {@code replacement}, keeping its iteration order. */
    public void replaceAll(Map<String, String> replacement) {
        MessageValidator.requireArgument(
                replacement, "properties", "pass an empty map for no properties");
        Map<String, String> copy = new LinkedHashMap<>();
        replacement.forEach(
                (name, value) -> copy.put(requireName(name), requireValue(name, value)));
        this.properties = copy;
        this.shared = false;
    }

    /** Removes the property of that name, if present. */
    public void remove(String name) {
        if (properties != null && properties.containsKey(name)) {
            writable().remove(name);
        }
    }

    /** The properties as they are now, for validation; the caller must not keep the map. */
    public Map<String, String> current() {
        return properties == null ? Collections.emptyMap() : properties;
    }

    /**
     * The properties for a new message, without a copy: marks the map shared, so that it is copied
     * before any later change. A LinkedHashMap keeps the insertion order, which users see in
     * toString and on the wire.
     */
    public Map<String, String> handOver() {
        if (properties == null || properties.isEmpty()) {
            // Unlike Map.of(), answers containsKey(null) with false, as the copy used to.
            return Collections.emptyMap();
        }
        shared = true;
        return Collections.unmodifiableMap(properties);
    }

    /** The map to change: this builder's own, copied first if a message already holds it. */
    private Map<String, String> writable() {
        if (properties == null) {
            properties = new LinkedHashMap<>();
        } else if (shared) {
            properties = new LinkedHashMap<>(properties);
        }
        shared = false;
        return properties;
    }

    private static String requireName(String name) {
        return MessageValidator.requireArgument(name, "property name", "pass a non-blank name");
    }

    private static String requireValue(String name, String value) {
        if (value == null) {
            throw new InvalidMessageException(
                    "value of property "
                            + ErrorText.quote(name)
                            + " must not be null; omit the property or give it a value");
        }
        return value;
    }
}
