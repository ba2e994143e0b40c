package io.liftoff.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.liftoff.producer.Producer;
import io.liftoff.producer.message.Message;
import io.liftoff.spring.core.ProducerHeaderMapper;
import io.liftoff.spring.core.ProducerOperations;
import io.liftoff.spring.core.ProducerTemplate;
import io.liftoff.spring.core.RecordingProducer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.converter.StringMessageConverter;
import org.springframework.messaging.support.MessageBuilder;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

class ProducerTemplateAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner =
            new ApplicationContextRunner()
                    .withConfiguration(
                            AutoConfigurations.of(
                                    LiftoffProducerAutoConfiguration.class,
                                    ProducerTemplateAutoConfiguration.class));

    record Order(String orderId, int amount) {}

    @Test
    void runWithPropertiesShouldCreateTemplateOverAutoConfiguredProducer() {
        this.contextRunner
                .withPropertyValues(
                        "rocketmq.name-server=127.0.0.1:9876",
                        "rocketmq.producer.group=orders-producer")
                .run(
                        (context) -> {
                            assertThat(context).hasSingleBean(ProducerTemplate.class);
                            assertThat(context.getBean(ProducerTemplate.class).getProducer())
                                    .isSameAs(context.getBean(Producer.class));
                        });
    }

    @Test
    void runWithUserProducerShouldCreateTemplateOverIt() {
        this.contextRunner
                .withUserConfiguration(RecordingProducerConfiguration.class)
                .run(
                        (context) ->
                                assertThat(context.getBean(ProducerTemplate.class).getProducer())
                                        .isSameAs(context.getBean(RecordingProducer.class)));
    }

    @Test
    void runWithUserProducerTemplateShouldBackOff() {
        this.contextRunner
                .withUserConfiguration(
                        RecordingProducerConfiguration.class, UserTemplateConfiguration.class)
                .run(
                        (context) -> {
                            assertThat(context).hasSingleBean(ProducerOperations.class);
                            assertThat(context).hasBean("userTemplate");
                        });
    }

    @Test
    void runWithOnlyNamedProducersShouldCreateNoDefaultTemplate() {
        this.contextRunner
                .withPropertyValues(
                        "rocketmq.name-server=127.0.0.1:9876",
                        "rocketmq.producers.orders.group=orders-producer")
                .run(
                        (context) -> {
                            assertThat(context).hasNotFailed();
                            assertThat(context).doesNotHaveBean("producerTemplate");
                            assertThat(context.getBeansOfType(ProducerOperations.class))
                                    .containsOnlyKeys("ordersProducerTemplate");
                        });
    }

    @Test
    void runWithUserJsonMapperShouldWriteJsonWithIt() {
        this.contextRunner
                .withUserConfiguration(RecordingProducerConfiguration.class)
                .withBean(
                        JsonMapper.class,
                        () ->
                                JsonMapper.builder()
                                        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                                        .build())
                .run(
                        (context) -> {
                            context.getBean(ProducerTemplate.class)
                                    .send("orders", new Order("o-1", 5));

                            assertThat(sentBody(context.getBean(RecordingProducer.class)))
                                    .isEqualTo("{\"order_id\":\"o-1\",\"amount\":5}");
                        });
    }

    @Test
    void runWithoutUserJsonMapperShouldWriteJsonWithDefaults() {
        this.contextRunner
                .withUserConfiguration(RecordingProducerConfiguration.class)
                .run(
                        (context) -> {
                            context.getBean(ProducerTemplate.class)
                                    .send("orders", new Order("o-1", 5));

                            assertThat(sentBody(context.getBean(RecordingProducer.class)))
                                    .isEqualTo("{\"orderId\":\"o-1\",\"amount\":5}");
                        });
    }

    @Test
    void runWithoutJacksonShouldSendTextAndRefuseObjects() {
        this.contextRunner
                .withClassLoader(new FilteredClassLoader(JsonMapper.class))
                .withUserConfiguration(RecordingProducerConfiguration.class)
                .run(
                        (context) -> {
                            ProducerTemplate template = context.getBean(ProducerTemplate.class);
                            template.send("orders", "text");
                            assertThat(sentBody(context.getBean(RecordingProducer.class)))
                                    .isEqualTo("text");
                            assertThatExceptionOfType(MessageConversionException.class)
                                    .isThrownBy(() -> template.send("orders", new Order("o-1", 5)))
                                    .withMessageContaining("add Jackson 3");
                        });
    }

    @Test
    void runWithUniqueHeaderMapperShouldMapHeadersWithItInEveryTemplate() {
        ProducerHeaderMapper standard = ProducerHeaderMapper.standard();
        ProducerHeaderMapper mapper =
                (topic, tags, headers) ->
                        standard.toMessage(topic, tags, headers).property("mapped-by", "user");
        this.contextRunner
                .withPropertyValues(
                        "rocketmq.name-server=127.0.0.1:9876",
                        "rocketmq.producers.orders.group=orders-producer")
                .withUserConfiguration(RecordingProducerConfiguration.class)
                .withBean(ProducerHeaderMapper.class, () -> mapper)
                .run(
                        (context) -> {
                            ProducerTemplate template = context.getBean(ProducerTemplate.class);
                            template.send(
                                    "orders",
                                    MessageBuilder.withPayload("text")
                                            .setHeader("region", "eu")
                                            .build());

                            Message sent =
                                    context.getBean(RecordingProducer.class).single().message();
                            assertThat(sent.properties())
                                    .containsEntry("region", "eu")
                                    .containsEntry("mapped-by", "user");
                            assertThat(
                                            context.getBean(
                                                            "ordersProducerTemplate",
                                                            ProducerTemplate.class)
                                                    .getHeaderMapper())
                                    .isSameAs(mapper);
                        });
    }

    @Test
    void runWithTwoHeaderMappersShouldMapHeadersAsStandard() {
        this.contextRunner
                .withUserConfiguration(RecordingProducerConfiguration.class)
                .withBean("one", ProducerHeaderMapper.class, ProducerHeaderMapper::standard)
                .withBean(
                        "two",
                        ProducerHeaderMapper.class,
                        () -> (topic, tags, headers) -> Message.builder(topic))
                .run(
                        (context) ->
                                assertThat(
                                                context.getBean(ProducerTemplate.class)
                                                        .getHeaderMapper())
                                        .isSameAs(ProducerHeaderMapper.standard()));
    }

    private static String sentBody(RecordingProducer producer) {
        return new String(producer.single().message().body(), StandardCharsets.UTF_8);
    }

    @Configuration(proxyBeanMethods = false)
    static class RecordingProducerConfiguration {

        @Bean
        RecordingProducer recordingProducer() {
            return new RecordingProducer();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserTemplateConfiguration {

        @Bean
        ProducerTemplate userTemplate(Producer producer) {
            return new ProducerTemplate(producer, new StringMessageConverter());
        }
    }
}
