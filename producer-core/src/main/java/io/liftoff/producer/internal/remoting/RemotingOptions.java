package io.liftoff.producer.internal.remoting;

import io.liftoff.producer.Credentials;
import io.liftoff.producer.HeaderSerialization;
import io.liftoff.producer.TlsOptions;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Immutable settings of a {@link RemotingClient}. Build with {@link #builder()}, start from {@link
 * #defaults()}, or change a copy with {@link #toBuilder()}; instances are thread-safe.
 */
public final class RemotingOptions {

    /** How long a TCP connect may take: 3 seconds. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);

    /** The largest frame, length prefix included, in either direction: 16 MiB, as the broker. */
    public static final int DEFAULT_MAX_FRAME_LENGTH = 16 * 1024 * 1024;

    /** The header serialization of outgoing commands: the compact binary one. */
    public static final HeaderSerialization DEFAULT_HEADER_SERIALIZATION =
            HeaderSerialization.ROCKETMQ;

    /** The protocol version stamped on outgoing commands: 479, as the RocketMQ 5.3.3 client. */
    public static final int DEFAULT_PROTOCOL_VERSION = 479;

    /** The number of Netty event-loop threads: 1. */
    public static final int DEFAULT_IO_THREADS = 1;

    /** The prefix of the names of the threads a client starts. */
    public static final String DEFAULT_THREAD_NAME_PREFIX = "liftoff-remoting";

    /**
     * The wait before reconnecting to an address whose connect failed: 100 ms, doubling with each
     * further failure up to 2 s. Short enough that a restarted broker is back within seconds, long
     * enough that a dead one is not dialled on every send.
     */
    public static final Backoff DEFAULT_RECONNECT_BACKOFF =
            Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(2));

    /** Whether connections use TLS: no, plain TCP. */
    public static final TlsOptions DEFAULT_TLS = TlsOptions.disabled();

    // A frame must at least hold its length prefix and its header-info word.
    private static final int MIN_FRAME_LENGTH = 8;

    private static final RemotingOptions DEFAULTS = builder().build();

    private final Duration connectTimeout;
    private final int maxFrameLength;
    private final HeaderSerialization headerSerialization;
    private final int protocolVersion;
    private final int ioThreads;
    private final String threadNamePrefix;
    private final Backoff reconnectBackoff;
    private final TlsOptions tls;
    private final Credentials credentials;

    private RemotingOptions(Builder builder) {
        this.connectTimeout = builder.connectTimeout;
        this.maxFrameLength = builder.maxFrameLength;
        this.headerSerialization = builder.headerSerialization;
        this.protocolVersion = builder.protocolVersion;
        this.ioThreads = builder.ioThreads;
        this.threadNamePrefix = builder.threadNamePrefix;
        this.reconnectBackoff = builder.reconnectBackoff;
        this.tls = builder.tls;
        this.credentials = builder.credentials;
    }

    /** Returns a builder preset with the {@code DEFAULT_*} values. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the options with every {@code DEFAULT_*} value. */
    public static RemotingOptions defaults() {
        return DEFAULTS;
    }

    /** Returns a builder preset with this instance's values. */
    public Builder toBuilder() {
        return new Builder()
                .connectTimeout(connectTimeout)
                .maxFrameLength(maxFrameLength)
                .headerSerialization(headerSerialization)
                .protocolVersion(protocolVersion)
                .ioThreads(ioThreads)
                .threadNamePrefix(threadNamePrefix)
                .reconnectBackoff(reconnectBackoff)
                .tls(tls)
                .credentials(credentials);
    }

    /** Returns how long a TCP connect may take before it fails. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Returns the largest frame in bytes, length prefix included, accepted or sent. */
    public int maxFrameLength() {
        return maxFrameLength;
    }

    /** Returns the header serialization of outgoing commands. */
    public HeaderSerialization headerSerialization() {
        return headerSerialization;
    }

    /** Returns the protocol version stamped on every outgoing command. */
    public int protocolVersion() {
        return protocolVersion;
    }

    /** Returns the number of Netty event-loop threads. */
    public int ioThreads() {
        return ioThreads;
    }

    /** Returns the prefix of the names of the threads a client starts. */
    public String threadNamePrefix() {
        return threadNamePrefix;
    }

    /**
     * Returns the wait before reconnecting to an address whose connect failed; requests to it fail
     * at once with {@link RemotingConnectException} meanwhile.
     */
    public Backoff reconnectBackoff() {
        return reconnectBackoff;
    }

    /**
     * Returns whether and how connections use TLS. With TLS on, the handshake must finish within
     * {@link #connectTimeout()} after the TCP connect.
     */
    public TlsOptions tls() {
        return tls;
    }

    /** Returns the credentials every request is signed with, or empty if requests are unsigned. */
    public Optional<Credentials> credentials() {
        return Optional.ofNullable(credentials);
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof RemotingOptions that)) {
            return false;
        }
        return connectTimeout.equals(that.connectTimeout)
                && maxFrameLength == that.maxFrameLength
                && headerSerialization == that.headerSerialization
                && protocolVersion == that.protocolVersion
                && ioThreads == that.ioThreads
                && threadNamePrefix.equals(that.threadNamePrefix)
                && reconnectBackoff.equals(that.reconnectBackoff)
                && tls.equals(that.tls)
                && Objects.equals(credentials, that.credentials);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                connectTimeout,
                maxFrameLength,
                headerSerialization,
                protocolVersion,
                ioThreads,
                threadNamePrefix,
                reconnectBackoff,
                tls,
                credentials);
    }

    @Override
    public String toString() {
        return "RemotingOptions[connectTimeout="
                + connectTimeout
                + ", maxFrameLength="
                + maxFrameLength
                + ", headerSerialization="
                + headerSerialization
                + ", protocolVersion="
                + protocolVersion
                + ", ioThreads="
                + ioThreads
                + ", threadNamePrefix="
                + threadNamePrefix
                + ", reconnectBackoff="
                + reconnectBackoff
                + ", tls="
                + tls
                + ", credentials="
                + credentials
                + "]";
    }

    /** Builds {@link RemotingOptions}; each setter checks its argument at once. Not thread-safe. */
    public static final class Builder {
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private int maxFrameLength = DEFAULT_MAX_FRAME_LENGTH;
        private HeaderSerialization headerSerialization = DEFAULT_HEADER_SERIALIZATION;
        private int protocolVersion = DEFAULT_PROTOCOL_VERSION;
        private int ioThreads = DEFAULT_IO_THREADS;
        private String threadNamePrefix = DEFAULT_THREAD_NAME_PREFIX;
        private Backoff reconnectBackoff = DEFAULT_RECONNECT_BACKOFF;
        private TlsOptions tls = DEFAULT_TLS;
        private Credentials credentials;

        private Builder() {}

        /**
         * Sets how long a TCP connect may take.
         *
         * @param connectTimeout a positive duration of at most {@link Integer#MAX_VALUE} ms
         * @return this builder
         * @throws IllegalArgumentException if the value is {@code null}, not positive or too long
         */
        public Builder connectTimeout(Duration connectTimeout) {
            Require.positive(connectTimeout, "connectTimeout");
            Require.that(
                    connectTimeout.toMillis() <= Integer.MAX_VALUE,
                    "connectTimeout must be at most " + Integer.MAX_VALUE + " ms",
                    connectTimeout);
            this.connectTimeout = connectTimeout;
            return this;
        }

        /**
         * Sets the largest frame, in bytes and length prefix included, in either direction.
         *
         * @param maxFrameLength at least 8 bytes
         * @return this builder
         * @throws IllegalArgumentException if the value is below 8
         */
        public Builder maxFrameLength(int maxFrameLength) {
            Require.that(
                    maxFrameLength >= MIN_FRAME_LENGTH,
                    "maxFrameLength must be at least " + MIN_FRAME_LENGTH + " bytes",
                    maxFrameLength);
            this.maxFrameLength = maxFrameLength;
            return this;
        }

        /**
         * Sets the header serialization of outgoing commands; incoming ones are read in either.
         *
         * @param headerSerialization must not be {@code null}
         * @return this builder
         * @throws IllegalArgumentException if the value is {@code null}
         */
        public Builder headerSerialization(HeaderSerialization headerSerialization) {
            Require.notNull(headerSerialization, "headerSerialization");
            this.headerSerialization = headerSerialization;
            return this;
        }

        /**
         * Sets the protocol version ({@code MQVersion} ordinal) stamped on outgoing commands.
         *
         * @param protocolVersion between 0 and 32767, since the binary header holds an int16
         * @return this builder
         * @throws IllegalArgumentException if the value is out of range
         */
        public Builder protocolVersion(int protocolVersion) {
            Require.that(
                    protocolVersion >= 0 && protocolVersion <= Short.MAX_VALUE,
                    "protocolVersion must be between 0 and " + Short.MAX_VALUE,
                    protocolVersion);
            this.protocolVersion = protocolVersion;
            return this;
        }

        /**
         * Sets the number of Netty event-loop threads.
         *
         * @param ioThreads at least 1
         * @return this builder
         * @throws IllegalArgumentException if the value is below 1
         */
        public Builder ioThreads(int ioThreads) {
            Require.that(ioThreads >= 1, "ioThreads must be at least 1", ioThreads);
            this.ioThreads = ioThreads;
            return this;
        }

        /**
         * Sets the prefix of the names of the threads a client starts.
         *
         * @param threadNamePrefix must not be {@code null} or blank
         * @return this builder
         * @throws IllegalArgumentException if the value is {@code null} or blank
         */
        public Builder threadNamePrefix(String threadNamePrefix) {
            Require.notNull(threadNamePrefix, "threadNamePrefix");
            Require.that(
                    !threadNamePrefix.isBlank(),
                    "threadNamePrefix must not be blank",
                    "'" + threadNamePrefix + "'");
            this.threadNamePrefix = threadNamePrefix;
            return this;
        }

        /**
         * Sets the wait before reconnecting to an address whose connect failed.
         *
         * @param reconnectBackoff must not be {@code null}
         * @return this builder
         * @throws IllegalArgumentException if the value is {@code null}
         */
        public Builder reconnectBackoff(Backoff reconnectBackoff) {
            this.reconnectBackoff = Require.notNull(reconnectBackoff, "reconnectBackoff");
            return this;
        }

        /**
         * Sets whether and how connections use TLS.
         *
         * @param tls {@link TlsOptions#disabled()} or options from {@link TlsOptions#builder()};
         *     must not be {@code null}
         * @return this builder
         * @throws IllegalArgumentException if the value is {@code null}
         */
        public Builder tls(TlsOptions tls) {
            this.tls = Require.notNull(tls, "tls");
            return this;
        }

        /**
         * Sets the credentials every request is signed with (ACL); requests are unsigned without.
         *
         * @param credentials the credentials, or {@code null} for unsigned requests (the default)
         * @return this builder
         */
        public Builder credentials(Credentials credentials) {
            this.credentials = credentials;
            return this;
        }

        /** Returns the options; the builder can be reused afterwards. */
        public RemotingOptions build() {
            return new RemotingOptions(this);
        }
    }
}
