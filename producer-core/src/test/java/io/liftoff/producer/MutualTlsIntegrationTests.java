package io.liftoff.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.liftoff.embedded.CertificateAuthority;
import io.liftoff.embedded.CertificateAuthority.IssuedCertificate;
import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.embedded.OfficialConsumer;
import io.liftoff.producer.message.Message;
import java.time.Duration;
import java.util.List;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mutual TLS against a real NameServer and Broker that require a client certificate signed by their
 * CA ({@code tls.server.need.client.auth=require}).
 */
class MutualTlsIntegrationTests {

    private static final String TOPIC = "mtls-orders";

    private static EmbeddedRocketMQ rocketmq;

    @BeforeAll
    static void startCluster() {
        rocketmq = EmbeddedRocketMQ.builder().requireClientCertificates().start();
        rocketmq.createTopic(TOPIC, 2);
    }

    @AfterAll
    static void stopCluster() {
        if (rocketmq != null) {
            rocketmq.close();
        }
    }

    @Test
    void sendWithTheClientCertificateShouldReachTheBroker() throws Exception {
        IssuedCertificate client = rocketmq.clientCertificate();
        TlsOptions pem =
                trustingCluster()
                        .clientCertificate(client.certificateChain(), client.privateKey(), null)
                        .build();
        TlsOptions keyStore =
                trustingCluster()
                        .keyStore(client.keyStore(), "PKCS12", CertificateAuthority.STORE_PASSWORD)
                        .build();
        String first;
        String second;
        try (Producer producer = Producer.create(config("mtls-pem", pem))) {
            first = producer.send(message("pem")).messageId();
        }
        try (Producer producer = Producer.create(config("mtls-store", keyStore))) {
            second = producer.send(message("store")).messageId();
        }

        List<MessageExt> read =
                OfficialConsumer.readAll(rocketmq, TOPIC, 2, Duration.ofSeconds(60));

        assertThat(read).extracting(MessageExt::getMsgId).contains(first, second);
    }

    @Test
    void sendWithoutAClientCertificateShouldSayTheServerRequiresOne() {
        try (Producer producer = Producer.create(config("mtls-none", trustingCluster().build()))) {
            Throwable failure = catchThrowable(() -> producer.send(message("none")));

            assertThat(failure).isInstanceOf(ProducerException.class);
            assertThat(TlsIntegrationTests.messages(failure))
                    .contains(rocketmq.nameServerAddress())
                    .contains("requires a client certificate");
        }
    }

    private static TlsOptions.Builder trustingCluster() {
        return TlsOptions.builder()
                .trustCertificates(rocketmq.certificateAuthority().certificate());
    }

    private static Message message(String body) {
        return Message.builder(TOPIC).body(body).build();
    }

    private static ProducerConfig config(String group, TlsOptions tls) {
        return ProducerConfig.builder()
                .nameServer(rocketmq.nameServerAddress())
                .group(group)
                .sendTimeout(Duration.ofSeconds(10))
                // name-server requests wait this long: a server's refusal, not a timeout on a
                // loaded machine, must be what a failing case sees
                .requestTimeout(Duration.ofSeconds(30))
                .tls(tls)
                .build();
    }
}
