package io.liftoff.producer;

import io.liftoff.producer.TlsMaterial.JdkDefaultTrust;
import io.liftoff.producer.TlsMaterial.Key;
import io.liftoff.producer.TlsMaterial.KeyFactory;
import io.liftoff.producer.TlsMaterial.KeyStoreFile;
import io.liftoff.producer.TlsMaterial.NoKey;
import io.liftoff.producer.TlsMaterial.PemKey;
import io.liftoff.producer.TlsMaterial.PemTrust;
import io.liftoff.producer.TlsMaterial.StoreFile;
import io.liftoff.producer.TlsMaterial.Trust;
import io.liftoff.producer.TlsMaterial.TrustAll;
import io.liftoff.producer.TlsMaterial.TrustFactory;
import io.liftoff.producer.TlsMaterial.TrustStore;
import io.liftoff.producer.internal.remoting.Addresses;
import io.liftoff.producer.internal.remoting.Require;
import io.liftoff.producer.internal.remoting.TlsHandlers;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * Whether and how connections to name servers and brokers use TLS. Immutable and thread-safe.
 *
 * <p>{@link #disabled()} (the default) speaks plain TCP. {@link #builder()} turns TLS on and is
 * secure by default: without trust material the server's certificate chain is checked against the
 * JDK's default trust store. Trust material is a trust store file, a PEM file of CA certificates,
 * or a ready {@link TrustManagerFactory} (what a Spring Boot SSL bundle provides); {@link
 * Builder#insecureTrustAllCertificates()} switches server authentication off for test setups with
 * self-signed certificates. Key material, for servers that require client certificates (mutual
 * TLS), is optional.
 *
 * <p>Host names are not verified unless {@link Builder#verifyHostname(boolean)} asks for it:
 * brokers register with the name server by IP address (brokerIP1), and RocketMQ's own servers and
 * clients never check names, so most broker certificates do not list those addresses. The chain is
 * verified either way.
 *
 * <p>{@link Builder#build()} loads the files at once, so that a missing file or a wrong password
 * fails there rather than at the first connect. Passwords appear in no {@code toString} and no
 * exception message.
 *
 * <pre>{@code
 * TlsOptions tls = TlsOptions.builder()
 *         .trustCertificates(Path.of("/etc/rocketmq/ca.pem"))
 *         .build();
 * }</pre>
 */
public final class TlsOptions {

    static {
        TlsHandlers.register(TlsOptions::newHandler);
    }

    private static final TlsOptions DISABLED = new TlsOptions();

    private final boolean enabled;
    private final Trust trust;
    private final Key key;
    private final List<String> protocols;
    private final List<String> ciphers;
    private final boolean verifyHostname;
    // Derived from the fields above, so left out of equals.
    private final SslContext context;

    private TlsOptions() {
        this.enabled = false;
        this.trust = new JdkDefaultTrust();
        this.key = new NoKey();
        this.protocols = List.of();
        this.ciphers = List.of();
        this.verifyHostname = false;
        this.context = null;
    }

    private TlsOptions(Builder builder) {
        this.enabled = true;
        this.trust = builder.trust;
        this.key = builder.key;
        this.protocols = builder.protocols;
        this.ciphers = builder.ciphers;
        this.verifyHostname = builder.verifyHostname;
        this.context = buildContext();
    }

    /** Returns options with TLS off: plain TCP, as RocketMQ servers accept by default. */
    public static TlsOptions disabled() {
        return DISABLED;
    }

    /** Returns a builder for options with TLS on, trusting the JDK's default trust store. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns whether connections use TLS. */
    public boolean enabled() {
        return enabled;
    }

    /** Returns whether the server's address must match a name in its certificate. */
    public boolean verifiesHostname() {
        return verifyHostname;
    }

    /**
     * Returns whether every server certificate is accepted, as set by {@link
     * Builder#insecureTrustAllCertificates()}.
     */
    public boolean trustsAllCertificates() {
        return trust instanceof TrustAll;
    }

    /** Returns whether a client certificate is configured. */
    public boolean hasClientCertificate() {
        return !(key instanceof NoKey);
    }

    /**
     * Returns the TLS handler that starts the handshake with {@code address} once its channel is
     * active; it fails the handshake after {@code handshakeTimeout}.
     */
    private SslHandler newHandler(
            ByteBufAllocator allocator, String address, Duration handshakeTimeout) {
        InetSocketAddress peer = Addresses.parse(address);
        SslHandler handler = context.newHandler(allocator, peer.getHostString(), peer.getPort());
        handler.setHandshakeTimeoutMillis(handshakeTimeout.toMillis());
        return handler;
    }

    private SslContext buildContext() {
        SslContextBuilder builder =
                SslContextBuilder.forClient()
                        .sslProvider(SslProvider.JDK)
                        // Netty 4.2 verifies host names unless told otherwise; see the class doc
                        .endpointIdentificationAlgorithm(verifyHostname ? "HTTPS" : null);
        trust.applyTo(builder);
        key.applyTo(builder);
        if (!protocols.isEmpty()) {
            builder.protocols(protocols);
        }
        if (!ciphers.isEmpty()) {
            builder.ciphers(ciphers);
        }
        try {
            return builder.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "cannot set up TLS with " + describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof TlsOptions that)) {
            return false;
        }
        return enabled == that.enabled
                && verifyHostname == that.verifyHostname
                && trust.equals(that.trust)
                && key.equals(that.key)
                && protocols.equals(that.protocols)
                && ciphers.equals(that.ciphers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(enabled, verifyHostname, trust, key, protocols, ciphers);
    }

    @Override
    public String toString() {
        return enabled ? "TlsOptions[" + describe() + "]" : "TlsOptions[disabled]";
    }

    private String describe() {
        return "trust="
                + trust
                + ", key="
                + key
                + (protocols.isEmpty() ? "" : ", protocols=" + protocols)
                + (ciphers.isEmpty() ? "" : ", ciphers=" + ciphers)
                + ", verifyHostname="
                + verifyHostname;
    }

    /**
     * Builds {@link TlsOptions} with TLS on. Each trust setter replaces the previous trust source,
     * each key setter the previous key source. Not thread-safe.
     */
    public static final class Builder {
        private Trust trust = new JdkDefaultTrust();
        private Key key = new NoKey();
        private List<String> protocols = List.of();
        private List<String> ciphers = List.of();
        private boolean verifyHostname;

        private Builder() {}

        /**
         * Trusts the CA certificates in a trust store file.
         *
         * @param file the trust store; must not be {@code null}
         * @param type the {@link java.security.KeyStore} type, e.g. {@code PKCS12} or {@code JKS};
         *     must not be {@code null}
         * @param password the store password, or {@code null} if it has none
         * @return this builder
         */
        public Builder trustStore(Path file, String type, String password) {
            trust = new TrustStore(storeFile(file, type, password));
            return this;
        }

        /**
         * Trusts the CA certificates in a PEM file ({@code -----BEGIN CERTIFICATE-----} blocks).
         *
         * @param pemFile must not be {@code null}
         * @return this builder
         */
        public Builder trustCertificates(Path pemFile) {
            trust = new PemTrust(Require.notNull(pemFile, "trust certificates file"));
            return this;
        }

        /**
         * Trusts what {@code factory} trusts, e.g. a Spring Boot {@code SslBundle}'s trust manager
         * factory.
         *
         * @param factory an initialised factory; must not be {@code null}
         * @return this builder
         */
        public Builder trustManagerFactory(TrustManagerFactory factory) {
            trust = new TrustFactory(Require.notNull(factory, "trustManagerFactory"));
            return this;
        }

        /**
         * Accepts every server certificate, without checking who issued it: the connection is
         * encrypted but anyone in the middle can read it. Only for test servers with self-signed
         * certificates; this is what the official client does by default ({@code
         * tls.client.authServer=false}). Every client with these options logs a warning.
         *
         * @return this builder
         */
        public Builder insecureTrustAllCertificates() {
            trust = new TrustAll();
            return this;
        }

        /**
         * Presents the private key and certificate chain in a key store file to servers that ask
         * for a client certificate (mutual TLS).
         *
         * @param file the key store; must not be {@code null}
         * @param type the {@link java.security.KeyStore} type, e.g. {@code PKCS12} or {@code JKS};
         *     must not be {@code null}
         * @param password the store password, also used for the key; or {@code null} if none
         * @return this builder
         */
        public Builder keyStore(Path file, String type, String password) {
            key = new KeyStoreFile(storeFile(file, type, password));
            return this;
        }

        /**
         * Presents a PEM certificate chain and its private key to servers that ask for a client
         * certificate (mutual TLS).
         *
         * @param certificateChain PEM certificates, the client's first; must not be {@code null}
         * @param privateKey a PKCS#8 PEM key ({@code BEGIN PRIVATE KEY}, or {@code BEGIN ENCRYPTED
         *     PRIVATE KEY}); must not be {@code null}
         * @param password the key's password, or {@code null} if it is not encrypted
         * @return this builder
         */
        public Builder clientCertificate(Path certificateChain, Path privateKey, String password) {
            key =
                    new PemKey(
                            Require.notNull(certificateChain, "certificateChain"),
                            Require.notNull(privateKey, "privateKey"),
                            password);
            return this;
        }

        /**
         * Presents what {@code factory} holds to servers that ask for a client certificate, e.g. a
         * Spring Boot {@code SslBundle}'s key manager factory.
         *
         * @param factory an initialised factory; must not be {@code null}
         * @return this builder
         */
        public Builder keyManagerFactory(KeyManagerFactory factory) {
            key = new KeyFactory(Require.notNull(factory, "keyManagerFactory"));
            return this;
        }

        /**
         * Restricts the TLS protocol versions, e.g. {@code TLSv1.3}; empty (the default) for the
         * JDK's enabled ones.
         *
         * @param protocols must not be {@code null}
         * @return this builder
         */
        public Builder protocols(List<String> protocols) {
            this.protocols = List.copyOf(Require.notNull(protocols, "protocols"));
            return this;
        }

        /**
         * Restricts the cipher suites; empty (the default) for the JDK's defaults.
         *
         * @param ciphers must not be {@code null}
         * @return this builder
         */
        public Builder ciphers(List<String> ciphers) {
            this.ciphers = List.copyOf(Require.notNull(ciphers, "ciphers"));
            return this;
        }

        /**
         * Sets whether the server's address (the IP address or host name a connection dials) must
         * match a subject alternative name of its certificate; default {@code false}, see {@link
         * TlsOptions}.
         *
         * @return this builder
         */
        public Builder verifyHostname(boolean verifyHostname) {
            this.verifyHostname = verifyHostname;
            return this;
        }

        /**
         * Returns the options, after loading every file they name.
         *
         * @throws IllegalArgumentException if a file is missing or unreadable, a password is wrong,
         *     a format is unknown, or a protocol or cipher is not supported; the message names the
         *     file or setting, never a password
         */
        public TlsOptions build() {
            return new TlsOptions(this);
        }

        private static StoreFile storeFile(Path file, String type, String password) {
            Require.notNull(file, "store file");
            Require.notNull(type, "store type");
            Require.that(!type.isBlank(), "store type must not be blank", "'" + type + "'");
            return new StoreFile(file, type, password);
        }
    }
}
