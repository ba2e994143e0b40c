package io.liftoff.producer.internal.message;

import io.liftoff.producer.CompressionType;

/**
 * Each compression type's levels, default level and library. LZ4 and ZSTD link optional libraries:
 * their codecs are loaded only once {@link #requireLibrary} found the library, so that a producer
 * that never chooses them never needs it, and one that does fails at start with the coordinates to
 * add rather than at its first large send. Thread-safe: stateless.
 */
public final class BodyCodecs {

    private BodyCodecs() {}

    /** Returns the level a type gets when none is set, as the official client compresses. */
    public static int defaultLevel(CompressionType type) {
        return type == CompressionType.LZ4 ? 0 : BodyCompression.DEFAULT_LEVEL;
    }

    /**
     * Checks a level against the type's range.
     *
     * @return the level
     * @throws IllegalArgumentException naming the setting and the type's range
     */
    public static int checkLevel(CompressionType type, int level) {
        int min = type == CompressionType.ZSTD ? 1 : 0;
        int max = type == CompressionType.ZLIB ? 9 : type == CompressionType.LZ4 ? 17 : 22;
        if (level < min || level > max) {
            throw new IllegalArgumentException(
                    "compressLevel "
                            + level
                            + " is out of range for "
                            + type
                            + ": set "
                            + min
                            + " to "
                            + max
                            + " ("
                            + rangeNote(type)
                            + "), or leave it unset for "
                            + defaultLevel(type));
        }
        return level;
    }

    /**
     * Checks that the type's library can be used from a class loader.
     *
     * @param loader where the codecs' classes are loaded from
     * @throws IllegalArgumentException naming the Maven coordinates to add, or why the library does
     *     not load
     */
    public static void requireLibrary(CompressionType type, ClassLoader loader) {
        switch (type) {
            case LZ4:
                // lz4-java falls back to pure Java where its native code does not load
                require(type, "net.jpountz.lz4.LZ4FrameOutputStream", false, loader);
                break;
            case ZSTD:
                // Zstd's initializer loads the native library, which fails on unsupported platforms
                require(type, "com.github.luben.zstd.Zstd", true, loader);
                break;
            default:
                break;
        }
    }

    /**
     * Returns the codec of a type and a checked level whose library {@link #requireLibrary} found.
     */
    static BodyCodec create(CompressionType type, int level) {
        switch (type) {
            case LZ4:
                return new Lz4Codec(level);
            case ZSTD:
                return new ZstdCodec(level);
            default:
                return new ZlibCodec(level);
        }
    }

    private static void require(
            CompressionType type, String className, boolean initialize, ClassLoader loader) {
        try {
            Class.forName(className, initialize, loader);
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            throw new IllegalArgumentException(
                    "compressType "
                            + type
                            + " needs "
                            + library(type)
                            + ", which is not on the class path: add the Maven dependency "
                            + coordinates(type)
                            + ", or choose compressType ZLIB, which needs none",
                    e);
        } catch (LinkageError e) {
            throw new IllegalArgumentException(
                    "compressType "
                            + type
                            + " needs "
                            + library(type)
                            + ", whose native library does not load on "
                            + System.getProperty("os.name")
                            + " "
                            + System.getProperty("os.arch")
                            + " ("
                            + e
                            + "); choose compressType LZ4 or ZLIB, which need no native code",
                    e);
        }
    }

    private static String library(CompressionType type) {
        return type == CompressionType.LZ4 ? "lz4-java" : "zstd-jni";
    }

    private static String coordinates(CompressionType type) {
        return type == CompressionType.LZ4
                ? "at.yawk.lz4:lz4-java (the maintained lz4-java; org.lz4:lz4-java, which the"
                        + " official client brings, works too)"
                : "com.github.luben:zstd-jni";
    }

    private static String rangeNote(CompressionType type) {
        switch (type) {
            case LZ4:
                return "0 is the fast compressor, 1 to 17 LZ4 HC";
            case ZSTD:
                return "higher is smaller and slower";
            default:
                return "0 stores only, 9 is smallest";
        }
    }
}
