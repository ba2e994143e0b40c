package io.liftoff.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.embedded.EmbeddedRocketMQExtension;
import io.liftoff.producer.message.Message;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.rocketmq.client.ClientConfig;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.impl.MQClientAPIImpl;
import org.apache.rocketmq.remoting.netty.NettyClientConfig;
import org.apache.rocketmq.remoting.protocol.body.Connection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Registration, sharing and shutdown of producers, checked with the real broker's own view. */
@ExtendWith(EmbeddedRocketMQExtension.class)
class ProducerLifecycleIntegrationTests {

    private static final String TOPIC = "lifecycle";

    private static EmbeddedRocketMQ rocketmq;
    private static MQClientAPIImpl officialAdmin;

    @BeforeAll
    static void start(EmbeddedRocketMQ cluster) {
        rocketmq = cluster;
        cluster.createTopic(TOPIC, 2);
        officialAdmin =
                new MQClientAPIImpl(new NettyClientConfig(), null, null, new ClientConfig());
        officialAdmin.start();
    }

    @AfterAll
    static void stop() {
        officialAdmin.shutdown();
    }

    @Test
    void sendShouldRegisterTheGroupAndCloseShouldUnregisterIt() throws Exception {
        ProducerConfig config = config("lifecycle-group", "lifecycle-instance");
        Producer producer = Producer.create(config);
        try {
            producer.send(Message.builder(TOPIC).body("hi").build());

            // the bounds only keep a failure from hanging
            await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> clientIdsOf("lifecycle-group"),
                            ids -> ids.stream().anyMatch(id -> id.endsWith("@lifecycle-instance")));
        } finally {
            producer.close();
        }
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> clientIdsOf("lifecycle-group"),
                        ids -> ids.stream().noneMatch(id -> id.endsWith("@lifecycle-instance")));
    }

    @Test
    void closeShouldBeIdempotentAndLeaveNoThreadBehind() {
        Producer producer = Producer.create(config("threads-group", "threads-instance"));
        producer.send(Message.builder(TOPIC).body("hi").build());
        assertThat(liftoffThreads()).isNotEmpty();

        producer.close();
        producer.close();

        await().atMost(Duration.ofSeconds(30)).until(() -> liftoffThreads().isEmpty());
        assertThatExceptionOfType(ProducerException.class)
                .isThrownBy(() -> producer.send(Message.builder(TOPIC).body("late").build()))
                .withMessageContaining("is closed");
    }

    @Test
    void createWhenGroupAlreadyRunsOnTheSameClientShouldRefuse() {
        ProducerConfig config = config("twice-group", "twice-instance");
        try (Producer first = Producer.create(config)) {
            assertThatIllegalStateException()
                    .isThrownBy(() -> Producer.create(config))
                    .withMessageContaining("'twice-group' already has a running producer");
            assertThat(first.send(Message.builder(TOPIC).body("still fine").build()).status())
                    .isEqualTo(SendStatus.SEND_OK);
        }
    }

    @Test
    void producersWithEqualSettingsShouldShareOneClient() {
        try (Producer first = Producer.create(config("shared-a", "shared-instance"));
                Producer second = Producer.create(config("shared-b", "shared-instance"))) {
            first.send(Message.builder(TOPIC).body("a").build());
            second.send(Message.builder(TOPIC).body("b").build());

            assertThat(clientThreadsOf("shared-instance")).hasSize(1);
        }
    }

    private static Set<String> clientIdsOf(String group) throws Exception {
        try {
            return officialAdmin
                    .getProducerConnectionList(rocketmq.brokerAddress(), group, 30_000)
                    .getConnectionSet()
                    .stream()
                    .map(Connection::getClientId)
                    .collect(Collectors.toSet());
        } catch (MQBrokerException e) {
            // the broker answers an error once a group has no producer left
            return Set.of();
        }
    }

    private static Set<String> liftoffThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("liftoff-"))
                .collect(Collectors.toSet());
    }

    /**
     * The live threads of the client of {@code instance}, named {@code liftoff-client-ip@instance}:
     * counted, not collected by name, so that two clients of one instance name would count twice;
     * and only those of this instance, since a client an earlier test closed may still be stopping
     * its thread on a loaded machine.
     */
    private static List<String> clientThreadsOf(String instance) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("liftoff-client-"))
                .filter(name -> name.endsWith("@" + instance))
                .toList();
    }

    private static ProducerConfig config(String group, String instance) {
        return ProducerConfig.builder()
                .nameServer(rocketmq.nameServerAddress())
                .group(group)
                .instanceName(instance)
                .build();
    }
}
