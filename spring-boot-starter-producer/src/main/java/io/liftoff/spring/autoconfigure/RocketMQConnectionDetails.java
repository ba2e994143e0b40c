package io.liftoff.spring.autoconfigure;

import io.liftoff.producer.Credentials;
import io.liftoff.producer.TlsOptions;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where the auto-configured producers connect to: their name servers (or the address server that
 * gives them), the TLS to use and the ACL credentials to sign with. By default these come from the
 * properties ({@code rocketmq.name-server}, {@code rocketmq.name-server-address-url}, and each
 * producer's {@code tls-enable}, {@code ssl.bundle}, {@code access-key} and {@code secret-key}); a
 * bean of this type replaces them all, for the default producer and every named one, e.g. to run
 * the application against a broker started for a test or for development.
 *
 * <pre>{@code
 * @Bean
 * RocketMQConnectionDetails localRocketMQ() {
 *     return () -> RocketMQConnectionDetails.Connection.toNameServer("127.0.0.1:9876");
 * }
 * }</pre>
 *
 * <p>The starter asks when it creates each producer; an implementation is called from the thread
 * that creates the beans.
 */
public interface RocketMQConnectionDetails extends ConnectionDetails {

    /**
     * Returns the connection of the default producer, the one of {@code rocketmq.producer.*}.
     *
     * @throws InvalidProducerPropertyException from the properties-based details, when the
     *     properties do not describe a connection
     */
    Connection getDefaultProducer();

    /**
     * Returns the connection of the named producer of {@code rocketmq.producers.<name>}; by default
     * that of the default producer.
     *
     * @param name the producer's name, e.g. {@code orders}
     */
    default Connection getProducer(String name) {
        return getDefaultProducer();
    }

    /**
     * One producer's connection: exactly one of name servers or an address-server URL, the TLS
     * options (off by default) and the credentials (none by default). Immutable; {@link
     * #toString()} never shows a secret key.
     */
    final class Connection {

        private final @Nullable String nameServer;
        private final @Nullable String nameServerAddressUrl;
        private final TlsOptions tls;
        private final @Nullable Credentials credentials;

        private Connection(
                @Nullable String nameServer,
                @Nullable String nameServerAddressUrl,
                TlsOptions tls,
                @Nullable Credentials credentials) {
            this.nameServer = nameServer;
            this.nameServerAddressUrl = nameServerAddressUrl;
            this.tls = tls;
            this.credentials = credentials;
        }

        /**
         * Returns a connection to name servers, plain and unsigned.
         *
         * @param nameServer {@code host:port}, several separated by {@code ;}; must not be blank
         */
        public static Connection toNameServer(String nameServer) {
            return new Connection(
                    requireText(nameServer, "nameServer"), null, TlsOptions.disabled(), null);
        }

        /**
         * Returns a connection to the name servers that an HTTP address server lists, plain and
         * unsigned.
         *
         * @param url the address server's URL; must not be blank
         */
        public static Connection toAddressServer(String url) {
            return new Connection(null, requireText(url, "url"), TlsOptions.disabled(), null);
        }

        /**
         * Returns this connection with other TLS options.
         *
         * @param tls the options; must not be {@code null}
         */
        public Connection withTls(TlsOptions tls) {
            return new Connection(
                    this.nameServer,
                    this.nameServerAddressUrl,
                    Objects.requireNonNull(tls, "tls must not be null"),
                    this.credentials);
        }

        /**
         * Returns this connection with requests signed by {@code credentials}.
         *
         * @param credentials the ACL credentials; must not be {@code null}
         */
        public Connection withCredentials(Credentials credentials) {
            return new Connection(
                    this.nameServer,
                    this.nameServerAddressUrl,
                    this.tls,
                    Objects.requireNonNull(credentials, "credentials must not be null"));
        }

        /** Returns the name servers, {@code host:port;host:port}; empty with an address server. */
        public Optional<String> nameServer() {
            return Optional.ofNullable(this.nameServer);
        }

        /** Returns the address server's URL; empty when the name servers are listed. */
        public Optional<String> nameServerAddressUrl() {
            return Optional.ofNullable(this.nameServerAddressUrl);
        }

        /** Returns the TLS options, {@link TlsOptions#disabled()} for plain TCP. */
        public TlsOptions tls() {
            return this.tls;
        }

        /** Returns the credentials that requests are signed with; empty for unsigned requests. */
        public Optional<Credentials> credentials() {
            return Optional.ofNullable(this.credentials);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Connection that
                    && Objects.equals(this.nameServer, that.nameServer)
                    && Objects.equals(this.nameServerAddressUrl, that.nameServerAddressUrl)
                    && this.tls.equals(that.tls)
                    && Objects.equals(this.credentials, that.credentials);
        }

        @Override
        public int hashCode() {
            return Objects.hash(
                    this.nameServer, this.nameServerAddressUrl, this.tls, this.credentials);
        }

        @Override
        public String toString() {
            return "Connection["
                    + (this.nameServer != null
                            ? "nameServer=" + this.nameServer
                            : "nameServerAddressUrl=" + this.nameServerAddressUrl)
                    + (this.tls.enabled() ? ", TLS" : "")
                    + (this.credentials == null ? "" : ", credentials=" + this.credentials)
                    + "]";
        }

        private static String requireText(String value, String name) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be null or blank");
            }
            return value;
        }
    }
}
