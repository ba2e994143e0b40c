package io.liftoff.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.net.SocketFactory;
import org.junit.jupiter.api.Test;

class EmbeddedRocketMQTlsIntegrationTests {

    @Test
    void tlsClusterShouldServeOverTlsOnlyAndDeleteItsCertificatesOnClose() {
        EmbeddedRocketMQ rocketmq = EmbeddedRocketMQ.builder().tls().start();
        Path workDir = rocketmq.workDir();
        try {
            assertThat(rocketmq.tlsEnforced()).isTrue();
            assertThat(rocketmq.clientCertificatesRequired()).isFalse();
            assertThat(rocketmq.certificateAuthority().certificate()).startsWith(workDir).exists();
            // admin requests go over TLS
            rocketmq.createTopic("embedded-tls", 2);

            // a plain connection is closed by the enforcing NameServer
            assertThatExceptionOfType(IOException.class)
                    .isThrownBy(
                            () ->
                                    AdminCommands.call(
                                            rocketmq.nameServerAddress(),
                                            AdminCommands.GET_ROUTEINFO_BY_TOPIC,
                                            Map.of("topic", "embedded-tls"),
                                            Duration.ofSeconds(5),
                                            SocketFactory.getDefault(),
                                            null));
        } finally {
            rocketmq.close();
        }
        assertThat(Files.exists(workDir)).isFalse();
    }
}
