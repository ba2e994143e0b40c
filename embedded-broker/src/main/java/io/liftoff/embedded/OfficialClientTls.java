package io.liftoff.embedded;

import org.apache.rocketmq.client.ClientConfig;
import org.apache.rocketmq.remoting.netty.TlsSystemConfig;

/**
 * Makes an official client speak TLS to an embedded cluster. {@code setUseTLS} is per client; the
 * trust and key material of the official client is not: it lives in {@link TlsSystemConfig}'s
 * static fields. The client reads them once, when it starts, so for a cluster that requires client
 * certificates they are set around {@code start()} only, under a lock, and then restored. Without
 * that the official client trusts every server certificate (its {@code tls.test.mode.enable}
 * default), which is all an oracle needs.
 */
final class OfficialClientTls {

    /** Starts an official client. */
    @FunctionalInterface
    interface Start {
        void run() throws Exception;
    }

    private static final OfficialClientTls NONE = new OfficialClientTls(null);

    private final EmbeddedRocketMQ cluster;

    private OfficialClientTls(EmbeddedRocketMQ cluster) {
        this.cluster = cluster;
    }

    /** Plain TCP. */
    static OfficialClientTls none() {
        return NONE;
    }

    /** Whatever {@code cluster} needs: plain, TLS, or TLS with the cluster's client certificate. */
    static OfficialClientTls of(EmbeddedRocketMQ cluster) {
        return cluster.tlsEnforced() ? new OfficialClientTls(cluster) : NONE;
    }

    /** Configures {@code client} and runs {@code start}, which starts it. */
    void start(ClientConfig client, Start start) throws Exception {
        if (cluster == null) {
            start.run();
            return;
        }
        client.setUseTLS(true);
        if (!cluster.clientCertificatesRequired()) {
            start.run();
            return;
        }
        synchronized (TlsSystemConfig.class) {
            boolean testMode = TlsSystemConfig.tlsTestModeEnable;
            boolean authServer = TlsSystemConfig.tlsClientAuthServer;
            String trust = TlsSystemConfig.tlsClientTrustCertPath;
            String certificate = TlsSystemConfig.tlsClientCertPath;
            String key = TlsSystemConfig.tlsClientKeyPath;
            String keyPassword = TlsSystemConfig.tlsClientKeyPassword;
            try {
                TlsSystemConfig.tlsTestModeEnable = false;
                TlsSystemConfig.tlsClientAuthServer = false;
                TlsSystemConfig.tlsClientTrustCertPath = null;
                TlsSystemConfig.tlsClientCertPath =
                        cluster.clientCertificate().certificateChain().toString();
                TlsSystemConfig.tlsClientKeyPath =
                        cluster.clientCertificate().privateKey().toString();
                TlsSystemConfig.tlsClientKeyPassword = null;
                start.run();
            } finally {
                TlsSystemConfig.tlsTestModeEnable = testMode;
                TlsSystemConfig.tlsClientAuthServer = authServer;
                TlsSystemConfig.tlsClientTrustCertPath = trust;
                TlsSystemConfig.tlsClientCertPath = certificate;
                TlsSystemConfig.tlsClientKeyPath = key;
                TlsSystemConfig.tlsClientKeyPassword = keyPassword;
            }
        }
    }
}
