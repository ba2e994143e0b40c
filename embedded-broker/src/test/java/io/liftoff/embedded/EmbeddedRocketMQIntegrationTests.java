package io.liftoff.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbeddedRocketMQIntegrationTests {

    @Test
    void startShouldServeRoutesAndCloseShouldLeaveNothingBehind() throws Exception {
        EmbeddedRocketMQ rocketmq = EmbeddedRocketMQ.builder().start();
        Path workDir = rocketmq.workDir();
        long brokerPid = rocketmq.brokerPid();
        try {
            rocketmq.createTopic("embedded-test", 3);
            AdminCommands.Response route =
                    AdminCommands.call(
                            rocketmq.nameServerAddress(),
                            AdminCommands.GET_ROUTEINFO_BY_TOPIC,
                            Map.of("topic", "embedded-test"),
                            // a read timeout a loaded machine keeps
                            Duration.ofSeconds(30));
            assertThat(route.code()).isEqualTo(AdminCommands.SUCCESS);
            assertThat(route.body())
                    .contains(rocketmq.brokerAddress())
                    .contains("\"writeQueueNums\":3");
            assertThat(workDir.resolve("store/commitlog")).isDirectory();
        } finally {
            rocketmq.close();
        }
        assertThat(Files.exists(workDir)).isFalse();
        assertThat(ProcessHandle.of(brokerPid)).isEmpty();
    }
}
