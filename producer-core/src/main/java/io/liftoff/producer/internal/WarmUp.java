package io.liftoff.producer.internal;

import io.liftoff.producer.ProducerConfig;
import io.liftoff.producer.internal.client.ClientInstance;
import io.liftoff.producer.internal.concurrent.Await;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a producer does at start so that it knows its brokers before its first send: warms up {@link
 * ProducerConfig#warmUpTopics()} or, without any, learns the cluster's brokers. Start waits for it
 * at most {@link ProducerConfig#requestTimeout()} and {@link Await#MARGIN}: a warm-up that fails is
 * logged and never fails the start (the connection status then says what is wrong), and one that
 * takes longer goes on in the background.
 */
final class WarmUp {

    private static final Logger log = LoggerFactory.getLogger(WarmUp.class);

    private WarmUp() {}

    /** Warms up for the producer of {@code config}; returns within its request timeout. */
    static void run(ClientInstance client, NamespaceMapper namespaces, ProducerConfig config) {
        List<String> topics = config.warmUpTopics();
        CompletableFuture<?>[] steps =
                topics.isEmpty()
                        ? new CompletableFuture<?>[] {discover(client)}
                        : topics.stream()
                                .map(topic -> warmUp(client, topic, namespaces.topic(topic)))
                                .toArray(CompletableFuture<?>[]::new);
        // the margin lets a request that times out record why before start returns
        Duration bound = config.requestTimeout().plus(Await.MARGIN);
        try {
            CompletableFuture.allOf(steps).get(bound.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            log.info(
                    "Warm-up of group '{}' not done within {} ms (requestTimeout and a margin);"
                            + " it goes on in the background",
                    config.group(),
                    bound.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // each step handles its own failure; this would be a bug in one
            log.warn("Warm-up of group '{}' failed", config.group(), e.getCause());
        }
    }

    private static CompletableFuture<?> warmUp(
            ClientInstance client, String topic, String wireTopic) {
        return client.warmUp(wireTopic)
                .handle(
                        (route, failure) -> {
                            if (failure != null) {
                                log.warn(
                                        "Warm-up of topic '{}' failed, its first send looks the"
                                                + " route up again: {}",
                                        topic,
                                        reason(failure));
                            } else if (route.isEmpty()) {
                                log.warn(
                                        "Warm-up topic '{}' has no route, and no broker creates"
                                                + " topics: sends to it fail until it is created",
                                        topic);
                            }
                            return null;
                        });
    }

    private static CompletableFuture<?> discover(ClientInstance client) {
        return client.discoverBrokers()
                .handle(
                        (masters, failure) -> {
                            if (failure != null) {
                                log.warn(
                                        "Could not learn the cluster's brokers at start, asking"
                                                + " again at every route refresh: {}",
                                        reason(failure));
                            } else if (masters.isEmpty()) {
                                log.warn("The name servers list no master broker");
                            }
                            return null;
                        });
    }

    /** The failure's message, not that of the {@link CompletionException} it may come in. */
    private static String reason(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause().getMessage()
                : failure.getMessage();
    }
}
