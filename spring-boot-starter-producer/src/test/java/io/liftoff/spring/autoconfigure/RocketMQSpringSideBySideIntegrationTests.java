package io.liftoff.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.embedded.EmbeddedRocketMQExtension;
import io.liftoff.producer.Producer;
import io.liftoff.producer.ProducerConfig;
import io.liftoff.spring.core.ProducerTemplate;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.spring.annotation.RocketMQMessageListener;
import org.apache.rocketmq.spring.autoconfigure.RocketMQAutoConfiguration;
import org.apache.rocketmq.spring.core.RocketMQListener;
import org.apache.rocketmq.spring.core.RocketMQTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The real rocketmq-spring-boot-starter 2.3.5 in the same application as Liftoff, against a real
 * broker: rocketmq-spring consumes, Liftoff is the one producer of {@code rocketmq.producer.*}.
 */
@ExtendWith(EmbeddedRocketMQExtension.class)
class RocketMQSpringSideBySideIntegrationTests {

    private static final String TOPIC = "side-by-side";

    static final BlockingQueue<String> RECEIVED = new LinkedBlockingQueue<>();

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    private final Logger switchLogger =
            (Logger) LoggerFactory.getLogger(RocketMQSpringProducerSwitch.class);

    @BeforeAll
    static void createTopic(EmbeddedRocketMQ rocketmq) {
        rocketmq.createTopic(TOPIC, 2);
    }

    @BeforeEach
    void captureLog() {
        this.log.start();
        this.switchLogger.addAppender(this.log);
        this.switchLogger.setLevel(Level.INFO);
    }

    @AfterEach
    void releaseLog() {
        this.switchLogger.detachAppender(this.log);
        this.switchLogger.setLevel(null);
    }

    private ApplicationContextRunner bothStarters(EmbeddedRocketMQ rocketmq) {
        return new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(
                                RocketMQAutoConfiguration.class,
                                LiftoffProducerAutoConfiguration.class,
                                ProducerTemplateAutoConfiguration.class))
                .withPropertyValues(
                        "rocketmq.name-server=" + rocketmq.nameServerAddress(),
                        "rocketmq.producer.group=side-by-side-producer");
    }

    @Test
    void liftoffShouldProduceWhileRocketMQSpringConsumes(EmbeddedRocketMQ rocketmq)
            throws Exception {
        bothStarters(rocketmq)
                .withBean(OrdersListener.class)
                .run(
                        (context) -> {
                            assertThat(context).hasNotFailed();
                            assertThat(context).doesNotHaveBean(DefaultMQProducer.class);
                            assertThat(context).doesNotHaveBean(RocketMQTemplate.class);
                            assertThat(context).hasSingleBean(Producer.class);
                            // until the listener's first rebalance, a new group may start
                            // after a message: send until one arrives
                            ProducerTemplate template = context.getBean(ProducerTemplate.class);
                            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                            String received = null;
                            while (received == null && System.nanoTime() < deadline) {
                                template.send(TOPIC, "sent by Liftoff");
                                received = RECEIVED.poll(2, TimeUnit.SECONDS);
                            }
                            assertThat(received).isEqualTo("sent by Liftoff");
                        });

        assertThat(this.log.list)
                .singleElement()
                .satisfies(
                        (event) -> {
                            assertThat(event.getLevel()).isEqualTo(Level.INFO);
                            assertThat(event.getFormattedMessage())
                                    .contains("'defaultMQProducer' and its 'rocketMQTemplate'")
                                    .contains("switched off")
                                    .contains("exclude LiftoffProducerAutoConfiguration");
                        });
    }

    @Test
    void applicationsOwnProducerShouldLeaveRocketMQSpringItsProducer(EmbeddedRocketMQ rocketmq) {
        bothStarters(rocketmq)
                .withBean(
                        "ownProducer",
                        Producer.class,
                        () ->
                                Producer.create(
                                        ProducerConfig.builder()
                                                .nameServer(rocketmq.nameServerAddress())
                                                .group("own-producer")
                                                .build()),
                        (definition) -> definition.setDestroyMethodName("close"))
                .run(
                        (context) -> {
                            assertThat(context).hasNotFailed();
                            assertThat(context).hasSingleBean(DefaultMQProducer.class);
                            assertThat(context).hasSingleBean(RocketMQTemplate.class);
                        });

        assertThat(this.log.list).isEmpty();
    }

    @RocketMQMessageListener(topic = TOPIC, consumerGroup = "side-by-side-consumer")
    static class OrdersListener implements RocketMQListener<String> {

        @Override
        public void onMessage(String message) {
            RECEIVED.add(message);
        }
    }
}
