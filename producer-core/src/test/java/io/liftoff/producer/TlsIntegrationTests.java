package io.liftoff.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.embedded.OfficialConsumer;
import io.liftoff.producer.message.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sends over TLS to a real NameServer and Broker that accept TLS connections only ({@code
 * tls.server.mode=enforcing}), read back with the official consumer over TLS; and the failures a
 * misconfigured client meets there.
 */
class TlsIntegrationTests {

    private static final String TOPIC = "tls-orders";

    private static EmbeddedRocketMQ rocketmq;

    @BeforeAll
    static void startCluster() {
        rocketmq = EmbeddedRocketMQ.builder().tls().start();
        rocketmq.createTopic(TOPIC, 4);
    }

    @AfterAll
    static void stopCluster() {
        if (rocketmq != null) {
            rocketmq.close();
        }
    }

    @Test
    void sendShouldReachTheBrokerOverTlsInEveryMode() throws Exception {
        List<String> sentIds = new ArrayList<>();
        TlsOptions tls =
                TlsOptions.builder()
                        .trustCertificates(rocketmq.certificateAuthority().certificate())
                        .build();
        try (Producer producer = Producer.create(config("tls-modes", tls))) {
            for (int i = 0; i < 5; i++) {
                SendResult result = producer.send(message("sync-" + i));
                assertThat(result.status()).isEqualTo(SendStatus.SEND_OK);
                sentIds.add(result.messageId());
            }
            List<CompletableFuture<SendResult>> async = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                async.add(producer.sendAsync(message("async-" + i)));
            }
            for (CompletableFuture<SendResult> result : async) {
                sentIds.add(result.get().messageId());
            }
            List<SendResult> batch =
                    producer.sendBatch(List.of(message("batch-0"), message("batch-1")));
            batch.forEach(result -> sentIds.add(result.messageId()));
        }

        List<MessageExt> read =
                OfficialConsumer.readAll(rocketmq, TOPIC, sentIds.size(), Duration.ofSeconds(60));

        assertThat(read.stream().map(MessageExt::getMsgId).collect(Collectors.toSet()))
                .containsAll(sentIds);
        assertThat(read.stream().map(m -> new String(m.getBody(), StandardCharsets.UTF_8)))
                .contains("sync-0", "async-4", "batch-1");
    }

    @Test
    void sendWithTlsOffShouldFailWithAHintToTurnTlsOn() {
        try (Producer producer = Producer.create(config("tls-off", TlsOptions.disabled()))) {
            Throwable failure = catchThrowable(() -> producer.send(message("plain")));

            assertThat(failure).isInstanceOf(ProducerException.class);
            assertThat(messages(failure))
                    .contains(rocketmq.nameServerAddress())
                    .contains("if the server enforces TLS");
        }
    }

    @Test
    void sendWhenTheServerCertificateIsNotTrustedShouldSaySo() {
        // the JDK's default trust store does not know the cluster's throwaway CA
        try (Producer producer =
                Producer.create(config("tls-untrusted", TlsOptions.builder().build()))) {
            Throwable failure = catchThrowable(() -> producer.send(message("untrusted")));

            assertThat(failure).isInstanceOf(ProducerException.class);
            assertThat(messages(failure))
                    .contains("TLS handshake with " + rocketmq.nameServerAddress() + " failed")
                    .contains("certificate is not trusted");
        }
    }

    static String messages(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            text.append(t).append('\n');
            for (Throwable suppressed : t.getSuppressed()) {
                text.append(suppressed).append('\n');
            }
        }
        return text.toString();
    }

    private static Message message(String body) {
        return Message.builder(TOPIC).tags("tls").body(body).build();
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
