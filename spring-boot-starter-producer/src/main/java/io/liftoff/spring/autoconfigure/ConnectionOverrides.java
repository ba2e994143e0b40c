package io.liftoff.spring.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.util.StringUtils;

/**
 * Tells, at INFO when a producer is created, which of its connection properties a {@link
 * RocketMQConnectionDetails} bean overrides, so that a test or development run against another
 * broker does not leave the user guessing why {@code name-server} or {@code tls-enable} has no
 * effect. Keys are logged, never values.
 */
final class ConnectionOverrides {

    private static final Log logger = LogFactory.getLog(ConnectionOverrides.class);

    private ConnectionOverrides() {}

    /** Logs each connection property of {@code source} that {@code connection} replaces. */
    static void log(
            ProducerSource source,
            NameServerSource names,
            RocketMQConnectionDetails.Connection connection,
            RocketMQConnectionDetails details) {
        if (!logger.isInfoEnabled()) {
            return;
        }
        for (String key : overridden(source, names, connection)) {
            logger.info(
                    key
                            + " is overridden by connection details from "
                            + details
                            + " (producer '"
                            + source.name()
                            + "')");
        }
    }

    /** Returns the keys the user set whose values differ from those of {@code connection}. */
    static List<String> overridden(
            ProducerSource source,
            NameServerSource names,
            RocketMQConnectionDetails.Connection connection) {
        List<String> keys = new ArrayList<>();
        if (differs(names.nameServer(), connection.nameServer())) {
            keys.add(names.nameServerProperty());
        }
        if (differs(names.addressUrl(), connection.nameServerAddressUrl())) {
            keys.add(names.addressUrlProperty());
        }
        RocketMQProperties.Producer properties = source.properties();
        // TLS options have no value to compare a property with: any TLS setting is replaced
        if (properties.isTlsEnable()) {
            keys.add(source.key("tls-enable"));
        }
        if (StringUtils.hasText(properties.getSsl().getBundle())) {
            keys.add(source.key("ssl.bundle"));
        }
        boolean sameCredentials =
                connection
                        .credentials()
                        .map(
                                (credentials) ->
                                        credentials.accessKey().equals(properties.getAccessKey())
                                                && credentials
                                                        .secretKey()
                                                        .equals(properties.getSecretKey()))
                        .orElse(false);
        if (StringUtils.hasText(properties.getAccessKey()) && !sameCredentials) {
            keys.add(source.key("access-key"));
        }
        if (StringUtils.hasLength(properties.getSecretKey()) && !sameCredentials) {
            keys.add(source.key("secret-key"));
        }
        return keys;
    }

    private static boolean differs(String property, Optional<String> value) {
        return StringUtils.hasText(property) && !value.map(property::equals).orElse(false);
    }
}
