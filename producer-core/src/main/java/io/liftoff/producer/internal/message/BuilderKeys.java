package io.liftoff.producer.internal.message;

import io.liftoff.producer.message.Message;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The keys a {@link Message.Builder} collects. Each is checked for {@code null} as it comes in,
 * where the caller sees which call was wrong; {@link MessageValidator#validateKeys} checks the rest
 * at build time. Not thread-safe, like the builder.
 */
public final class BuilderKeys {

    /** {@code null} until a key is added, so that a message without keys allocates no list. */
    private List<String> keys;

    /** Replaces the keys by those of {@code replacement}, in its order. */
    public void replaceAll(Collection<String> replacement) {
        MessageValidator.requireArgument(
                replacement, "keys", "pass an empty collection for no keys");
        List<String> copy = new ArrayList<>(replacement.size());
        for (String key : replacement) {
            copy.add(
                    MessageValidator.requireArgument(
                            key, "keys[" + copy.size() + "]", "remove it"));
        }
        this.keys = copy;
    }

    /** Adds one key after those already set. */
    public void add(String key) {
        MessageValidator.requireArgument(key, "key", "pass a non-blank key");
        if (keys == null) {
            keys = new ArrayList<>();
        }
        keys.add(key);
    }

    /** The keys as they are now, or {@code null} for none, for validation. */
    public List<String> current() {
        return keys;
    }

    /** An unmodifiable copy for a new message, which later changes of the builder leave alone. */
    public List<String> toList() {
        return keys == null ? List.of() : List.copyOf(keys);
    }
}
