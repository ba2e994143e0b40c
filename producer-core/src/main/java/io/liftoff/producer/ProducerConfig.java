package io.liftoff.producer;

import io.liftoff.producer.internal.message.BodyCodecs;
import io.liftoff.producer.internal.message.BodyCompression;
import io.liftoff.producer.internal.namespace.Namespace;
import io.liftoff.producer.internal.route.AddressServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Immutable producer settings. Build with {@link #builder()}; {@link Builder#build()} rejects
 * invalid values with a message that names the setting and says how to fix it.
 *
 * <pre>{@code
 * ProducerConfig config = ProducerConfig.builder()
 *         .nameServer("127.0.0.1:9876")
 *         .group("orders-producer")
 *         .sendTimeout(Duration.ofSeconds(3))
 *         .build();
 * }</pre>
 */
public final class ProducerConfig {

    /** Overall time budget of one send, retries included. */
    public static final Duration DEFAULT_SEND_TIMEOUT = Duration.ofSeconds(3);

    /** Extra attempts on another broker after a failed synchronous send. */
    public static final int DEFAULT_RETRY_TIMES_WHEN_SEND_FAILED = 2;

    /** Extra attempts on another broker after a failed asynchronous send. */
    public static final int DEFAULT_RETRY_TIMES_WHEN_SEND_ASYNC_FAILED = 2;

    /** Most messages in flight (sent, not yet answered) at once, as the official 5.x client. */
    public static final int DEFAULT_MAX_IN_FLIGHT_MESSAGES = 10_000;

    /** Most body bytes in flight at once, as the official 5.x client. */
    public static final long DEFAULT_MAX_IN_FLIGHT_BYTES = 100L * 1024 * 1024;

    /** How long a send waits for room under the in-flight bounds before it fails. */
    public static final Duration DEFAULT_BACK_PRESSURE_TIMEOUT = Duration.ofSeconds(3);

    /** How long {@code close()} waits for sends in flight before it fails them. */
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(3);

    /** Largest body the producer sends, as the broker's default {@code maxMessageSize}. */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 4 * 1024 * 1024;

    /** Timeout of route look-ups, heartbeats and unregistration. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(3);

    /** How often cached routes are looked up again. */
    public static final Duration DEFAULT_ROUTE_REFRESH_INTERVAL = Duration.ofSeconds(30);

    /** How often brokers in use get a heartbeat; brokers forget a producer after 120 s. */
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(30);

    /** How often the address server is asked for the name servers again, as the official client. */
    public static final Duration DEFAULT_NAME_SERVER_ADDRESS_REFRESH_INTERVAL =
            AddressServer.DEFAULT_REFRESH_INTERVAL;

    /** Queues per broker of a topic that a broker creates on the first send. */
    public static final int DEFAULT_TOPIC_QUEUE_NUMS = 4;

    /**
     * Whether slow or failing brokers sit out for a while: on, unlike the official client, since
     * without it every send keeps trying a dead or hung broker first.
     */
    public static final boolean DEFAULT_SEND_LATENCY_FAULT_ENABLE = true;

    private final String nameServer;
    private final List<String> nameServerAddresses;
    private final URI nameServerAddressUrl;
    private final Duration nameServerAddressRefreshInterval;
    private final String group;
    private final String instanceName;
    private final Duration sendTimeout;
    private final int retryTimesWhenSendFailed;
    private final int retryTimesWhenSendAsyncFailed;
    private final int maxInFlightMessages;
    private final long maxInFlightBytes;
    private final Duration backPressureTimeout;
    private final Duration drainTimeout;
    private final Executor callbackExecutor;
    private final int maxMessageSize;
    private final BodyCompression compression;
    private final QueueSelector orderlyQueueSelector;
    private final boolean retryAnotherBrokerWhenNotStoreOk;
    private final List<SendInterceptor> interceptors;
    private final List<SendListener> listeners;
    private final TransactionChecker transactionChecker;
    private final Namespace namespace;
    private final HeaderSerialization headerSerialization;
    private final Duration requestTimeout;
    private final Duration routeRefreshInterval;
    private final Duration heartbeatInterval;
    private final int defaultTopicQueueNums;
    private final boolean sendLatencyFaultEnable;
    private final List<LatencyTier> latencyTiers;
    private final Duration attemptTimeout;
    private final TlsOptions tls;
    private final Credentials credentials;
    private final MessageTrace messageTrace;
    private final AutoBatch autoBatch;
    private final List<String> warmUpTopics;

    private ProducerConfig(Builder builder) {
        this.nameServer = builder.nameServer;
        this.nameServerAddressUrl =
                ConfigChecks.nameServerAddressUrl(builder.nameServer, builder.nameServerAddressUrl);
        this.nameServerAddresses =
                nameServerAddressUrl == null
                        ? ConfigChecks.nameServers(builder.nameServer)
                        : List.of();
        this.nameServerAddressRefreshInterval =
                ConfigChecks.positive(
                        "nameServerAddressRefreshInterval",
                        builder.nameServerAddressRefreshInterval);
        this.group = ConfigChecks.group(builder.group);
        this.instanceName = ConfigChecks.instanceName(builder.instanceName);
        this.sendTimeout = ConfigChecks.positive("sendTimeout", builder.sendTimeout);
        this.retryTimesWhenSendFailed =
                ConfigChecks.atLeast(
                        "retryTimesWhenSendFailed", builder.retryTimesWhenSendFailed, 0);
        this.retryTimesWhenSendAsyncFailed =
                ConfigChecks.atLeast(
                        "retryTimesWhenSendAsyncFailed", builder.retryTimesWhenSendAsyncFailed, 0);
        this.maxInFlightMessages =
                ConfigChecks.atLeast("maxInFlightMessages", builder.maxInFlightMessages, 1);
        this.maxInFlightBytes =
                ConfigChecks.atLeast("maxInFlightBytes", builder.maxInFlightBytes, 1);
        this.backPressureTimeout =
                ConfigChecks.notNegative("backPressureTimeout", builder.backPressureTimeout);
        this.drainTimeout = ConfigChecks.notNegative("drainTimeout", builder.drainTimeout);
        this.callbackExecutor = builder.callbackExecutor;
        this.maxMessageSize = ConfigChecks.atLeast("maxMessageSize", builder.maxMessageSize, 1);
        this.compression =
                ConfigChecks.compression(
                        builder.compressType,
                        builder.compressMessageBodyThreshold,
                        builder.compressLevel);
        this.orderlyQueueSelector =
                Objects.requireNonNull(
                        builder.orderlyQueueSelector, "orderlyQueueSelector must not be null");
        this.retryAnotherBrokerWhenNotStoreOk = builder.retryAnotherBrokerWhenNotStoreOk;
        this.interceptors = List.copyOf(builder.interceptors);
        this.listeners = List.copyOf(builder.listeners);
        this.transactionChecker = builder.transactionChecker;
        this.namespace = ConfigChecks.namespace(builder.namespace);
        this.headerSerialization =
                Objects.requireNonNull(
                        builder.headerSerialization, "headerSerialization must not be null");
        this.requestTimeout = ConfigChecks.positive("requestTimeout", builder.requestTimeout);
        this.routeRefreshInterval =
                ConfigChecks.positive("routeRefreshInterval", builder.routeRefreshInterval);
        this.heartbeatInterval =
                ConfigChecks.positive("heartbeatInterval", builder.heartbeatInterval);
        this.defaultTopicQueueNums =
                ConfigChecks.atLeast("defaultTopicQueueNums", builder.defaultTopicQueueNums, 1);
        this.sendLatencyFaultEnable = builder.sendLatencyFaultEnable;
        this.latencyTiers = LatencyTier.checkOrder(builder.latencyTiers);
        this.attemptTimeout = ConfigChecks.positiveOrNull("attemptTimeout", builder.attemptTimeout);
        this.tls = Objects.requireNonNull(builder.tls, "tls must not be null");
        this.credentials = builder.credentials;
        this.messageTrace =
                Objects.requireNonNull(builder.messageTrace, "messageTrace must not be null");
        this.autoBatch = ConfigChecks.autoBatch(builder.autoBatch, maxMessageSize);
        this.warmUpTopics = ConfigChecks.warmUpTopics(builder.warmUpTopics);
    }

    /**
     * A builder with every default set; the group and either the name servers or an address server
     * are required.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.nameServer = nameServer;
        builder.nameServerAddressUrl =
                nameServerAddressUrl == null ? null : nameServerAddressUrl.toString();
        builder.nameServerAddressRefreshInterval = nameServerAddressRefreshInterval;
        builder.group = group;
        builder.instanceName = instanceName;
        builder.sendTimeout = sendTimeout;
        builder.retryTimesWhenSendFailed = retryTimesWhenSendFailed;
        builder.retryTimesWhenSendAsyncFailed = retryTimesWhenSendAsyncFailed;
        builder.maxInFlightMessages = maxInFlightMessages;
        builder.maxInFlightBytes = maxInFlightBytes;
        builder.backPressureTimeout = backPressureTimeout;
        builder.drainTimeout = drainTimeout;
        builder.callbackExecutor = callbackExecutor;
        builder.maxMessageSize = maxMessageSize;
        builder.compressMessageBodyThreshold = compression.threshold();
        builder.compressType = compression.type();
        // a default level stays unset, so that choosing another type gives that type's default
        builder.compressLevel =
                compression.level() == BodyCodecs.defaultLevel(compression.type())
                        ? null
                        : compression.level();
        builder.orderlyQueueSelector = orderlyQueueSelector;
        builder.retryAnotherBrokerWhenNotStoreOk = retryAnotherBrokerWhenNotStoreOk;
        builder.interceptors.addAll(interceptors);
        builder.listeners.addAll(listeners);
        builder.transactionChecker = transactionChecker;
        builder.namespace = namespace().orElse(null);
        builder.headerSerialization = headerSerialization;
        builder.requestTimeout = requestTimeout;
        builder.routeRefreshInterval = routeRefreshInterval;
        builder.heartbeatInterval = heartbeatInterval;
        builder.defaultTopicQueueNums = defaultTopicQueueNums;
        builder.sendLatencyFaultEnable = sendLatencyFaultEnable;
        builder.latencyTiers = latencyTiers;
        builder.attemptTimeout = attemptTimeout;
        builder.tls = tls;
        builder.credentials = credentials;
        builder.messageTrace = messageTrace;
        builder.autoBatch = autoBatch;
        builder.warmUpTopics = warmUpTopics;
        return builder;
    }

    /**
     * The name servers as configured, {@code host:port} separated by {@code ;}; {@code null} when
     * an address server gives them.
     */
    public String nameServer() {
        return nameServer;
    }

    /**
     * The name-server addresses in fail-over order; empty when an address server gives them (see
     * {@link #nameServerAddressUrl()}).
     */
    public List<String> nameServerAddresses() {
        return nameServerAddresses;
    }

    /** The address server that gives the name servers, or empty when they are configured. */
    public Optional<URI> nameServerAddressUrl() {
        return Optional.ofNullable(nameServerAddressUrl);
    }

    /** How often the address server is asked for the name servers again; default 2 min. */
    public Duration nameServerAddressRefreshInterval() {
        return nameServerAddressRefreshInterval;
    }

    /** The producer group. */
    public String group() {
        return group;
    }

    /** The client instance name; {@code DEFAULT} derives a unique one per client instance. */
    public String instanceName() {
        return instanceName;
    }

    /** Overall time budget of one send, retries included. */
    public Duration sendTimeout() {
        return sendTimeout;
    }

    /** Extra attempts, each on another broker where possible, after a failed send. */
    public int retryTimesWhenSendFailed() {
        return retryTimesWhenSendFailed;
    }

    /** Extra attempts, each on another broker where possible, after a failed async send. */
    public int retryTimesWhenSendAsyncFailed() {
        return retryTimesWhenSendAsyncFailed;
    }

    /**
     * Most messages in flight at once; a send beyond it waits for {@link #backPressureTimeout()}.
     */
    public int maxInFlightMessages() {
        return maxInFlightMessages;
    }

    /**
     * Most body bytes in flight at once; a send beyond it waits for {@link #backPressureTimeout()}.
     */
    public long maxInFlightBytes() {
        return maxInFlightBytes;
    }

    /** How long a send waits for room under the in-flight bounds before it fails. */
    public Duration backPressureTimeout() {
        return backPressureTimeout;
    }

    /** How long {@code close()} waits for sends in flight before it fails them. */
    public Duration drainTimeout() {
        return drainTimeout;
    }

    /**
     * Where callbacks of {@link Producer#sendAsync} futures run, or {@code null} for the producer's
     * own callback threads. Never a Netty event loop.
     */
    public Executor callbackExecutor() {
        return callbackExecutor;
    }

    /** Largest body, in bytes, the producer accepts. */
    public int maxMessageSize() {
        return maxMessageSize;
    }

    /**
     * Bodies of this many bytes or more are compressed with {@link #compressType()}, as the
     * official client does; 4 KiB by default.
     */
    public int compressMessageBodyThreshold() {
        return compression.threshold();
    }

    /** How bodies are compressed; {@link CompressionType#ZLIB} by default. */
    public CompressionType compressType() {
        return compression.type();
    }

    /** The level compressed bodies get, in the range of {@link #compressType()}. */
    public int compressLevel() {
        return compression.level();
    }

    /** Chooses the queue of messages with a sharding key. */
    public QueueSelector orderlyQueueSelector() {
        return orderlyQueueSelector;
    }

    /**
     * Whether a message stored with a status other than SEND_OK (a flush or replication timeout) is
     * sent again to another broker, within the retries; when no attempt gives SEND_OK the last
     * result is returned. Off by default, as in the official client: a retry stores a duplicate.
     */
    public boolean retryAnotherBrokerWhenNotStoreOk() {
        return retryAnotherBrokerWhenNotStoreOk;
    }

    /** Interceptors every message passes through before it is sent, in order. */
    public List<SendInterceptor> interceptors() {
        return interceptors;
    }

    /** Listeners told the outcome of every send. */
    public List<SendListener> listeners() {
        return listeners;
    }

    /**
     * The namespace topics and the group are wrapped in on the wire ({@code ns%topic}), as
     * RocketMQ's namespace feature does; results show the plain names. Empty for none.
     */
    public Optional<String> namespace() {
        return namespace.name();
    }

    /** Answers the brokers' check-backs of open transactions, or {@code null} for none. */
    public TransactionChecker transactionChecker() {
        return transactionChecker;
    }

    /** Header format of outgoing requests. */
    public HeaderSerialization headerSerialization() {
        return headerSerialization;
    }

    /** Timeout of route look-ups, heartbeats and unregistration. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** How often cached routes are looked up again. */
    public Duration routeRefreshInterval() {
        return routeRefreshInterval;
    }

    /** How often brokers in use get a heartbeat. */
    public Duration heartbeatInterval() {
        return heartbeatInterval;
    }

    /** Queues per broker of a topic that a broker creates on the first send. */
    public int defaultTopicQueueNums() {
        return defaultTopicQueueNums;
    }

    /**
     * Whether the latency fault tolerance is on: every attempt's latency and outcome is recorded
     * per broker, and sends skip brokers that {@link #latencyTiers()} keep aside, falling back to
     * the least-bad broker when all are. Orderly sends always use their key's queue.
     */
    public boolean sendLatencyFaultEnable() {
        return sendLatencyFaultEnable;
    }

    /**
     * How long a broker sits out after an attempt of a given latency; a failed or timed-out attempt
     * counts as 10 s. In increasing order of latency.
     */
    public List<LatencyTier> latencyTiers() {
        return latencyTiers;
    }

    /**
     * The most one attempt of a send may take, or empty (the default) for a fair share of the
     * remaining {@link #sendTimeout()}: the remaining budget divided by the attempts still allowed,
     * so that a hung broker leaves time to retry elsewhere, or all of it when a retry could only go
     * back to the same broker (one broker in the route, or an orderly send). A timed-out attempt is
     * retried while budget remains; it may have been stored all the same, so a message can be
     * stored twice.
     */
    public Optional<Duration> attemptTimeout() {
        return Optional.ofNullable(attemptTimeout);
    }

    /**
     * Whether and how connections to name servers and brokers use TLS; {@link
     * TlsOptions#disabled()} by default.
     */
    public TlsOptions tls() {
        return tls;
    }

    /**
     * The ACL credentials every request is signed with (sends, heartbeats, route look-ups, ...), or
     * empty (the default) for unsigned requests, as brokers without ACL expect.
     */
    public Optional<Credentials> credentials() {
        return Optional.ofNullable(credentials);
    }

    /**
     * Whether and where the producer records a message trace; {@link MessageTrace#disabled()} by
     * default.
     */
    public MessageTrace messageTrace() {
        return messageTrace;
    }

    /**
     * Whether and within which bounds sends are batched; {@link AutoBatch#disabled()} by default.
     */
    public AutoBatch autoBatch() {
        return autoBatch;
    }

    /**
     * The topics {@link Producer#create} warms up, in order, without duplicates; empty by default,
     * when it learns the cluster's brokers instead. See {@link Builder#warmUpTopics}.
     */
    public List<String> warmUpTopics() {
        return warmUpTopics;
    }

    /** Names the main settings; credentials show their access key only, never the secret. */
    @Override
    public String toString() {
        return "ProducerConfig[nameServer="
                + (nameServerAddressUrl == null ? nameServer : nameServerAddressUrl)
                + ", group="
                + group
                + ", sendTimeout="
                + sendTimeout
                + ", retryTimesWhenSendFailed="
                + retryTimesWhenSendFailed
                + ", headerSerialization="
                + headerSerialization
                + ", tls="
                + tls
                + (credentials == null ? "" : ", credentials=" + credentials)
                + "]";
    }

    /** Collects settings for a {@link ProducerConfig}; not thread-safe. */
    public static final class Builder {

        private String nameServer;
        private String nameServerAddressUrl;
        private Duration nameServerAddressRefreshInterval =
                DEFAULT_NAME_SERVER_ADDRESS_REFRESH_INTERVAL;
        private String group;
        private String instanceName = "DEFAULT";
        private Duration sendTimeout = DEFAULT_SEND_TIMEOUT;
        private int retryTimesWhenSendFailed = DEFAULT_RETRY_TIMES_WHEN_SEND_FAILED;
        private int retryTimesWhenSendAsyncFailed = DEFAULT_RETRY_TIMES_WHEN_SEND_ASYNC_FAILED;
        private int maxInFlightMessages = DEFAULT_MAX_IN_FLIGHT_MESSAGES;
        private long maxInFlightBytes = DEFAULT_MAX_IN_FLIGHT_BYTES;
        private Duration backPressureTimeout = DEFAULT_BACK_PRESSURE_TIMEOUT;
        private Duration drainTimeout = DEFAULT_DRAIN_TIMEOUT;
        private Executor callbackExecutor;
        private int maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
        private int compressMessageBodyThreshold = BodyCompression.DEFAULT_THRESHOLD;
        private CompressionType compressType = CompressionType.ZLIB;
        private Integer compressLevel;
        private QueueSelector orderlyQueueSelector = new ShardingKeyQueueSelector();
        private boolean retryAnotherBrokerWhenNotStoreOk;
        private final List<SendInterceptor> interceptors = new ArrayList<>();
        private final List<SendListener> listeners = new ArrayList<>();
        private TransactionChecker transactionChecker;
        private String namespace;
        private HeaderSerialization headerSerialization = HeaderSerialization.ROCKETMQ;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private Duration routeRefreshInterval = DEFAULT_ROUTE_REFRESH_INTERVAL;
        private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
        private int defaultTopicQueueNums = DEFAULT_TOPIC_QUEUE_NUMS;
        private boolean sendLatencyFaultEnable = DEFAULT_SEND_LATENCY_FAULT_ENABLE;
        private List<LatencyTier> latencyTiers = LatencyTier.DEFAULTS;
        private Duration attemptTimeout;
        private TlsOptions tls = TlsOptions.disabled();
        private Credentials credentials;
        private MessageTrace messageTrace = MessageTrace.disabled();
        private AutoBatch autoBatch = AutoBatch.disabled();
        private List<String> warmUpTopics = List.of();

        private Builder() {}

        /**
         * Name servers, {@code host:port} or {@code host1:port;host2:port}; required unless {@link
         * #nameServerAddressUrl} is set, and not together with it.
         */
        public Builder nameServer(String nameServer) {
            this.nameServer = nameServer;
            return this;
        }

        /**
         * An HTTP address server that gives the name servers, instead of {@link #nameServer}: it
         * answers a {@code GET} with {@code host:port;host:port}. The list is fetched when the
         * producer starts (which fails if none comes) and again every {@link
         * #nameServerAddressRefreshInterval}; a changed list replaces the old one, a failed fetch
         * keeps it.
         *
         * @param url an {@code http://} or {@code https://} URL, e.g. {@code
         *     http://jmenv.tbsite.net:8080/rocketmq/nsaddr}
         */
        public Builder nameServerAddressUrl(String url) {
            this.nameServerAddressUrl = url;
            return this;
        }

        /**
         * The address server the official client derives from {@code rocketmq.namesrv.domain} and
         * {@code rocketmq.namesrv.domain.subgroup}: sets {@link #nameServerAddressUrl} to {@code
         * http://{domain}:8080/rocketmq/{subgroup}}, without {@code :8080} when the domain has a
         * port.
         *
         * @param domain the address server's host, or {@code host:port}
         * @param subgroup the list to ask for; the official client's default is {@code nsaddr}
         * @throws IllegalArgumentException when either is blank
         */
        public Builder nameServerDomain(String domain, String subgroup) {
            this.nameServerAddressUrl = AddressServer.urlOf(domain, subgroup).toString();
            return this;
        }

        /** How often the address server is asked again; default 2 min, as the official client. */
        public Builder nameServerAddressRefreshInterval(Duration interval) {
            this.nameServerAddressRefreshInterval = interval;
            return this;
        }

        /** The producer group; required. */
        public Builder group(String group) {
            this.group = group;
            return this;
        }

        /** The client instance name; default {@code DEFAULT}, which derives a unique one. */
        public Builder instanceName(String instanceName) {
            this.instanceName =
                    Objects.requireNonNull(instanceName, "instanceName must not be null");
            return this;
        }

        /** Overall time budget of one send, retries included; default 3 s. */
        public Builder sendTimeout(Duration sendTimeout) {
            this.sendTimeout = sendTimeout;
            return this;
        }

        /** Extra attempts after a failed send; default 2. */
        public Builder retryTimesWhenSendFailed(int retryTimesWhenSendFailed) {
            this.retryTimesWhenSendFailed = retryTimesWhenSendFailed;
            return this;
        }

        /** Extra attempts after a failed async send; default 2. */
        public Builder retryTimesWhenSendAsyncFailed(int retryTimesWhenSendAsyncFailed) {
            this.retryTimesWhenSendAsyncFailed = retryTimesWhenSendAsyncFailed;
            return this;
        }

        /** Most messages in flight at once; default 10,000. */
        public Builder maxInFlightMessages(int maxInFlightMessages) {
            this.maxInFlightMessages = maxInFlightMessages;
            return this;
        }

        /** Most body bytes in flight at once; default 100 MiB. */
        public Builder maxInFlightBytes(long maxInFlightBytes) {
            this.maxInFlightBytes = maxInFlightBytes;
            return this;
        }

        /** How long a send waits for room under the in-flight bounds; default 3 s. */
        public Builder backPressureTimeout(Duration backPressureTimeout) {
            this.backPressureTimeout = backPressureTimeout;
            return this;
        }

        /** How long {@code close()} waits for sends in flight; default 3 s. */
        public Builder drainTimeout(Duration drainTimeout) {
            this.drainTimeout = drainTimeout;
            return this;
        }

        /**
         * Where callbacks of async sends run; default: the producer's own daemon threads. Must not
         * be a Netty event loop, and must accept every task while the producer runs.
         */
        public Builder callbackExecutor(Executor callbackExecutor) {
            this.callbackExecutor = callbackExecutor;
            return this;
        }

        /** Largest body in bytes; default 4 MiB. */
        public Builder maxMessageSize(int maxMessageSize) {
            this.maxMessageSize = maxMessageSize;
            return this;
        }

        /** Bodies of at least this many bytes are compressed; default 4096. */
        public Builder compressMessageBodyThreshold(int compressMessageBodyThreshold) {
            this.compressMessageBodyThreshold = compressMessageBodyThreshold;
            return this;
        }

        /**
         * How bodies are compressed; default {@link CompressionType#ZLIB}, the one every consumer
         * reads. LZ4 and ZSTD need their library on the class path ({@link #build()} fails naming
         * it) and consumers of 4.9.4 or later.
         */
        public Builder compressType(CompressionType compressType) {
            this.compressType = compressType;
            return this;
        }

        /**
         * Level of compressed bodies: zlib 0 to 9, LZ4 0 (fast) to 17, ZSTD 1 to 22; unset, the
         * type's default (zlib and ZSTD 5, LZ4 0), as the official client compresses.
         */
        public Builder compressLevel(int compressLevel) {
            this.compressLevel = compressLevel;
            return this;
        }

        /**
         * Chooses the queue of messages with a sharding key; default: the key's hash. Must return
         * the same queue for the same key and queue list.
         */
        public Builder orderlyQueueSelector(QueueSelector orderlyQueueSelector) {
            this.orderlyQueueSelector = orderlyQueueSelector;
            return this;
        }

        /** Whether a non-SEND_OK stored result is retried on another broker; default false. */
        public Builder retryAnotherBrokerWhenNotStoreOk(boolean retry) {
            this.retryAnotherBrokerWhenNotStoreOk = retry;
            return this;
        }

        /** Adds an interceptor; interceptors run in the order added. */
        public Builder interceptor(SendInterceptor interceptor) {
            interceptors.add(Objects.requireNonNull(interceptor, "interceptor must not be null"));
            return this;
        }

        /** Adds a listener told the outcome of every send. */
        public Builder listener(SendListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
            return this;
        }

        /**
         * Answers the brokers' check-backs of transactions left open; needed by producers that use
         * {@link Producer#sendInTransaction}. Default none: check-backs are logged and the
         * transactions stay open until the broker gives up.
         */
        public Builder transactionChecker(TransactionChecker transactionChecker) {
            this.transactionChecker = transactionChecker;
            return this;
        }

        /** The namespace of topics and group; default none. */
        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        /** Header format of outgoing requests; default {@link HeaderSerialization#ROCKETMQ}. */
        public Builder headerSerialization(HeaderSerialization headerSerialization) {
            this.headerSerialization = headerSerialization;
            return this;
        }

        /** Timeout of route look-ups, heartbeats and unregistration; default 3 s. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        /** How often cached routes are looked up again; default 30 s. */
        public Builder routeRefreshInterval(Duration routeRefreshInterval) {
            this.routeRefreshInterval = routeRefreshInterval;
            return this;
        }

        /** How often brokers in use get a heartbeat; default 30 s. */
        public Builder heartbeatInterval(Duration heartbeatInterval) {
            this.heartbeatInterval = heartbeatInterval;
            return this;
        }

        /** Queues per broker of a topic a broker creates on the first send; default 4. */
        public Builder defaultTopicQueueNums(int defaultTopicQueueNums) {
            this.defaultTopicQueueNums = defaultTopicQueueNums;
            return this;
        }

        /** Whether slow or failing brokers sit out for a while; default {@code true}. */
        public Builder sendLatencyFaultEnable(boolean enable) {
            this.sendLatencyFaultEnable = enable;
            return this;
        }

        /**
         * How long a broker sits out after an attempt of a given latency, in increasing order of
         * latency; default {@link LatencyTier#DEFAULTS}, the official client's tiers.
         */
        public Builder latencyTiers(List<LatencyTier> latencyTiers) {
            this.latencyTiers = latencyTiers;
            return this;
        }

        /**
         * The most one attempt may take; default {@code null}, a fair share of the remaining send
         * timeout.
         */
        public Builder attemptTimeout(Duration attemptTimeout) {
            this.attemptTimeout = attemptTimeout;
            return this;
        }

        /**
         * Whether and how connections to name servers and brokers use TLS; default {@link
         * TlsOptions#disabled()}. Build the options with {@link TlsOptions#builder()}, which checks
         * the trust and key files at once.
         */
        public Builder tls(TlsOptions tls) {
            this.tls = tls;
            return this;
        }

        /**
         * The ACL credentials every request is signed with, for brokers with ACL enabled (4.9
         * {@code aclEnable}, 5.x {@code authenticationEnabled}); default {@code null}, unsigned
         * requests. {@link Credentials#of} checks the keys, so that a blank access key or a missing
         * secret fails here, before anything is sent.
         */
        public Builder credentials(Credentials credentials) {
            this.credentials = credentials;
            return this;
        }

        /**
         * Whether and where to record a message trace, as the official client's {@code
         * enableMsgTrace} and {@code customizedTraceTopic}; default {@link
         * MessageTrace#disabled()}. E.g. {@code MessageTrace.enabled()} for {@value
         * MessageTrace#DEFAULT_TOPIC}.
         */
        public Builder messageTrace(MessageTrace messageTrace) {
            this.messageTrace = messageTrace;
            return this;
        }

        /**
         * Whether to send the messages that wait for a queue while its previous request is in
         * flight as one batch request; default {@link AutoBatch#disabled()}. See {@link AutoBatch}
         * for what is batched and the bounds.
         */
        public Builder autoBatch(AutoBatch autoBatch) {
            this.autoBatch = autoBatch;
            return this;
        }

        /**
         * The topics to warm up at {@link Producer#create}: each one's route is looked up and
         * cached, so that its first send looks nothing up, and each of its master brokers gets
         * connected and heartbeated, so that {@link Producer#connectionStatus()} reports them from
         * the start. Without any (the default), {@code create} learns the brokers of the name
         * servers' clusters instead and heartbeats those. Replaces the topics set before; names
         * without the namespace.
         *
         * @param topics topic names, each a valid topic a message could be sent to
         */
        public Builder warmUpTopics(String... topics) {
            Objects.requireNonNull(topics, "warmUpTopics must not be null");
            this.warmUpTopics = Arrays.asList(topics.clone());
            return this;
        }

        /**
         * The configuration.
         *
         * @throws IllegalArgumentException naming the invalid setting and how to fix it
         */
        public ProducerConfig build() {
            return new ProducerConfig(this);
        }
    }
}
