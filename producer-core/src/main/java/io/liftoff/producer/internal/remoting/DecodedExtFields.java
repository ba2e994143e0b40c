package io.liftoff.producer.internal.remoting;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Collects the extFields of a decoded header, for both header codecs: a few fields in one array
 * ({@link HeaderFields}), a map only for many (a linear scan per field would be quadratic) or for a
 * repeated name, of which the last one wins, as in the official decoders. Not thread-safe.
 */
final class DecodedExtFields extends HeaderFields.Builder {

    /** Most fields decoded into {@link HeaderFields}; more go into a hash map. */
    private static final int FEW_FIELDS = 16;

    private Map<String, String> many;

    /**
     * @param expectedFields how many fields will likely come; sizes the array
     */
    DecodedExtFields(int expectedFields) {
        super(Math.min(expectedFields, FEW_FIELDS));
    }

    /** Adds a field, or replaces the value of one added before. */
    void put(String name, String value) {
        if (many == null) {
            if (size() < FEW_FIELDS && addIfAbsent(name, value)) {
                return;
            }
            many = new LinkedHashMap<>(super.build());
        }
        many.put(name, value);
    }

    /** Removes a field added before, if any. */
    void remove(String name) {
        if (many == null) {
            many = new LinkedHashMap<>(super.build());
        }
        many.remove(name);
    }

    /** The fields collected, in the order they first came. */
    Map<String, String> fields() {
        return many != null ? many : super.build();
    }

    /** Not for decoded fields, which {@link #put} collects and {@link #fields} returns. */
    @Override
    public HeaderFields.Builder add(String name, String value) {
        throw new UnsupportedOperationException("decoded fields are put, not added");
    }

    /** Not for decoded fields, which {@link #fields} returns, beyond the array included. */
    @Override
    public HeaderFields build() {
        throw new UnsupportedOperationException("decoded fields are returned by fields()");
    }
}
