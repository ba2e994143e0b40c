package io.liftoff.producer;

import io.liftoff.producer.internal.message.BodyCodecs;
import io.liftoff.producer.internal.message.BodyCompression;
import io.liftoff.producer.internal.message.MessageValidator;
import io.liftoff.producer.internal.namespace.Namespace;
import io.liftoff.producer.internal.route.NameServerAddresses;
import io.liftoff.producer.message.InvalidMessageException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks {@link ProducerConfig.Builder#build()} runs; each failure names the setting, the bad
 * value and how to fix it.
 */
final class ConfigChecks {

    private static final Pattern GROUP = Pattern.compile("^[%|a-zA-Z0-9_-]+$");
    private static final int MAX_GROUP_LENGTH = 255;

    private ConfigChecks() {}

    static List<String> nameServers(String nameServer) {
        if (nameServer == null || nameServer.isBlank()) {
            throw new IllegalArgumentException(
                    "nameServer is required: set it to 'host:port' of your name server, or"
                            + " 'host1:port;host2:port' for several; or set nameServerAddressUrl"
                            + " to fetch the list from an address server");
        }
        try {
            return NameServerAddresses.parse(nameServer);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("nameServer " + e.getMessage(), e);
        }
    }

    /**
     * The address server's URL, or {@code null} when {@code nameServer} gives the name servers;
     * never both.
     */
    static URI nameServerAddressUrl(String nameServer, String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        if (nameServer != null && !nameServer.isBlank()) {
            throw new IllegalArgumentException(
                    "nameServer and nameServerAddressUrl are both set; set only one: nameServer"
                            + " fixes the list, nameServerAddressUrl fetches it from an address"
                            + " server");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null
                || uri.getHost() == null
                || !("http".equalsIgnoreCase(uri.getScheme())
                        || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw new IllegalArgumentException(
                    "nameServerAddressUrl '"
                            + url
                            + "' must be an http:// or https:// URL with a host, e.g."
                            + " 'http://jmenv.tbsite.net:8080/rocketmq/nsaddr'");
        }
        return uri;
    }

    /** The topics without duplicates; each must be one a message could be sent to. */
    static List<String> warmUpTopics(List<String> topics) {
        Set<String> distinct = new LinkedHashSet<>();
        for (String topic : topics) {
            try {
                MessageValidator.validateTopic(topic);
            } catch (InvalidMessageException e) {
                throw new IllegalArgumentException("warmUpTopics " + e.getMessage(), e);
            }
            distinct.add(topic);
        }
        return List.copyOf(distinct);
    }

    static String group(String group) {
        if (group == null || group.isBlank()) {
            throw new IllegalArgumentException(
                    "group is required: set the producer group, e.g. 'orders-producer'");
        }
        if (group.length() > MAX_GROUP_LENGTH || !GROUP.matcher(group).matches()) {
            throw new IllegalArgumentException(
                    "group '"
                            + group
                            + "' must match [%|a-zA-Z0-9_-]{1,"
                            + MAX_GROUP_LENGTH
                            + "}; rename the group");
        }
        if ("DEFAULT_PRODUCER".equals(group)) {
            throw new IllegalArgumentException(
                    "group 'DEFAULT_PRODUCER' is reserved by RocketMQ; choose a group of your own");
        }
        return group;
    }

    static String instanceName(String instanceName) {
        if (instanceName.isBlank()) {
            throw new IllegalArgumentException(
                    "instanceName must not be blank, was '"
                            + instanceName
                            + "'; leave it unset for the default or name this process, e.g."
                            + " 'orders-1'");
        }
        return instanceName;
    }

    static Duration positive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(
                    name
                            + " must be a positive duration, was "
                            + value
                            + "; set it above zero, e.g. Duration.ofSeconds(3)");
        }
        return value;
    }

    /** An optional duration: {@code null} for unset, else positive. */
    static Duration positiveOrNull(String name, Duration value) {
        return value == null ? null : positive(name, value);
    }

    static Duration notNegative(String name, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(
                    name
                            + " must be zero or a positive duration, was "
                            + value
                            + "; set it to Duration.ZERO or more");
        }
        return value;
    }

    static long atLeast(String name, long value, long minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(tooSmall(name, value, minimum));
        }
        return value;
    }

    static int atLeast(String name, int value, int minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(tooSmall(name, value, minimum));
        }
        return value;
    }

    /**
     * The compression, its library found; an unset level is the type's default.
     *
     * @throws IllegalArgumentException also when the type's optional library is missing
     */
    static BodyCompression compression(CompressionType type, int threshold, Integer level) {
        if (type == null) {
            throw new IllegalArgumentException(
                    "compressType must not be null; choose ZLIB (the default), LZ4 or ZSTD");
        }
        int checked = level == null ? BodyCodecs.defaultLevel(type) : level;
        return BodyCompression.of(
                type, atLeast("compressMessageBodyThreshold", threshold, 1), checked);
    }

    /**
     * A customized trace topic: a valid topic name. A system topic such as {@code
     * RMQ_SYS_TRACE_TOPIC} is allowed, since traces go there by design.
     */
    static AutoBatch autoBatch(AutoBatch autoBatch, int maxMessageSize) {
        Objects.requireNonNull(autoBatch, "autoBatch must not be null; use AutoBatch.disabled()");
        if (autoBatch.isEnabled() && autoBatch.maxBytes() > maxMessageSize) {
            throw new IllegalArgumentException(
                    "autoBatch maxBytes "
                            + autoBatch.maxBytes()
                            + " is over maxMessageSize "
                            + maxMessageSize
                            + ", the largest request body the broker takes; lower autoBatch"
                            + " maxBytes or raise maxMessageSize");
        }
        return autoBatch;
    }

    static String traceTopic(String topic) {
        try {
            MessageValidator.validateTopicName(topic);
        } catch (InvalidMessageException e) {
            throw new IllegalArgumentException("messageTrace " + e.getMessage(), e);
        }
        return topic;
    }

    /** No namespace when unset or blank; {@link Namespace#of} checks the name. */
    static Namespace namespace(String namespace) {
        return namespace == null || namespace.isBlank()
                ? Namespace.none()
                : Namespace.of(namespace);
    }

    private static String tooSmall(String name, long value, long minimum) {
        return name
                + " must be at least "
                + minimum
                + ", was "
                + value
                + "; set it to "
                + minimum
                + " or more";
    }
}
