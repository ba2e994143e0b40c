package io.liftoff.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.embedded.CertificateAuthority;
import io.liftoff.embedded.CertificateAuthority.IssuedCertificate;
import io.liftoff.producer.Producer;
import io.liftoff.producer.TlsOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ProducerTlsAutoConfigurationTests {

    @TempDir static Path directory;

    private static CertificateAuthority ca;
    private static IssuedCertificate client;

    private final ApplicationContextRunner contextRunner =
            new ApplicationContextRunner()
                    .withConfiguration(
                            AutoConfigurations.of(
                                    SslAutoConfiguration.class,
                                    LiftoffProducerAutoConfiguration.class))
                    .withPropertyValues(
                            "rocketmq.name-server=127.0.0.1:9876",
                            "rocketmq.producer.group=orders-producer");

    @BeforeAll
    static void issueCertificates() {
        ca = CertificateAuthority.create(directory, "starter");
        client = ca.issue("client");
    }

    @Test
    void runWithoutTlsPropertiesShouldSpeakPlainTcp() {
        this.contextRunner.run(
                (context) ->
                        assertThat(context.getBean(Producer.class).config().tls())
                                .isEqualTo(TlsOptions.disabled()));
    }

    @Test
    void runWithTlsEnableAloneShouldTrustTheJdkDefaults() {
        this.contextRunner
                .withPropertyValues("rocketmq.producer.tls-enable=true")
                .run(
                        (context) -> {
                            TlsOptions tls = context.getBean(Producer.class).config().tls();
                            assertThat(tls.enabled()).isTrue();
                            assertThat(tls.trustsAllCertificates()).isFalse();
                            assertThat(tls.hasClientCertificate()).isFalse();
                            assertThat(tls.toString()).contains("JDK's default trust store");
                        });
    }

    @Test
    void runWithPemBundleShouldHandItsTrustAndKeyMaterialToTheProducer() {
        this.contextRunner
                .withPropertyValues(
                        "spring.ssl.bundle.pem.rocketmq.truststore.certificate="
                                + ca.certificate().toUri(),
                        "spring.ssl.bundle.pem.rocketmq.keystore.certificate="
                                + client.certificateChain().toUri(),
                        "spring.ssl.bundle.pem.rocketmq.keystore.private-key="
                                + client.privateKey().toUri(),
                        "spring.ssl.bundle.pem.rocketmq.options.enabled-protocols=TLSv1.3",
                        "rocketmq.producer.ssl.bundle=rocketmq",
                        "rocketmq.producer.ssl.verify-hostname=true")
                .run(
                        (context) -> {
                            TlsOptions tls = context.getBean(Producer.class).config().tls();
                            assertThat(tls.enabled()).isTrue();
                            assertThat(tls.hasClientCertificate()).isTrue();
                            assertThat(tls.verifiesHostname()).isTrue();
                            assertThat(tls.toString())
                                    .contains("trust manager factory", "protocols=[TLSv1.3]");
                        });
    }

    @Test
    void runWithJksBundleWithoutKeyStoreShouldPresentNoClientCertificate() {
        this.contextRunner
                .withPropertyValues(
                        "spring.ssl.bundle.jks.brokers.truststore.location="
                                + ca.trustStore().toUri(),
                        "spring.ssl.bundle.jks.brokers.truststore.type=PKCS12",
                        "spring.ssl.bundle.jks.brokers.truststore.password="
                                + CertificateAuthority.STORE_PASSWORD,
                        // a bundle implies TLS, whatever tls-enable says
                        "rocketmq.producer.tls-enable=false",
                        "rocketmq.producer.ssl.bundle=brokers")
                .run(
                        (context) -> {
                            TlsOptions tls = context.getBean(Producer.class).config().tls();
                            assertThat(tls.enabled()).isTrue();
                            assertThat(tls.hasClientCertificate()).isFalse();
                            assertThat(tls.toString())
                                    .doesNotContain(CertificateAuthority.STORE_PASSWORD);
                        });
    }

    @Test
    void runWithUnknownBundleShouldFailNamingTheProperty() {
        this.contextRunner
                .withPropertyValues("rocketmq.producer.ssl.bundle=missing")
                .run(
                        (context) -> {
                            assertThat(context).hasFailed();
                            FailureAnalysis analysis =
                                    new InvalidProducerPropertyFailureAnalyzer()
                                            .analyze(context.getStartupFailure());
                            assertThat(analysis.getDescription())
                                    .contains("'rocketmq.producer.ssl.bundle'")
                                    .contains("no SSL bundle named 'missing'")
                                    .contains("spring.ssl.bundle.pem.missing");
                            assertThat(analysis.getAction())
                                    .contains("rocketmq.producer.ssl.bundle");
                        });
    }

    @Test
    void runWithNamedProducerBundleShouldConfigureThatProducer() {
        this.contextRunner
                .withPropertyValues(
                        "spring.ssl.bundle.pem.audit.truststore.certificate="
                                + ca.certificate().toUri(),
                        "rocketmq.producers.audit.group=audit-producer",
                        "rocketmq.producers.audit.ssl.bundle=audit")
                .run(
                        (context) -> {
                            assertThat(context.getBean(Producer.class).config().tls().enabled())
                                    .isFalse();
                            TlsOptions audit =
                                    context.getBean("auditProducer", Producer.class).config().tls();
                            assertThat(audit.enabled()).isTrue();
                        });
    }

    @Test
    void runWithUnknownBundleOnNamedProducerShouldNameItsProperty() {
        this.contextRunner
                .withPropertyValues(
                        "rocketmq.producers.audit.group=audit-producer",
                        "rocketmq.producers.audit.ssl.bundle=nope")
                .run(
                        (context) -> {
                            assertThat(context).hasFailed();
                            FailureAnalysis analysis =
                                    new InvalidProducerPropertyFailureAnalyzer()
                                            .analyze(context.getStartupFailure());
                            assertThat(analysis.getDescription())
                                    .contains("'rocketmq.producers.audit.ssl.bundle'");
                        });
    }
}
