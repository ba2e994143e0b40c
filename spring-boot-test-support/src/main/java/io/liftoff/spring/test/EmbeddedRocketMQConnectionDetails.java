package io.liftoff.spring.test;

import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.producer.Credentials;
import io.liftoff.producer.TlsOptions;
import io.liftoff.spring.autoconfigure.RocketMQConnectionDetails;

/**
 * Connects every producer to an embedded cluster: its name server, over TLS trusting its CA when it
 * enforces TLS, signed as its ACL super user when it checks ACL.
 */
final class EmbeddedRocketMQConnectionDetails implements RocketMQConnectionDetails {

    private final Connection connection;
    private final String origin;

    /**
     * @param rocketmq the running cluster
     * @param origin what set the cluster up, for the log of overridden properties
     */
    EmbeddedRocketMQConnectionDetails(EmbeddedRocketMQ rocketmq, String origin) {
        Connection connection = Connection.toNameServer(rocketmq.nameServerAddress());
        if (rocketmq.tlsEnforced()) {
            connection =
                    connection.withTls(
                            TlsOptions.builder()
                                    .trustCertificates(
                                            rocketmq.certificateAuthority().certificate())
                                    .build());
        }
        this.connection =
                rocketmq.aclAdmin()
                        .map((admin) -> Credentials.of(admin.accessKey(), admin.secretKey()))
                        .map(connection::withCredentials)
                        .orElse(connection);
        this.origin = origin;
    }

    @Override
    public Connection getDefaultProducer() {
        return this.connection;
    }

    @Override
    public Connection getProducer(String name) {
        return this.connection;
    }

    @Override
    public String toString() {
        return this.origin;
    }
}
