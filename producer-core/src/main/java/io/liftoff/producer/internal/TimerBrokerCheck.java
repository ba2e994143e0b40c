package io.liftoff.producer.internal;

import io.liftoff.producer.FeatureNotSupportedException;
import io.liftoff.producer.ProducerException;
import io.liftoff.producer.internal.client.ClientInstance;
import io.liftoff.producer.internal.route.PublishSnapshot;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Checks that every broker a timer message may go to can honour it. Brokers before 5.0 ignore the
 * timer properties and deliver at once; a broker's protocol version, learnt from its heartbeat
 * answer, tells them apart.
 */
final class TimerSupport {

    /** {@code MQVersion.Version.V5_0_0.ordinal()}: the first version with the timer wheel. */
    static final int FIRST_TIMER_VERSION = 413;

    private TimerSupport() {}

    /**
     * @throws FeatureNotSupportedException when a broker of {@code snapshot} is older than 5.0
     * @throws ProducerException when a broker's version cannot be learnt within {@code timeout}
     */
    static void requireTimerBrokers(
            ClientInstance client, PublishSnapshot snapshot, Duration timeout) {
        for (Map.Entry<String, String> broker : snapshot.masterAddresses().entrySet()) {
            int version = versionOf(client, broker.getValue(), timeout);
            if (version < FIRST_TIMER_VERSION) {
                throw new FeatureNotSupportedException(
                        "broker "
                                + broker.getKey()
                                + " ("
                                + broker.getValue()
                                + ") speaks RocketMQ protocol version "
                                + version
                                + ", older than 5.0: it ignores deliverAt/deliverAfter and would"
                                + " deliver the message to topic '"
                                + snapshot.topic()
                                + "' at once. Use delayLevel, or brokers of 5.0 or later");
            }
        }
    }

    private static int versionOf(ClientInstance client, String address, Duration timeout) {
        try {
            return client.ensureHeartbeat(address).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new ProducerException(
                    "cannot learn the version of broker "
                            + address
                            + " to check it supports timer messages: "
                            + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProducerException("interrupted while asking " + address + " its version", e);
        }
    }
}
