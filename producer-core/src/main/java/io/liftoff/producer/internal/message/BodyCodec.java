package io.liftoff.producer.internal.message;

/** Compresses one body with one compression type at one level. Thread-safe. */
interface BodyCodec {

    /** Returns the type bits ({@link MessageSysFlag#COMPRESSION_TYPE_MASK}) of this codec. */
    int typeFlag();

    /**
     * Compresses a whole body into one stream of this codec's format.
     *
     * @param body the body, at least one byte; not changed
     * @return the compressed bytes, or {@code null} when they would not be smaller than the body
     */
    byte[] compress(byte[] body);
}
