package io.liftoff.spring.autoconfigure;

import io.liftoff.producer.TransactionChecker;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ListableBeanFactory;

/**
 * The beans that go to one producer: those that {@link ForProducer} binds to it, and those bound to
 * no producer.
 */
final class ProducerHooks {

    private final ListableBeanFactory beanFactory;
    private final String producer;

    ProducerHooks(ListableBeanFactory beanFactory, String producer) {
        this.beanFactory = beanFactory;
        this.producer = producer;
    }

    /** Returns the beans of a type that go to the producer, in their order. */
    <T> List<T> ordered(Class<T> type) {
        Set<Object> applying = Collections.newSetFromMap(new IdentityHashMap<>());
        this.beanFactory
                .getBeansOfType(type)
                .forEach(
                        (name, bean) -> {
                            if (binding(name) != Binding.OTHERS) {
                                applying.add(bean);
                            }
                        });
        return this.beanFactory
                .getBeanProvider(type)
                .orderedStream()
                .filter(applying::contains)
                .toList();
    }

    /**
     * Returns the producer's transaction checker: the one bound to it, else the one bound to no
     * producer, else {@code null}.
     *
     * @throws IllegalStateException when several are equally close
     */
    @Nullable TransactionChecker transactionChecker() {
        Map<String, TransactionChecker> checkers =
                this.beanFactory.getBeansOfType(TransactionChecker.class);
        for (Binding wanted : List.of(Binding.THIS, Binding.ALL)) {
            List<String> names =
                    checkers.keySet().stream().filter((name) -> binding(name) == wanted).toList();
            if (names.size() > 1) {
                throw new IllegalStateException(
                        "Producer '"
                                + this.producer
                                + "' has "
                                + names.size()
                                + " TransactionChecker beans "
                                + names
                                + "; bind one to it with @ForProducer(\""
                                + this.producer
                                + "\")");
            }
            if (names.size() == 1) {
                return checkers.get(names.get(0));
            }
        }
        return null;
    }

    private Binding binding(String beanName) {
        ForProducer forProducer =
                this.beanFactory.findAnnotationOnBean(beanName, ForProducer.class);
        if (forProducer == null) {
            return Binding.ALL;
        }
        return Arrays.asList(forProducer.value()).contains(this.producer)
                ? Binding.THIS
                : Binding.OTHERS;
    }

    private enum Binding {
        /** Bound to no producer: goes to every one. */
        ALL,
        /** Bound to this producer, among others maybe. */
        THIS,
        /** Bound to other producers only. */
        OTHERS
    }
}
