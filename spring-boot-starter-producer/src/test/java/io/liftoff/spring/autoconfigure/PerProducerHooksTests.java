package io.liftoff.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.producer.Producer;
import io.liftoff.producer.ProducerConfig;
import io.liftoff.producer.SendInterceptor;
import io.liftoff.producer.SendListener;
import io.liftoff.producer.TransactionChecker;
import io.liftoff.producer.TransactionState;
import io.liftoff.spring.core.ProducerTemplate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.converter.StringMessageConverter;

/**
 * Hooks bound to one producer with {@link ForProducer}, and customizers told the producer's name.
 */
class PerProducerHooksTests {

    private final ApplicationContextRunner contextRunner =
            new ApplicationContextRunner()
                    .withConfiguration(
                            AutoConfigurations.of(
                                    LiftoffProducerAutoConfiguration.class,
                                    ProducerTemplateAutoConfiguration.class))
                    .withPropertyValues(
                            "rocketmq.name-server=127.0.0.1:9876",
                            "rocketmq.producer.group=main-producer",
                            "rocketmq.producers.orders.group=orders-producer",
                            "rocketmq.producers.audit.group=audit-producer");

    static final SendInterceptor EVERYWHERE = (message) -> message;
    static final SendInterceptor ORDERS_ONLY = (message) -> message;
    static final SendListener ORDERS_AND_DEFAULT = new SendListener() {};
    static final TransactionChecker ORDERS_CHECKER = (check) -> TransactionState.COMMIT;
    static final TransactionChecker AUDIT_CHECKER = (check) -> TransactionState.ROLLBACK;
    static final TransactionChecker SHARED_CHECKER = (check) -> TransactionState.UNKNOWN;

    @Test
    void hookBoundToProducersShouldGoToThoseOnly() {
        this.contextRunner
                .withUserConfiguration(BoundHooks.class)
                .run(
                        (context) -> {
                            ProducerConfig main = config(context.getBean(Producer.class));
                            ProducerConfig orders =
                                    config(context.getBean("ordersProducer", Producer.class));
                            ProducerConfig audit =
                                    config(context.getBean("auditProducer", Producer.class));
                            assertThat(main.interceptors()).containsExactly(EVERYWHERE);
                            assertThat(orders.interceptors())
                                    .containsExactlyInAnyOrder(EVERYWHERE, ORDERS_ONLY);
                            assertThat(audit.interceptors()).containsExactly(EVERYWHERE);
                            assertThat(main.listeners()).contains(ORDERS_AND_DEFAULT);
                            assertThat(orders.listeners()).contains(ORDERS_AND_DEFAULT);
                            assertThat(audit.listeners()).doesNotContain(ORDERS_AND_DEFAULT);
                        });
    }

    @Test
    void transactionCheckerBoundToProducerShouldWinOverSharedOne() {
        this.contextRunner
                .withUserConfiguration(Checkers.class)
                .run(
                        (context) -> {
                            assertThat(config(context.getBean(Producer.class)).transactionChecker())
                                    .isSameAs(SHARED_CHECKER);
                            assertThat(
                                            config(
                                                            context.getBean(
                                                                    "ordersProducer",
                                                                    Producer.class))
                                                    .transactionChecker())
                                    .isSameAs(ORDERS_CHECKER);
                            assertThat(
                                            config(context.getBean("auditProducer", Producer.class))
                                                    .transactionChecker())
                                    .isSameAs(AUDIT_CHECKER);
                        });
    }

    @Test
    void twoSharedTransactionCheckersShouldFailNamingTheProducer() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LiftoffProducerAutoConfiguration.class))
                .withPropertyValues(
                        "rocketmq.name-server=127.0.0.1:9876",
                        "rocketmq.producer.group=main-producer")
                .withBean("firstChecker", TransactionChecker.class, () -> SHARED_CHECKER)
                .withBean("secondChecker", TransactionChecker.class, () -> ORDERS_CHECKER)
                .run(
                        (context) ->
                                assertThat(context)
                                        .getFailure()
                                        .rootCause()
                                        .isInstanceOf(IllegalStateException.class)
                                        .hasMessageContaining("Producer 'default' has 2")
                                        .hasMessageContaining("@ForProducer(\"default\")"));
    }

    @Test
    void customizersShouldReceiveEachProducersName() {
        List<String> names = new CopyOnWriteArrayList<>();
        this.contextRunner
                .withBean(
                        ProducerConfigCustomizer.class,
                        () ->
                                (name, builder) -> {
                                    names.add(name);
                                    builder.instanceName("instance-" + name);
                                })
                .run(
                        (context) -> {
                            context.getBean("ordersProducer");
                            context.getBean("auditProducer");
                            assertThat(names)
                                    .containsExactlyInAnyOrder("default", "orders", "audit");
                            assertThat(config(context.getBean(Producer.class)).instanceName())
                                    .isEqualTo("instance-default");
                            assertThat(
                                            config(
                                                            context.getBean(
                                                                    "ordersProducer",
                                                                    Producer.class))
                                                    .instanceName())
                                    .isEqualTo("instance-orders");
                        });
    }

    @Test
    void namedProducerCalledDefaultShouldBeRefused() {
        this.contextRunner
                .withPropertyValues("rocketmq.producers.default.group=other")
                .run(
                        (context) ->
                                assertThat(
                                                NestedExceptionUtils.getMostSpecificCause(
                                                        context.getStartupFailure()))
                                        .isInstanceOfSatisfying(
                                                InvalidProducerPropertyException.class,
                                                (ex) ->
                                                        assertThat(ex.getProperty())
                                                                .isEqualTo(
                                                                        "rocketmq.producers.default")));
    }

    @Test
    void uniqueMessageConverterBeanShouldBeUsedByEveryTemplate() {
        MessageConverter converter = new StringMessageConverter();
        this.contextRunner
                .withBean(MessageConverter.class, () -> converter)
                .run(
                        (context) -> {
                            assertThat(
                                            context.getBean(ProducerTemplate.class)
                                                    .getMessageConverter())
                                    .isSameAs(converter);
                            assertThat(
                                            context.getBean(
                                                            "ordersProducerTemplate",
                                                            ProducerTemplate.class)
                                                    .getMessageConverter())
                                    .isSameAs(converter);
                        });
    }

    @Test
    void twoMessageConverterBeansShouldLeaveTheDefaultConverter() {
        this.contextRunner
                .withBean("first", MessageConverter.class, StringMessageConverter::new)
                .withBean("second", MessageConverter.class, StringMessageConverter::new)
                .run(
                        (context) ->
                                assertThat(
                                                context.getBean(ProducerTemplate.class)
                                                        .getMessageConverter())
                                        .isNotInstanceOf(StringMessageConverter.class));
    }

    private static ProducerConfig config(Producer producer) {
        return producer.config();
    }

    @Configuration(proxyBeanMethods = false)
    static class BoundHooks {

        @Bean
        SendInterceptor everywhere() {
            return EVERYWHERE;
        }

        @Bean
        @ForProducer("orders")
        SendInterceptor ordersOnly() {
            return ORDERS_ONLY;
        }

        @Bean
        @ForProducer({"orders", "default"})
        SendListener ordersAndDefault() {
            return ORDERS_AND_DEFAULT;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Checkers {

        @Bean
        TransactionChecker shared() {
            return SHARED_CHECKER;
        }

        @Bean
        @ForProducer("orders")
        TransactionChecker orders() {
            return ORDERS_CHECKER;
        }

        @Bean
        @ForProducer("audit")
        TransactionChecker audit() {
            return AUDIT_CHECKER;
        }
    }
}
