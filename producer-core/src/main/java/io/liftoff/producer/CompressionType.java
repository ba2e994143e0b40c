package io.liftoff.producer;

/**
 * How bodies from the compression threshold on are compressed, as the official client's {@code
 * compressType}. The type travels in bits 8 to 10 of the message's sysFlag, so consumers know how
 * to restore the body.
 *
 * <p>Only {@link #ZLIB} is read by every consumer. {@link #LZ4} and {@link #ZSTD} are read by
 * official Java consumers from 4.9.4 on; consumers of 4.9.3 and older inflate every compressed body
 * with zlib and fail on them, and so do gRPC consumers reading through the Proxy, which restore
 * zlib only. Their libraries are optional dependencies: add the one of the type you choose.
 */
public enum CompressionType {

    /**
     * zlib-wrapped deflate (sysFlag {@code 0x301} when compressed), the default, built into the
     * JDK. Levels 0 (store only) to 9 (smallest); default 5, the official client's.
     */
    ZLIB,

    /**
     * The LZ4 frame format (sysFlag {@code 0x101}): the fastest, at a lower ratio. Needs {@code
     * at.yawk.lz4:lz4-java} (or {@code org.lz4:lz4-java}) on the class path. Level 0 (the default)
     * is LZ4's fast compressor, as the official client uses; 1 to 17 is LZ4 HC at that level,
     * slower for a better ratio.
     */
    LZ4,

    /**
     * The Zstandard frame format (sysFlag {@code 0x201}): a better ratio than zlib at a higher
     * speed. Needs {@code com.github.luben:zstd-jni} on the class path, whose native library must
     * load on this platform. Levels 1 to 22; default 5, as the official client passes its {@code
     * compressLevel}.
     */
    ZSTD
}
