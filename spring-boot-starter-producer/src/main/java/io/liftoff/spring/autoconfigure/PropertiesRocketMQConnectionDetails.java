package io.liftoff.spring.autoconfigure;

import io.liftoff.producer.Credentials;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.util.StringUtils;

/**
 * The {@link RocketMQConnectionDetails} of the properties: {@code rocketmq.name-server} or {@code
 * rocketmq.name-server-address-url} (a named producer's own ones first), and each producer's TLS
 * ({@link ProducerTls}) and credentials ({@link ProducerCredentials}). Missing, conflicting or
 * invalid values fail with an {@link InvalidProducerPropertyException} naming the key.
 */
final class PropertiesRocketMQConnectionDetails implements RocketMQConnectionDetails {

    private final RocketMQProperties properties;
    private final ObjectProvider<SslBundles> sslBundles;

    PropertiesRocketMQConnectionDetails(
            RocketMQProperties properties, ObjectProvider<SslBundles> sslBundles) {
        this.properties = properties;
        this.sslBundles = sslBundles;
    }

    @Override
    public Connection getDefaultProducer() {
        return connection(ProducerSource.defaultProducer(this.properties));
    }

    @Override
    public Connection getProducer(String name) {
        RocketMQProperties.NamedProducer producer = this.properties.getProducers().get(name);
        if (producer == null) {
            throw new IllegalArgumentException(
                    "there is no producer 'rocketmq.producers." + name + "' in the properties");
        }
        return connection(ProducerSource.named(name, producer));
    }

    private Connection connection(ProducerSource source) {
        NameServerSource names = NameServerSource.of(this.properties, source);
        Connection connection = nameServers(source, names);
        Credentials credentials = ProducerCredentials.resolve(source);
        connection = connection.withTls(ProducerTls.resolve(source, this.sslBundles));
        return credentials == null ? connection : connection.withCredentials(credentials);
    }

    private static Connection nameServers(ProducerSource source, NameServerSource names) {
        boolean hasList = StringUtils.hasText(names.nameServer());
        boolean hasUrl = StringUtils.hasText(names.addressUrl());
        if (hasList && hasUrl) {
            throw InvalidProducerPropertyException.conflicting(
                    names.nameServerProperty(), names.addressUrlProperty());
        }
        if (hasList) {
            return Connection.toNameServer(names.nameServer());
        }
        if (hasUrl) {
            return Connection.toAddressServer(names.addressUrl());
        }
        String ownBean = "define a Producer bean named '" + source.beanName() + "' yourself";
        String addressServer =
                "set '"
                        + names.addressUrlProperty()
                        + "' to fetch them from an HTTP address server";
        throw InvalidProducerPropertyException.missing(
                names.nameServerProperty(),
                "127.0.0.1:9876",
                source.isNamed()
                        ? List.of(
                                addressServer,
                                "set 'rocketmq.name-server' for every producer",
                                ownBean)
                        : List.of(addressServer, ownBean));
    }

    @Override
    public String toString() {
        return "the properties";
    }
}
