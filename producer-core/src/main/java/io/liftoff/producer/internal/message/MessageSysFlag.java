package io.liftoff.producer.internal.message;

/**
 * Bits of a message's {@code sysFlag} (PROTOCOL.md §7), the int that travels in the send header
 * ({@code e} in V2) and in every commit-log record.
 *
 * <p>The client sets only {@link #COMPRESSED} with a compression type, and a transaction type; the
 * broker sets the others. Values equal the official client's {@code MessageSysFlag}. Thread-safe:
 * constants only.
 */
public final class MessageSysFlag {

    /** The body is compressed; the type sits in {@link #COMPRESSION_TYPE_MASK}. */
    public static final int COMPRESSED = 0x1;

    /** Broker-set on MULTI_TAG topics. */
    public static final int MULTI_TAGS = 0x2;

    /** Not a transactional message: the value of the {@link #TRANSACTION_TYPE_MASK} bits. */
    public static final int TRANSACTION_NOT_TYPE = 0;

    /** A half message of a transaction; the client sets it on the send. */
    public static final int TRANSACTION_PREPARED = 0x4;

    /** A committed transactional message. */
    public static final int TRANSACTION_COMMIT = 0x8;

    /** A rolled-back transactional message. */
    public static final int TRANSACTION_ROLLBACK = 0xC;

    /** The two bits that hold the transaction type. */
    public static final int TRANSACTION_TYPE_MASK = 0xC;

    /** The born host is IPv6 (16 address bytes in a commit-log record instead of 4). */
    public static final int BORN_HOST_V6 = 0x10;

    /** The store host is IPv6 (16 address bytes in a commit-log record instead of 4). */
    public static final int STORE_HOST_V6 = 0x20;

    /** Broker-set on batch consume queue topics. */
    public static final int NEED_UNWRAP = 0x40;

    /** Broker-set on batch consume queue topics. */
    public static final int INNER_BATCH = 0x80;

    /** LZ4 frame format; only consumers from 4.9.4 on know it. */
    public static final int LZ4_TYPE = 0x100;

    /** Zstandard frame format; only consumers from 4.9.4 on know it. */
    public static final int ZSTD_TYPE = 0x200;

    /**
     * zlib-wrapped deflate. A type of 0 also means zlib, because consumers before 4.9.4 set no type
     * bits and always inflate.
     */
    public static final int ZLIB_TYPE = 0x300;

    /** The three bits that hold the compression type. */
    public static final int COMPRESSION_TYPE_MASK = 0x700;

    private MessageSysFlag() {}
}
