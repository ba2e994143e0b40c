package io.liftoff.spring.autoconfigure;

import io.liftoff.producer.CompressionType;
import io.liftoff.producer.HeaderSerialization;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties of Liftoff producers, under the keys rocketmq-spring users already have
 * ({@code rocketmq.name-server}, {@code rocketmq.producer.*}) plus Liftoff's own. A bare number
 * binds as milliseconds for durations and as bytes for sizes.
 *
 * <p>The defaults are those of {@link io.liftoff.producer.ProducerConfig}.
 */
@ConfigurationProperties("rocketmq")
public class RocketMQProperties {

    /** Name-server addresses, 'host:port', several separated by ';'. */
    private @Nullable String nameServer;

    /**
     * URL of an HTTP address server that answers with the name-server addresses, instead of
     * 'rocketmq.name-server'; asked at start and every 'name-server-address-refresh-interval'.
     */
    private @Nullable String nameServerAddressUrl;

    private final DefaultProducer producer = new DefaultProducer();

    /** Named producers, each registered as beans '<name>Producer' and '<name>ProducerTemplate'. */
    private final Map<String, NamedProducer> producers = new LinkedHashMap<>();

    /** Returns the name-server addresses, or {@code null} when unset. */
    public @Nullable String getNameServer() {
        return this.nameServer;
    }

    /** Sets the name-server addresses, 'host:port', several separated by ';'. */
    public void setNameServer(@Nullable String nameServer) {
        this.nameServer = nameServer;
    }

    /** Returns the URL of the address server that gives the name servers, or {@code null}. */
    public @Nullable String getNameServerAddressUrl() {
        return this.nameServerAddressUrl;
    }

    /** Sets the URL of an address server that gives the name servers. */
    public void setNameServerAddressUrl(@Nullable String nameServerAddressUrl) {
        this.nameServerAddressUrl = nameServerAddressUrl;
    }

    /** Returns the settings of the default producer. */
    public DefaultProducer getProducer() {
        return this.producer;
    }

    /** Returns the named producers by name; the binder fills this map. */
    public Map<String, NamedProducer> getProducers() {
        return this.producers;
    }

    /** Settings of one producer. */
    public static class Producer {

        /** Producer group. */
        private @Nullable String group;

        /** Namespace that topics and the group are wrapped in on the wire. */
        private @Nullable String namespace;

        /** Name of the client instance; 'DEFAULT' derives a unique one. */
        private @Nullable String instanceName;

        /** Time budget of one send, retries included. */
        private Duration sendMessageTimeout = Duration.ofSeconds(3);

        /** Number of extra attempts, on another broker where possible, of a failed send. */
        private int retryTimesWhenSendFailed = 2;

        /** Number of extra attempts, on another broker where possible, of a failed async send. */
        private int retryTimesWhenSendAsyncFailed = 2;

        /**
         * Whether to send again, to another broker, a message stored with a status other than
         * SEND_OK (a flush or replication timeout). A retry may store a duplicate.
         */
        private boolean retryNextServer;

        /** Maximum size of a message body. */
        private DataSize maxMessageSize = DataSize.ofMegabytes(4);

        /** Body size from which bodies are compressed. */
        private DataSize compressMessageBodyThreshold = DataSize.ofKilobytes(4);

        /**
         * How bodies are compressed: zlib, which every consumer reads, or LZ4 or ZSTD, which need
         * their library on the class path and consumers of 4.9.4 or later.
         */
        private CompressionType compressType = CompressionType.ZLIB;

        /**
         * Level of compression: zlib 0 to 9, LZ4 0 (fast) to 17, ZSTD 1 to 22. Unset, the type's
         * default: 5 for zlib and ZSTD, 0 for LZ4.
         */
        private @Nullable Integer compressLevel;

        /** Time that closing the producer waits for sends in flight before it fails them. */
        private Duration drainTimeout = Duration.ofSeconds(3);

        /** Timeout of route look-ups, heartbeats and unregistration. */
        private Duration requestTimeout = Duration.ofSeconds(3);

        /** Interval between look-ups of the cached topic routes. */
        private Duration routeRefreshInterval = Duration.ofSeconds(30);

        /** Interval between requests to the address server, when one gives the name servers. */
        private Duration nameServerAddressRefreshInterval = Duration.ofMinutes(2);

        /** Interval between heartbeats to the brokers in use. */
        private Duration heartbeatInterval = Duration.ofSeconds(30);

        /** Number of queues per broker of a topic that a broker creates on the first send. */
        private int defaultTopicQueueNums = 4;

        /** Serialization of request headers. */
        private HeaderSerialization headerSerialization = HeaderSerialization.ROCKETMQ;

        /**
         * ACL access key (user name) that every request is signed with, for brokers with ACL
         * enabled; requests are unsigned when unset. Needs 'secret-key'.
         */
        private @Nullable String accessKey;

        /**
         * ACL secret key of the access key. Never logged or shown: error messages name the access
         * key only, and the actuator masks it.
         */
        private @Nullable String secretKey;

        @NestedConfigurationProperty
        private final BackPressureProperties backPressure = new BackPressureProperties();

        @NestedConfigurationProperty
        private final AutoBatchProperties autoBatch = new AutoBatchProperties();

        /**
         * Whether to connect to name servers and brokers over TLS. Without 'ssl.bundle', server
         * certificates are checked against the JDK's default trust store.
         */
        private boolean tlsEnable;

        @NestedConfigurationProperty
        private final ProducerSslProperties ssl = new ProducerSslProperties();

        /**
         * Whether to send a message-trace record for every send, in the official client's format.
         */
        private boolean enableMsgTrace;

        /** Topic that message trace goes to; the broker's 'RMQ_SYS_TRACE_TOPIC' when unset. */
        private @Nullable String customizedTraceTopic;

        /**
         * Topics whose routes are fetched, and whose brokers are connected and heartbeated, at
         * startup, before the application is ready: their first sends look nothing up, and health
         * reports their brokers from the start. When empty, the brokers the name servers list are
         * learnt and heartbeated instead.
         */
        private List<String> warmUpTopics = new ArrayList<>();

        /** Returns the producer group, or {@code null} when unset. */
        public @Nullable String getGroup() {
            return this.group;
        }

        /** Sets the producer group. */
        public void setGroup(@Nullable String group) {
            this.group = group;
        }

        /** Returns the namespace, or {@code null} for none. */
        public @Nullable String getNamespace() {
            return this.namespace;
        }

        /** Sets the namespace that topics and the group are wrapped in on the wire. */
        public void setNamespace(@Nullable String namespace) {
            this.namespace = namespace;
        }

        /** Returns the name of the client instance, or {@code null} for the default. */
        public @Nullable String getInstanceName() {
            return this.instanceName;
        }

        /** Sets the name of the client instance. */
        public void setInstanceName(@Nullable String instanceName) {
            this.instanceName = instanceName;
        }

        /** Returns the time budget of one send, retries included. */
        public Duration getSendMessageTimeout() {
            return this.sendMessageTimeout;
        }

        /** Sets the time budget of one send, retries included. */
        public void setSendMessageTimeout(Duration sendMessageTimeout) {
            this.sendMessageTimeout = sendMessageTimeout;
        }

        /** Returns the number of extra attempts of a failed send. */
        public int getRetryTimesWhenSendFailed() {
            return this.retryTimesWhenSendFailed;
        }

        /** Sets the number of extra attempts of a failed send. */
        public void setRetryTimesWhenSendFailed(int retryTimesWhenSendFailed) {
            this.retryTimesWhenSendFailed = retryTimesWhenSendFailed;
        }

        /** Returns the number of extra attempts of a failed async send. */
        public int getRetryTimesWhenSendAsyncFailed() {
            return this.retryTimesWhenSendAsyncFailed;
        }

        /** Sets the number of extra attempts of a failed async send. */
        public void setRetryTimesWhenSendAsyncFailed(int retryTimesWhenSendAsyncFailed) {
            this.retryTimesWhenSendAsyncFailed = retryTimesWhenSendAsyncFailed;
        }

        /** Returns whether a message stored without SEND_OK is sent again to another broker. */
        public boolean isRetryNextServer() {
            return this.retryNextServer;
        }

        /** Sets whether a message stored without SEND_OK is sent again to another broker. */
        public void setRetryNextServer(boolean retryNextServer) {
            this.retryNextServer = retryNextServer;
        }

        /** Returns the maximum size of a message body. */
        public DataSize getMaxMessageSize() {
            return this.maxMessageSize;
        }

        /** Sets the maximum size of a message body. */
        public void setMaxMessageSize(DataSize maxMessageSize) {
            this.maxMessageSize = maxMessageSize;
        }

        /** Returns the body size from which bodies are compressed. */
        public DataSize getCompressMessageBodyThreshold() {
            return this.compressMessageBodyThreshold;
        }

        /** Sets the body size from which bodies are compressed. */
        public void setCompressMessageBodyThreshold(DataSize compressMessageBodyThreshold) {
            this.compressMessageBodyThreshold = compressMessageBodyThreshold;
        }

        /** Returns how bodies are compressed. */
        public CompressionType getCompressType() {
            return this.compressType;
        }

        /** Sets how bodies are compressed. */
        public void setCompressType(CompressionType compressType) {
            this.compressType = compressType;
        }

        /** Returns the level of compression, or {@code null} for the type's default. */
        public @Nullable Integer getCompressLevel() {
            return this.compressLevel;
        }

        /** Sets the level of compression, in the range of the compression type. */
        public void setCompressLevel(@Nullable Integer compressLevel) {
            this.compressLevel = compressLevel;
        }

        /** Returns the time that closing the producer waits for sends in flight. */
        public Duration getDrainTimeout() {
            return this.drainTimeout;
        }

        /** Sets the time that closing the producer waits for sends in flight. */
        public void setDrainTimeout(Duration drainTimeout) {
            this.drainTimeout = drainTimeout;
        }

        /** Returns the timeout of route look-ups, heartbeats and unregistration. */
        public Duration getRequestTimeout() {
            return this.requestTimeout;
        }

        /** Sets the timeout of route look-ups, heartbeats and unregistration. */
        public void setRequestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
        }

        /** Returns the interval between look-ups of the cached topic routes. */
        public Duration getRouteRefreshInterval() {
            return this.routeRefreshInterval;
        }

        /** Sets the interval between look-ups of the cached topic routes. */
        public void setRouteRefreshInterval(Duration routeRefreshInterval) {
            this.routeRefreshInterval = routeRefreshInterval;
        }

        /** Returns the interval between requests to the address server. */
        public Duration getNameServerAddressRefreshInterval() {
            return this.nameServerAddressRefreshInterval;
        }

        /** Sets the interval between requests to the address server. */
        public void setNameServerAddressRefreshInterval(Duration interval) {
            this.nameServerAddressRefreshInterval = interval;
        }

        /** Returns the interval between heartbeats to the brokers in use. */
        public Duration getHeartbeatInterval() {
            return this.heartbeatInterval;
        }

        /** Sets the interval between heartbeats to the brokers in use. */
        public void setHeartbeatInterval(Duration heartbeatInterval) {
            this.heartbeatInterval = heartbeatInterval;
        }

        /** Returns the number of queues per broker of a topic a broker creates on first send. */
        public int getDefaultTopicQueueNums() {
            return this.defaultTopicQueueNums;
        }

        /** Sets the number of queues per broker of a topic a broker creates on first send. */
        public void setDefaultTopicQueueNums(int defaultTopicQueueNums) {
            this.defaultTopicQueueNums = defaultTopicQueueNums;
        }

        /** Returns the serialization of request headers. */
        public HeaderSerialization getHeaderSerialization() {
            return this.headerSerialization;
        }

        /** Sets the serialization of request headers. */
        public void setHeaderSerialization(HeaderSerialization headerSerialization) {
            this.headerSerialization = headerSerialization;
        }

        /** Returns the ACL access key, or {@code null} for unsigned requests. */
        public @Nullable String getAccessKey() {
            return this.accessKey;
        }

        /** Sets the ACL access key that every request is signed with. */
        public void setAccessKey(@Nullable String accessKey) {
            this.accessKey = accessKey;
        }

        /** Returns the ACL secret key, or {@code null} when unset. */
        public @Nullable String getSecretKey() {
            return this.secretKey;
        }

        /** Sets the ACL secret key of the access key. */
        public void setSecretKey(@Nullable String secretKey) {
            this.secretKey = secretKey;
        }

        /** Returns the bounds on messages in flight. */
        public BackPressureProperties getBackPressure() {
            return this.backPressure;
        }

        /** Returns the automatic batching settings. */
        public AutoBatchProperties getAutoBatch() {
            return this.autoBatch;
        }

        /** Returns whether connections use TLS even without an SSL bundle. */
        public boolean isTlsEnable() {
            return this.tlsEnable;
        }

        /** Sets whether connections use TLS even without an SSL bundle. */
        public void setTlsEnable(boolean tlsEnable) {
            this.tlsEnable = tlsEnable;
        }

        /** Returns the TLS settings. */
        public ProducerSslProperties getSsl() {
            return this.ssl;
        }

        /** Returns whether message trace is asked for. */
        public boolean isEnableMsgTrace() {
            return this.enableMsgTrace;
        }

        /** Sets whether to record message trace. */
        public void setEnableMsgTrace(boolean enableMsgTrace) {
            this.enableMsgTrace = enableMsgTrace;
        }

        /** Returns the topic that message trace goes to, or {@code null} for the broker's. */
        public @Nullable String getCustomizedTraceTopic() {
            return this.customizedTraceTopic;
        }

        /** Sets the topic that message trace goes to. */
        public void setCustomizedTraceTopic(@Nullable String customizedTraceTopic) {
            this.customizedTraceTopic = customizedTraceTopic;
        }

        /** Returns the topics warmed up at startup; empty for the cluster's brokers. */
        public List<String> getWarmUpTopics() {
            return this.warmUpTopics;
        }

        /** Sets the topics warmed up at startup. */
        public void setWarmUpTopics(List<String> warmUpTopics) {
            this.warmUpTopics = warmUpTopics;
        }
    }

    /**
     * Settings of the default producer: those of any producer, and the switches that apply to every
     * producer the starter creates.
     */
    public static class DefaultProducer extends Producer {

        /**
         * Whether to record a Micrometer observation of every send, with the trace context carried
         * in message properties. Applies to every auto-configured producer, named ones included.
         */
        private boolean observationEnabled;

        /** Returns whether every send is observed. */
        public boolean isObservationEnabled() {
            return this.observationEnabled;
        }

        /** Sets whether every send is observed. */
        public void setObservationEnabled(boolean observationEnabled) {
            this.observationEnabled = observationEnabled;
        }
    }

    /** Settings of a named producer: those of any producer, and its own name servers. */
    public static class NamedProducer extends Producer {

        /** Name-server addresses of this producer; 'rocketmq.name-server' when unset. */
        private @Nullable String nameServer;

        /**
         * URL of the address server that gives this producer's name servers, instead of its
         * 'name-server'; 'rocketmq.name-server-address-url' when neither is set.
         */
        private @Nullable String nameServerAddressUrl;

        /** Returns this producer's name-server addresses, or {@code null} when unset. */
        public @Nullable String getNameServer() {
            return this.nameServer;
        }

        /** Sets this producer's name-server addresses, 'host:port' separated by ';'. */
        public void setNameServer(@Nullable String nameServer) {
            this.nameServer = nameServer;
        }

        /** Returns the URL of this producer's address server, or {@code null} when unset. */
        public @Nullable String getNameServerAddressUrl() {
            return this.nameServerAddressUrl;
        }

        /** Sets the URL of an address server that gives this producer's name servers. */
        public void setNameServerAddressUrl(@Nullable String nameServerAddressUrl) {
            this.nameServerAddressUrl = nameServerAddressUrl;
        }
    }
}
