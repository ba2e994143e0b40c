package io.liftoff.spring.autoconfigure;

import io.liftoff.producer.TlsOptions;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.util.StringUtils;

/**
 * Turns a producer's {@code tls-enable} and {@code ssl.*} properties into {@link TlsOptions}: an
 * SSL bundle hands over its trust and key managers and its protocols and ciphers; {@code
 * tls-enable} alone trusts the JDK's default trust store.
 */
final class ProducerTls {

    private ProducerTls() {}

    /**
     * Returns the TLS options of {@code source}.
     *
     * @throws InvalidProducerPropertyException naming {@code ssl.bundle} when the bundle does not
     *     exist or cannot be used
     */
    static TlsOptions resolve(ProducerSource source, ObjectProvider<SslBundles> sslBundles) {
        RocketMQProperties.Producer properties = source.properties();
        String bundleName = properties.getSsl().getBundle();
        boolean verifyHostname = properties.getSsl().isVerifyHostname();
        if (!StringUtils.hasText(bundleName)) {
            return properties.isTlsEnable()
                    ? TlsOptions.builder().verifyHostname(verifyHostname).build()
                    : TlsOptions.disabled();
        }
        String property = source.key("ssl.bundle");
        SslBundles bundles = sslBundles.getIfAvailable();
        if (bundles == null) {
            throw InvalidProducerPropertyException.invalid(
                    property,
                    "SSL bundle '"
                            + bundleName
                            + "' cannot be looked up: there is no SslBundles bean (Spring Boot's"
                            + " SslAutoConfiguration provides one)",
                    null);
        }
        SslBundle bundle;
        try {
            bundle = bundles.getBundle(bundleName);
        } catch (NoSuchSslBundleException ex) {
            throw InvalidProducerPropertyException.invalid(
                    property,
                    "there is no SSL bundle named '"
                            + bundleName
                            + "'; define it under spring.ssl.bundle.jks."
                            + bundleName
                            + " or spring.ssl.bundle.pem."
                            + bundleName,
                    ex);
        }
        try {
            return fromBundle(bundle, verifyHostname);
        } catch (IllegalArgumentException | IllegalStateException ex) {
            throw InvalidProducerPropertyException.invalid(
                    property, "SSL bundle '" + bundleName + "': " + ex.getMessage(), ex);
        }
    }

    private static TlsOptions fromBundle(SslBundle bundle, boolean verifyHostname) {
        TlsOptions.Builder tls =
                TlsOptions.builder()
                        .trustManagerFactory(bundle.getManagers().getTrustManagerFactory())
                        .verifyHostname(verifyHostname);
        // a bundle without a key store still has a (empty) key manager factory: present none
        if (bundle.getStores().getKeyStore() != null) {
            tls.keyManagerFactory(bundle.getManagers().getKeyManagerFactory());
        }
        SslOptions options = bundle.getOptions();
        if (options.getEnabledProtocols() != null) {
            tls.protocols(List.of(options.getEnabledProtocols()));
        }
        if (options.getCiphers() != null) {
            tls.ciphers(List.of(options.getCiphers()));
        }
        return tls.build();
    }
}
