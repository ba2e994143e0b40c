package io.liftoff.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.liftoff.embedded.CertificateAuthority;
import io.liftoff.embedded.CertificateAuthority.IssuedCertificate;
import io.liftoff.producer.internal.remoting.RemotingOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsOptionsTests {

    private static final String PASSWORD = CertificateAuthority.STORE_PASSWORD;

    @TempDir static Path directory;

    private static CertificateAuthority ca;
    private static IssuedCertificate client;

    @BeforeAll
    static void issueCertificates() {
        ca = CertificateAuthority.create(directory, "options");
        client = ca.issue("client");
    }

    @Test
    void disabledShouldBeTheRemotingDefault() {
        assertThat(RemotingOptions.defaults().tls()).isEqualTo(TlsOptions.disabled());
        assertThat(TlsOptions.disabled().enabled()).isFalse();
        assertThat(TlsOptions.disabled()).hasToString("TlsOptions[disabled]");
    }

    @Test
    void buildWithoutTrustMaterialShouldTrustTheJdkDefaultsAndVerifyServers() {
        TlsOptions tls = TlsOptions.builder().build();

        assertThat(tls.enabled()).isTrue();
        assertThat(tls.trustsAllCertificates()).isFalse();
        assertThat(tls.verifiesHostname()).isFalse();
        assertThat(tls.toString()).contains("the JDK's default trust store");
    }

    @Test
    void buildWhenTrustStoreIsMissingShouldNameTheFile() {
        Path missing = directory.resolve("nope.p12");

        assertThatIllegalArgumentException()
                .isThrownBy(
                        () -> TlsOptions.builder().trustStore(missing, "PKCS12", PASSWORD).build())
                .withMessageContaining("trust store " + missing)
                .withMessageContaining("does not exist");
    }

    @Test
    void buildWhenTrustStorePasswordIsWrongShouldSaySoWithoutShowingIt() {
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                TlsOptions.builder()
                                        .trustStore(ca.trustStore(), "PKCS12", "wrong-secret")
                                        .build())
                .withMessageContaining(ca.trustStore().toString())
                .withMessageContaining("password is wrong")
                .withMessageNotContaining("wrong-secret");
    }

    @Test
    void buildWhenKeyStorePasswordIsWrongShouldSaySoWithoutShowingIt() {
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                TlsOptions.builder()
                                        .keyStore(client.keyStore(), "PKCS12", "bad-secret")
                                        .build())
                .withMessageContaining("key store " + client.keyStore())
                .withMessageNotContaining("bad-secret");
    }

    @Test
    void buildWhenStoreTypeIsUnknownShouldNameIt() {
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                TlsOptions.builder()
                                        .trustStore(ca.trustStore(), "NOSUCHTYPE", PASSWORD)
                                        .build())
                .withMessageContaining("NOSUCHTYPE");
    }

    @Test
    void buildWhenPemFileHoldsNoCertificateShouldSayWhatItMustHold() throws Exception {
        Path garbage = Files.writeString(directory.resolve("garbage.pem"), "not a certificate");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> TlsOptions.builder().trustCertificates(garbage).build())
                .withMessageContaining(garbage.toString())
                .withMessageContaining("BEGIN CERTIFICATE");
    }

    @Test
    void buildWhenPrivateKeyIsNotPkcs8ShouldSaySo() {
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                TlsOptions.builder()
                                        // a certificate where the key should be
                                        .clientCertificate(
                                                client.certificateChain(),
                                                client.certificateChain(),
                                                null)
                                        .build())
                .withMessageContaining("PKCS#8");
    }

    @Test
    void toStringShouldMaskPasswords() {
        TlsOptions tls =
                TlsOptions.builder()
                        .trustStore(ca.trustStore(), "PKCS12", PASSWORD)
                        .keyStore(client.keyStore(), "PKCS12", PASSWORD)
                        .build();

        assertThat(tls.toString())
                .contains(ca.trustStore().toString(), client.keyStore().toString(), "****")
                .doesNotContain(PASSWORD);
        assertThat(tls.hasClientCertificate()).isTrue();
    }

    @Test
    void equalsShouldCompareSettingsSoThatProducersCanShareAClient() throws Exception {
        TlsOptions first =
                TlsOptions.builder()
                        .trustCertificates(ca.certificate())
                        .protocols(List.of("TLSv1.3"))
                        .build();
        TlsOptions second =
                TlsOptions.builder()
                        .trustCertificates(ca.certificate())
                        .protocols(List.of("TLSv1.3"))
                        .build();
        TrustManagerFactory factory =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((java.security.KeyStore) null);

        assertThat(first).isEqualTo(second).hasSameHashCodeAs(second);
        assertThat(first)
                .isNotEqualTo(TlsOptions.builder().trustCertificates(ca.certificate()).build());
        assertThat(TlsOptions.builder().trustManagerFactory(factory).build())
                .isEqualTo(TlsOptions.builder().trustManagerFactory(factory).build());
    }

    @Test
    void insecureTrustAllShouldBeVisibleInToString() {
        TlsOptions tls = TlsOptions.builder().insecureTrustAllCertificates().build();

        assertThat(tls.trustsAllCertificates()).isTrue();
        assertThat(tls.toString()).contains("INSECURE");
    }
}
