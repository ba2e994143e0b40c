package io.liftoff.embedded;

import io.liftoff.embedded.CertificateAuthority.IssuedCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import javax.net.SocketFactory;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS side of an embedded cluster whose servers enforce TLS: a throwaway CA, a server
 * certificate for 127.0.0.1 that both servers present, a client certificate for mutual TLS, and the
 * official servers' {@code tls.*} system properties ({@code TlsSystemConfig} in RocketMQ).
 */
final class ClusterTls {

    private final CertificateAuthority ca;
    private final IssuedCertificate server;
    private final IssuedCertificate client;
    private final boolean requireClientCertificates;
    private final Path missingConfigFile;

    private ClusterTls(Path directory, boolean requireClientCertificates) throws IOException {
        Path tls = Files.createDirectories(directory.resolve("tls"));
        this.ca = CertificateAuthority.create(tls, "cluster");
        this.server = ca.issue("server", "127.0.0.1", "localhost");
        this.client = ca.issue("client", "liftoff-test-client");
        this.requireClientCertificates = requireClientCertificates;
        this.missingConfigFile = tls.resolve("no-tls.properties");
    }

    /** Creates the certificates in {@code directory}/tls. */
    static ClusterTls create(Path directory, boolean requireClientCertificates) throws IOException {
        return new ClusterTls(directory, requireClientCertificates);
    }

    CertificateAuthority certificateAuthority() {
        return ca;
    }

    IssuedCertificate clientCertificate() {
        return client;
    }

    boolean requiresClientCertificates() {
        return requireClientCertificates;
    }

    /**
     * The system properties of a server JVM: its listeners enforce TLS with the server certificate,
     * and its own client (the broker's registration with the NameServer) speaks TLS, checks the
     * server against the CA and presents the client certificate.
     */
    List<String> serverJvmOptions() {
        List<String> options = new ArrayList<>();
        options.add("-Dtls.server.mode=enforcing");
        options.add("-Dtls.enable=true");
        // test mode would replace all of this with a self-signed certificate and trust-all
        options.add("-Dtls.test.mode.enable=false");
        // otherwise /etc/rocketmq/tls.properties, if present, would override these
        options.add("-Dtls.config.file=" + missingConfigFile);
        options.add("-Dtls.server.certPath=" + server.certificateChain());
        options.add("-Dtls.server.keyPath=" + server.privateKey());
        options.add(
                "-Dtls.server.need.client.auth="
                        + (requireClientCertificates ? "require" : "none"));
        options.add("-Dtls.server.authClient=" + requireClientCertificates);
        options.add("-Dtls.server.trustCertPath=" + ca.certificate());
        options.add("-Dtls.client.authServer=true");
        // RocketMQ 5.3.3 is built for Netty 4.1 and creates client engines without a peer host;
        // the Netty 4.2 on this classpath would then check that missing host name against the
        // certificate and refuse every handshake. The chain is still checked against the CA.
        options.add("-Dio.netty.handler.ssl.defaultEndpointVerificationAlgorithm=NONE");
        options.add("-Dtls.client.trustCertPath=" + ca.certificate());
        options.add("-Dtls.client.certPath=" + client.certificateChain());
        options.add("-Dtls.client.keyPath=" + client.privateKey());
        return options;
    }

    /** Sockets for the admin requests: trust the CA, present the client certificate. */
    SocketFactory socketFactory() {
        try {
            char[] password = CertificateAuthority.STORE_PASSWORD.toCharArray();
            TrustManagerFactory trust =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(load(ca.trustStore(), password));
            KeyManagerFactory keys =
                    KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(client.keyStore(), password), password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS for the admin requests", e);
        }
    }

    private static KeyStore load(Path file, char[] password)
            throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        return store;
    }
}
