package io.liftoff.producer.internal.remoting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.liftoff.embedded.CertificateAuthority;
import io.liftoff.embedded.CertificateAuthority.IssuedCertificate;
import io.liftoff.producer.TlsOptions;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS between the remoting client and a fake TLS server, with throwaway certificates. */
class RemotingClientTlsTests {

    private static final Duration WAIT = FakeServer.WAIT;

    @TempDir static Path certificates;

    private static CertificateAuthority ca;
    private static IssuedCertificate server;
    private static IssuedCertificate otherHost;
    private static IssuedCertificate client;
    private static IssuedCertificate strangerClient;

    @BeforeAll
    static void issueCertificates() {
        ca = CertificateAuthority.create(certificates, "test");
        server = ca.issue("server", "127.0.0.1", "localhost");
        otherHost = ca.issue("other-host", "broker.example.com");
        client = ca.issue("client");
        strangerClient = CertificateAuthority.create(certificates, "stranger").issue("stranger");
    }

    @Test
    void invokeWhenServerCertificateIsSignedByTrustedCaShouldSucceedOverTls() throws Exception {
        try (FakeServer tlsServer = FakeServer.echoTls(serverContext(server, ClientAuth.NONE));
                RemotingClient remoting = client(trustingCa().build())) {
            Command response =
                    echo(remoting, tlsServer).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

            assertThat(response.extFields()).containsEntry("k", "v");
            assertThat(tlsServer.take().extFields()).containsEntry("k", "v");
        }
    }

    @Test
    void invokeWhenServerCertificateIsNotTrustedShouldFailNamingTheAddressAndTheCause()
            throws Exception {
        try (FakeServer tlsServer = FakeServer.echoTls(serverContext(server, ClientAuth.NONE));
                // the JDK's default trust store does not know the test CA
                RemotingClient remoting = client(TlsOptions.builder().build())) {
            Throwable failure = failureOf(echo(remoting, tlsServer));

            assertThat(failure)
                    .isInstanceOf(RemotingConnectException.class)
                    .hasMessageContaining("TLS handshake with " + tlsServer.address() + " failed")
                    .hasMessageContaining("certificate is not trusted");
            assertThat(remoting.pendingCount()).isZero();
        }
    }

    @Test
    void invokeWhenTrustingAllCertificatesShouldAcceptAnUnknownIssuer() throws Exception {
        try (FakeServer tlsServer = FakeServer.echoTls(serverContext(server, ClientAuth.NONE));
                RemotingClient remoting =
                        client(TlsOptions.builder().insecureTrustAllCertificates().build())) {
            assertThat(echo(remoting, tlsServer).get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                    .isNotNull();
        }
    }

    @Test
    void invokeWhenVerifyingHostnameShouldAcceptACertificateNamingTheAddress() throws Exception {
        try (FakeServer tlsServer = FakeServer.echoTls(serverContext(server, ClientAuth.NONE));
                RemotingClient remoting = client(trustingCa().verifyHostname(true).build())) {
            assertThat(echo(remoting, tlsServer).get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                    .isNotNull();
        }
    }

    @Test
    void invokeWhenVerifyingHostnameShouldRefuseACertificateForAnotherHost() throws Exception {
        try (FakeServer tlsServer = FakeServer.echoTls(serverContext(otherHost, ClientAuth.NONE));
                RemotingClient remoting = client(trustingCa().verifyHostname(true).build())) {
            assertThat(failureOf(echo(remoting, tlsServer)))
                    .isInstanceOf(RemotingConnectException.class)
                    .hasMessageContaining("certificate does not name 127.0.0.1");
        }
    }

    @Test
    void invokeWhenNotVerifyingHostnameShouldAcceptATrustedCertificateForAnotherHost()
            throws Exception {
        try (FakeServer tlsServer = FakeServer.echoTls(serverContext(otherHost, ClientAuth.NONE));
                RemotingClient remoting = client(trustingCa().build())) {
            assertThat(echo(remoting, tlsServer).get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                    .isNotNull();
        }
    }

    @Test
    void invokeWhenServerRequiresClientCertificateAndNoneIsConfiguredShouldSaySo()
            throws Exception {
        try (FakeServer tlsServer = FakeServer.echoTls(serverContext(server, ClientAuth.REQUIRE));
                RemotingClient remoting = client(trustingCa().build())) {
            Throwable failure = failureOf(echo(remoting, tlsServer));

            assertThat(failure).isInstanceOf(RemotingException.class);
            assertThat(failure.getMessage()).contains(tlsServer.address());
            assertThat(failure.getMessage()).contains("requires a client certificate");
        }
    }

    @Test
    void invokeWhenServerRequiresClientCertificateShouldPresentTheConfiguredOne() throws Exception {
        try (FakeServer tlsServer = FakeServer.echoTls(serverContext(server, ClientAuth.REQUIRE));
                RemotingClient pemClient =
                        client(
                                trustingCa()
                                        .clientCertificate(
                                                client.certificateChain(),
                                                client.privateKey(),
                                                null)
                                        .build());
                RemotingClient storeClient =
                        client(
                                trustingCa()
                                        .keyStore(
                                                client.keyStore(),
                                                "PKCS12",
                                                CertificateAuthority.STORE_PASSWORD)
                                        .build())) {
            assertThat(echo(pemClient, tlsServer).get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                    .isNotNull();
            assertThat(echo(storeClient, tlsServer).get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                    .isNotNull();
        }
    }

    @Test
    void invokeWhenServerDoesNotTrustTheClientCertificateShouldFail() throws Exception {
        try (FakeServer tlsServer = FakeServer.echoTls(serverContext(server, ClientAuth.REQUIRE));
                RemotingClient remoting =
                        client(
                                trustingCa()
                                        .clientCertificate(
                                                strangerClient.certificateChain(),
                                                strangerClient.privateKey(),
                                                null)
                                        .build())) {
            Throwable failure = failureOf(echo(remoting, tlsServer));

            assertThat(failure).isInstanceOf(RemotingException.class);
            assertThat(failure.getMessage())
                    .contains(tlsServer.address())
                    .contains("refused the client certificate");
        }
    }

    @Test
    void invokeWhenServerDoesNotSpeakTlsShouldFailTheHandshake() throws Exception {
        try (FakeServer plainServer = FakeServer.echo();
                RemotingClient remoting = client(trustingCa().build())) {
            Throwable failure = failureOf(echo(remoting, plainServer));

            assertThat(failure)
                    .isInstanceOf(RemotingConnectException.class)
                    .hasMessageContaining(
                            "TLS handshake with " + plainServer.address() + " failed");
        }
    }

    @Test
    void invokeWhenServerNeverAnswersTheHandshakeShouldFailWithinTheConnectTimeout()
            throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                RemotingClient remoting =
                        new RemotingClient(
                                RemotingOptions.builder()
                                        .tls(trustingCa().build())
                                        .connectTimeout(Duration.ofMillis(300))
                                        .build())) {
            String address = "127.0.0.1:" + silent.getLocalPort();
            CompletableFuture<Command> future =
                    remoting.invoke(
                            address, Command.request(105, Map.of(), null), WAIT.multipliedBy(3));
            try (Socket accepted = silent.accept()) {
                Throwable failure = failureOf(future);

                assertThat(failure)
                        .isInstanceOf(RemotingConnectException.class)
                        .hasMessageContaining("no handshake within the connect timeout");
            }
        }
    }

    @Test
    void invokeWithoutTlsWhenServerEnforcesTlsShouldFailWithAHint() throws Exception {
        try (FakeServer tlsServer = FakeServer.echoTls(serverContext(server, ClientAuth.NONE));
                RemotingClient remoting = new RemotingClient(RemotingOptions.defaults())) {
            Throwable failure = failureOf(echo(remoting, tlsServer));

            assertThat(failure)
                    .isInstanceOf(ConnectionClosedException.class)
                    .hasMessageContaining(tlsServer.address())
                    .hasMessageContaining("if the server enforces TLS");
        }
    }

    private static TlsOptions.Builder trustingCa() {
        return TlsOptions.builder().trustCertificates(ca.certificate());
    }

    private static RemotingClient client(TlsOptions tls) {
        return new RemotingClient(RemotingOptions.builder().tls(tls).build());
    }

    private static CompletableFuture<Command> echo(RemotingClient remoting, FakeServer target) {
        return remoting.invoke(
                target.address(), Command.request(105, Map.of("k", "v"), null), WAIT);
    }

    private static Throwable failureOf(CompletableFuture<?> future) {
        Throwable thrown = catchThrowable(() -> future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertThat(thrown).as("the request's failure").isInstanceOf(ExecutionException.class);
        return thrown.getCause();
    }

    private static SslContext serverContext(IssuedCertificate identity, ClientAuth clientAuth)
            throws IOException {
        return SslContextBuilder.forServer(
                        identity.certificateChain().toFile(), identity.privateKey().toFile())
                .trustManager(ca.certificate().toFile())
                .clientAuth(clientAuth)
                .build();
    }
}
