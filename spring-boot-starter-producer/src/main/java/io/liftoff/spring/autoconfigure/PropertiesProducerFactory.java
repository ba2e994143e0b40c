package io.liftoff.spring.autoconfigure;

import io.liftoff.producer.Credentials;
import io.liftoff.producer.MessageTrace;
import io.liftoff.producer.Producer;
import io.liftoff.producer.ProducerConfig;
import io.liftoff.producer.ProducerException;
import io.liftoff.producer.SendInterceptor;
import io.liftoff.producer.SendListener;
import io.liftoff.producer.TransactionChecker;
import io.liftoff.producer.internal.route.AddressServerException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

/**
 * Creates producers from their properties and the application's hooks: properties first (with
 * {@link PropertyMapper}; TLS from an SSL bundle of {@link SslBundles}), then the {@link
 * SendInterceptor}, {@link SendListener} and {@link TransactionChecker} beans, then the {@link
 * ProducerConfigCustomizer} beans in order; of each, those that {@link ForProducer} binds to the
 * producer or to none. A value the producer refuses fails with an {@link
 * InvalidProducerPropertyException} that names the property.
 */
final class PropertiesProducerFactory {

    /**
     * The property of each {@link ProducerConfig.Builder} setting. The producer's messages about
     * invalid settings start with the setting's name, which is how a refusal finds its property.
     */
    private static final Map<String, String> PROPERTY_OF_SETTING =
            Map.ofEntries(
                    Map.entry("group", "group"),
                    Map.entry("namespace", "namespace"),
                    Map.entry("instanceName", "instance-name"),
                    Map.entry("sendTimeout", "send-message-timeout"),
                    Map.entry("retryTimesWhenSendFailed", "retry-times-when-send-failed"),
                    Map.entry(
                            "retryTimesWhenSendAsyncFailed", "retry-times-when-send-async-failed"),
                    Map.entry("maxMessageSize", "max-message-size"),
                    Map.entry("compressMessageBodyThreshold", "compress-message-body-threshold"),
                    // BodyCompression's own check of the largest int, which no zlib threshold is
                    Map.entry("threshold", "compress-message-body-threshold"),
                    Map.entry("compressLevel", "compress-level"),
                    Map.entry("drainTimeout", "drain-timeout"),
                    Map.entry("requestTimeout", "request-timeout"),
                    Map.entry("routeRefreshInterval", "route-refresh-interval"),
                    Map.entry(
                            "nameServerAddressRefreshInterval",
                            "name-server-address-refresh-interval"),
                    Map.entry("heartbeatInterval", "heartbeat-interval"),
                    Map.entry("defaultTopicQueueNums", "default-topic-queue-nums"),
                    Map.entry("headerSerialization", "header-serialization"),
                    Map.entry("maxInFlightMessages", "back-pressure.max-in-flight-messages"),
                    Map.entry("maxInFlightBytes", "back-pressure.max-in-flight-bytes"),
                    Map.entry("backPressureTimeout", "back-pressure.timeout"),
                    Map.entry("warmUpTopics", "warm-up-topics"));

    private final ListableBeanFactory beanFactory;
    private final Environment environment;

    PropertiesProducerFactory(ListableBeanFactory beanFactory, Environment environment) {
        this.beanFactory = beanFactory;
        this.environment = environment;
    }

    /**
     * Creates and starts a producer, which warms up before it is returned ({@code warm-up-topics}).
     *
     * @throws InvalidProducerPropertyException when a required property is missing or the producer
     *     refuses a value
     */
    Producer create(ProducerSource source) {
        UnsupportedProperties.check(this.environment, source);
        ProducerConfig.Builder builder = fromProperties(source);
        builder.tls(
                ProducerTls.resolve(source, this.beanFactory.getBeanProvider(SslBundles.class)));
        ProducerHooks hooks = new ProducerHooks(this.beanFactory, source.name());
        hooks.ordered(SendInterceptor.class).forEach(builder::interceptor);
        hooks.ordered(SendListener.class).forEach(builder::listener);
        TransactionChecker checker = hooks.transactionChecker();
        if (checker != null) {
            builder.transactionChecker(checker);
        }
        hooks.ordered(ProducerConfigCustomizer.class)
                .forEach((customizer) -> customizer.customize(source.name(), builder));
        ProducerConfig config;
        try {
            config = builder.build();
        } catch (IllegalArgumentException ex) {
            throw InvalidProducerPropertyException.invalid(
                    propertyOf(source, ex.getMessage()), ex.getMessage(), ex);
        }
        try {
            return Producer.create(config);
        } catch (ProducerException ex) {
            if (!(ex.getCause() instanceof AddressServerException)) {
                throw ex;
            }
            throw InvalidProducerPropertyException.noNameServers(
                    source.nameServerAddressUrlProperty(),
                    source.nameServerProperty(),
                    ex.getMessage(),
                    ex);
        } catch (IllegalStateException ex) {
            // the one refusal at start: the group already runs on the same client instance
            throw InvalidProducerPropertyException.invalid(
                    source.key("group"), ex.getMessage(), ex);
        }
    }

    private static ProducerConfig.Builder fromProperties(ProducerSource source) {
        RocketMQProperties.Producer properties = source.properties();
        String ownBean = "define a Producer bean named '" + source.beanName() + "' yourself";
        boolean hasList = StringUtils.hasText(source.nameServer());
        boolean hasUrl = StringUtils.hasText(source.nameServerAddressUrl());
        if (!hasList && !hasUrl) {
            String addressServer =
                    "set '"
                            + source.nameServerAddressUrlProperty()
                            + "' to fetch them from an HTTP address server";
            throw InvalidProducerPropertyException.missing(
                    source.nameServerProperty(),
                    "127.0.0.1:9876",
                    source.isNamed()
                            ? List.of(
                                    addressServer,
                                    "set 'rocketmq.name-server' for every producer",
                                    ownBean)
                            : List.of(addressServer, ownBean));
        }
        if (hasList && hasUrl) {
            throw InvalidProducerPropertyException.conflicting(
                    source.nameServerProperty(), source.nameServerAddressUrlProperty());
        }
        if (!StringUtils.hasText(properties.getGroup())) {
            throw InvalidProducerPropertyException.missing(
                    source.key("group"), "orders-producer", List.of(ownBean));
        }
        ProducerConfig.Builder builder = ProducerConfig.builder();
        PropertyMapper map = PropertyMapper.get();
        map.from(source.nameServer()).when(StringUtils::hasText).to(builder::nameServer);
        map.from(source.nameServerAddressUrl())
                .when(StringUtils::hasText)
                .to(builder::nameServerAddressUrl);
        map.from(properties.getNameServerAddressRefreshInterval())
                .to(builder::nameServerAddressRefreshInterval);
        map.from(properties.getGroup()).to(builder::group);
        map.from(properties.getNamespace()).to(builder::namespace);
        map.from(properties.getInstanceName()).to(builder::instanceName);
        map.from(properties.getSendMessageTimeout()).to(builder::sendTimeout);
        map.from(properties.getRetryTimesWhenSendFailed()).to(builder::retryTimesWhenSendFailed);
        map.from(properties.getRetryTimesWhenSendAsyncFailed())
                .to(builder::retryTimesWhenSendAsyncFailed);
        map.from(properties.isRetryNextServer()).to(builder::retryAnotherBrokerWhenNotStoreOk);
        map.from(properties.getMaxMessageSize())
                .as((size) -> intBytes(source, "max-message-size", size))
                .to(builder::maxMessageSize);
        map.from(properties.getCompressMessageBodyThreshold())
                .as((size) -> intBytes(source, "compress-message-body-threshold", size))
                .to(builder::compressMessageBodyThreshold);
        map.from(properties.getCompressLevel()).to(builder::compressLevel);
        map.from(properties.getDrainTimeout()).to(builder::drainTimeout);
        map.from(properties.getRequestTimeout()).to(builder::requestTimeout);
        map.from(properties.getRouteRefreshInterval()).to(builder::routeRefreshInterval);
        map.from(properties.getHeartbeatInterval()).to(builder::heartbeatInterval);
        map.from(properties.getDefaultTopicQueueNums()).to(builder::defaultTopicQueueNums);
        map.from(properties.getHeaderSerialization()).to(builder::headerSerialization);
        BackPressureProperties backPressure = properties.getBackPressure();
        map.from(backPressure.getMaxInFlightMessages()).to(builder::maxInFlightMessages);
        map.from(backPressure.getMaxInFlightBytes())
                .as(DataSize::toBytes)
                .to(builder::maxInFlightBytes);
        map.from(backPressure.getTimeout()).to(builder::backPressureTimeout);
        builder.credentials(credentials(source));
        builder.messageTrace(messageTrace(source));
        builder.warmUpTopics(properties.getWarmUpTopics().toArray(String[]::new));
        return builder;
    }

    /**
     * Message trace as rocketmq-spring binds it: {@code enable-msg-trace} switches it on, to {@code
     * customized-trace-topic} when set, else to the broker's {@code RMQ_SYS_TRACE_TOPIC}.
     */
    private static MessageTrace messageTrace(ProducerSource source) {
        if (!source.properties().isEnableMsgTrace()) {
            return MessageTrace.disabled();
        }
        String topic = source.properties().getCustomizedTraceTopic();
        return topic == null || topic.isBlank()
                ? MessageTrace.enabled()
                : MessageTrace.toTopic(topic);
    }

    /**
     * The ACL credentials of {@code access-key} and {@code secret-key}: none when both are unset,
     * refused by the key at fault when only one is set or a value is malformed. Messages never
     * contain the secret key.
     */
    private static @Nullable Credentials credentials(ProducerSource source) {
        RocketMQProperties.Producer properties = source.properties();
        String accessKey = properties.getAccessKey();
        String secretKey = properties.getSecretKey();
        if (!StringUtils.hasText(accessKey) && !StringUtils.hasLength(secretKey)) {
            return null;
        }
        if (!StringUtils.hasText(accessKey)) {
            throw InvalidProducerPropertyException.invalid(
                    source.key("access-key"),
                    "'"
                            + source.key("secret-key")
                            + "' is set but the access key it belongs to is not; set both for a"
                            + " broker with ACL, or neither",
                    null);
        }
        if (!StringUtils.hasLength(secretKey)) {
            throw InvalidProducerPropertyException.invalid(
                    source.key("secret-key"),
                    "access key '"
                            + accessKey
                            + "' is set but its secret key is not; set both for a broker with ACL,"
                            + " or neither",
                    null);
        }
        try {
            return Credentials.of(accessKey, secretKey);
        } catch (IllegalArgumentException ex) {
            String property = ex.getMessage().startsWith("secretKey") ? "secret-key" : "access-key";
            throw InvalidProducerPropertyException.invalid(
                    source.key(property), ex.getMessage(), ex);
        }
    }

    /** The producer takes some sizes as an int; a larger value is refused here, by its key. */
    private static int intBytes(ProducerSource source, String property, DataSize size) {
        long bytes = size.toBytes();
        if (bytes > Integer.MAX_VALUE) {
            throw InvalidProducerPropertyException.invalid(
                    source.key(property),
                    size + " is larger than the most the producer supports, 2147483647B",
                    null);
        }
        return (int) bytes;
    }

    /**
     * Returns the key of the property that a message of {@link ProducerConfig.Builder#build()}
     * complains about; the producer's properties as a whole when the setting is not known here.
     */
    static String propertyOf(ProducerSource source, String message) {
        String setting = message.split(" ", 2)[0];
        if (setting.equals("nameServer")) {
            return source.nameServerProperty();
        }
        if (setting.equals("nameServerAddressUrl")) {
            return source.nameServerAddressUrlProperty();
        }
        String property = PROPERTY_OF_SETTING.get(setting);
        // an unknown setting can only have been set by a customizer: point at the whole group
        return property != null ? source.key(property) : source.prefix() + ".*";
    }
}
