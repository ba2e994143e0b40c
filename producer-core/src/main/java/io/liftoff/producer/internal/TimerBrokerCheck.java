package io.liftoff.producer.internal;

import io.liftoff.producer.FeatureNotSupportedException;
import io.liftoff.producer.ProducerException;
import io.liftoff.producer.internal.route.PublishSnapshot;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Checks that every broker a timer message may go to can honour it. Brokers before 5.0 ignore the
 * timer properties and deliver at once; a broker's protocol version, learnt from its heartbeat
 * answer, tells them apart.
 */
final class TimerBrokerCheck {

    /** {@code MQVersion.Version.V5_0_0.ordinal()}: the first version with the timer wheel. */
    static final int FIRST_TIMER_VERSION = 413;

    private TimerBrokerCheck() {}

    /**
     * Checks the masters of {@code snapshot} without blocking: asks all at once and ends with the
     * first failure. Usually every version is known already, so the future is complete at once;
     * otherwise it completes on a remoting thread, or on the timer of {@code timeout}.
     *
     * @param brokerVersions the protocol version of a broker by its address, e.g. {@link
     *     io.liftoff.producer.internal.client.ClientInstance#ensureHeartbeat}; the futures it
     *     returns are only read, never completed
     * @return completed when every master is 5.0 or later; exceptionally with {@link
     *     FeatureNotSupportedException} when one is older, with {@link ProducerException} when
     *     one's version is not learnt within {@code timeout}
     */
    static CompletableFuture<Void> timerBrokersReady(
            Function<String, CompletableFuture<Integer>> brokerVersions,
            PublishSnapshot snapshot,
            Duration timeout) {
        Map<String, String> masters = snapshot.masterAddresses();
        if (masters.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> ready = new CompletableFuture<>();
        AtomicInteger unchecked = new AtomicInteger(masters.size());
        masters.forEach(
                (name, address) ->
                        // a copy, so that the timeout never completes the shared heartbeat future
                        brokerVersions
                                .apply(address)
                                .copy()
                                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                                .whenComplete(
                                        (version, failure) -> {
                                            if (failure != null) {
                                                ready.completeExceptionally(
                                                        unknownVersion(address, failure, timeout));
                                            } else if (version < FIRST_TIMER_VERSION) {
                                                ready.completeExceptionally(
                                                        tooOld(name, address, version, snapshot));
                                            } else if (unchecked.decrementAndGet() == 0) {
                                                ready.complete(null);
                                            }
                                        }));
        return ready;
    }

    private static FeatureNotSupportedException tooOld(
            String name, String address, int version, PublishSnapshot snapshot) {
        return new FeatureNotSupportedException(
                "broker "
                        + name
                        + " ("
                        + address
                        + ") speaks RocketMQ protocol version "
                        + version
                        + ", older than 5.0: it ignores deliverAt/deliverAfter and would"
                        + " deliver the message to topic '"
                        + snapshot.topic()
                        + "' at once. Use delayLevel, or brokers of 5.0 or later");
    }

    private static ProducerException unknownVersion(
            String address, Throwable failure, Duration timeout) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause()
                        : failure;
        String why =
                cause instanceof TimeoutException
                        ? "no answer within " + timeout.toMillis() + " ms"
                        : cause.toString();
        return new ProducerException(
                "cannot learn the version of broker "
                        + address
                        + " to check it supports timer messages: "
                        + why,
                cause);
    }
}
