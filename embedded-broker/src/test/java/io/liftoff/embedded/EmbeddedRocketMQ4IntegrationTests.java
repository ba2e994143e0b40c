package io.liftoff.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbeddedRocketMQ4IntegrationTests {

    @Test
    void startWithRocketMQ4ClasspathShouldRunA49Broker() throws Exception {
        Path classpath = Path.of(System.getProperty("liftoff.rocketmq4.classpath"));
        try (EmbeddedRocketMQ rocketmq =
                EmbeddedRocketMQ.builder().serverClasspathFile(classpath).start()) {
            rocketmq.createTopic("embedded-4", 2);

            AdminCommands.Response route =
                    AdminCommands.call(
                            rocketmq.nameServerAddress(),
                            AdminCommands.GET_ROUTEINFO_BY_TOPIC,
                            Map.of("topic", "embedded-4"),
                            // a read timeout a loaded machine keeps
                            Duration.ofSeconds(30));
            assertThat(route.code()).isEqualTo(AdminCommands.SUCCESS);
            assertThat(route.body()).contains(rocketmq.brokerAddress());
            assertThat(route.body()).doesNotContain("enableActingMaster");
        }
    }
}
