package io.liftoff.producer.internal.remoting;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Immutable, ordered {@code extFields} held in one array of names and values, for the headers the
 * client builds on every send. A header has a dozen fields or so, for which a scan of the array
 * beats hashing, and which a {@link Command} can share without copying, since no name or value is
 * {@code null} and nothing can change them.
 *
 * <p>Thread-safe. Equal to any {@link Map} with the same entries, as the {@code Map} contract asks.
 */
public final class HeaderFields extends AbstractMap<String, String> {

    /** Names at even indexes, each followed by its value. */
    private final String[] namesAndValues;

    private final int size;

    private HeaderFields(String[] namesAndValues, int size) {
        this.namesAndValues = namesAndValues;
        this.size = size;
    }

    /**
     * Starts a set of fields.
     *
     * @param expectedFields how many fields will be added; a hint that saves regrowing
     * @return a builder; not thread-safe
     */
    public static Builder builder(int expectedFields) {
        return new Builder(expectedFields);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public String get(Object name) {
        int index = indexOf(name);
        return index < 0 ? null : namesAndValues[index + 1];
    }

    @Override
    public boolean containsKey(Object name) {
        return indexOf(name) >= 0;
    }

    /** Passes each field to {@code action} in insertion order, without an iterator. */
    @Override
    public void forEach(BiConsumer<? super String, ? super String> action) {
        for (int i = 0; i < size * 2; i += 2) {
            action.accept(namesAndValues[i], namesAndValues[i + 1]);
        }
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size * 2;
                    }

                    @Override
                    public Entry<String, String> next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        Entry<String, String> entry =
                                new SimpleImmutableEntry<>(
                                        namesAndValues[next], namesAndValues[next + 1]);
                        next += 2;
                        return entry;
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    private int indexOf(Object name) {
        for (int i = 0; i < size * 2; i += 2) {
            if (namesAndValues[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The error for a null field name or value, which a header cannot carry. */
    static IllegalArgumentException nullField(String name, String value) {
        return new IllegalArgumentException(
                "extFields must not hold null names or values, but has "
                        + name
                        + "="
                        + value
                        + "; leave the field out instead");
    }

    /**
     * Collects fields in order; fields built earlier do not see later additions. Extended only by
     * {@link DecodedExtFields}, so that a decoded header costs one collector, not two.
     */
    public static sealed class Builder permits DecodedExtFields {

        private String[] namesAndValues;
        private int size;

        Builder(int expectedFields) {
            this.namesAndValues = new String[Math.max(1, expectedFields) * 2];
        }

        /**
         * Adds a field after those added so far.
         *
         * @param name the field name; must not be {@code null} nor added before
         * @param value the value; must not be {@code null}
         * @return this builder
         * @throws IllegalArgumentException if the name or value is {@code null}, or the name was
         *     added before
         */
        public Builder add(String name, String value) {
            if (name == null || value == null) {
                throw nullField(name, value);
            }
            if (!addIfAbsent(name, value)) {
                throw new IllegalArgumentException(
                        "extFields field '" + name + "' is added twice; add each name once");
            }
            return this;
        }

        /**
         * Adds a field unless its name was added before; for decoders, which check for {@code null}
         * themselves.
         *
         * @return whether the field was added
         */
        boolean addIfAbsent(String name, String value) {
            for (int i = 0; i < size * 2; i += 2) {
                if (namesAndValues[i].equals(name)) {
                    return false;
                }
            }
            if (size * 2 == namesAndValues.length) {
                namesAndValues = Arrays.copyOf(namesAndValues, namesAndValues.length * 2);
            }
            namesAndValues[size * 2] = name;
            namesAndValues[size * 2 + 1] = value;
            size++;
            return true;
        }

        /** How many fields were added so far. */
        int size() {
            return size;
        }

        /** Returns the fields added so far. */
        public HeaderFields build() {
            return new HeaderFields(namesAndValues, size);
        }
    }
}
