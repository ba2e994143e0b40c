package io.liftoff.producer.internal;

import io.liftoff.producer.BrokerRejectedException;
import io.liftoff.producer.Producer;
import io.liftoff.producer.ProducerClosedException;
import io.liftoff.producer.ProducerException;
import io.liftoff.producer.internal.concurrent.Await;
import io.liftoff.producer.internal.protocol.RecallHandle;
import io.liftoff.producer.internal.protocol.RecallMessageHeader;
import io.liftoff.producer.internal.protocol.RecallMessageResponseHeader;
import io.liftoff.producer.internal.protocol.RequestCode;
import io.liftoff.producer.internal.protocol.ResponseCode;
import io.liftoff.producer.internal.protocol.SendMessageResponseHeader;
import io.liftoff.producer.internal.remoting.Command;
import io.liftoff.producer.internal.remoting.RemotingClient;
import io.liftoff.producer.internal.route.PublishSnapshot;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Recalls timer messages (RECALL_MESSAGE, brokers 5.3.2+): the broker that stores the message,
 * named in its recall handle, cancels it before it is delivered. Thread-safe.
 */
final class MessageRecaller {

    private final RemotingClient remoting;
    private final Function<String, PublishSnapshot> routes;
    private final CallbackExecutor callbacks;
    private final String group;
    private final Duration timeout;
    private final Runnable requireOpen;
    private final RecallTraces traces;

    /** Told of each recall a broker answered, for its trace record. */
    @FunctionalInterface
    interface RecallTraces {
        /**
         * @param topic the topic as on the wire
         * @param region the region of the broker's answer, or {@code null} when it names none
         * @param recalled whether the broker recalled the message
         */
        void answered(String topic, RecallHandle handle, String region, boolean recalled);
    }

    /**
     * @param remoting the connections to the brokers
     * @param routes a topic's writable brokers; throws {@link ProducerException} when there are
     *     none
     * @param callbacks runs the completions of the returned futures
     * @param group the producer group the broker records on the recall
     * @param timeout how long a recall may take, its retries after flow-control answers included
     * @param requireOpen throws {@link ProducerClosedException} once the producer is closed
     * @param traces told of each answer, or {@code null} when tracing is off
     */
    MessageRecaller(
            RemotingClient remoting,
            Function<String, PublishSnapshot> routes,
            CallbackExecutor callbacks,
            String group,
            Duration timeout,
            Runnable requireOpen,
            RecallTraces traces) {
        this.remoting = remoting;
        this.routes = routes;
        this.callbacks = callbacks;
        this.group = group;
        this.timeout = timeout;
        this.requireOpen = requireOpen;
        this.traces = traces;
    }

    /** See {@link Producer#recallAsync(String, String)}. */
    CompletableFuture<String> recallAsync(String topic, String recallHandle) {
        CompletableFuture<String> recalled = start(topic, recallHandle);
        CompletableFuture<String> outcome = new CompletableFuture<>();
        recalled.whenComplete(
                (messageId, failure) ->
                        callbacks.execute(
                                () -> {
                                    if (failure == null) {
                                        outcome.complete(messageId);
                                    } else {
                                        outcome.completeExceptionally(
                                                MessageSender.unwrap(failure));
                                    }
                                }));
        return outcome;
    }

    /** See {@link Producer#recall(String, String)}. */
    String recall(String topic, String recallHandle) {
        return Await.outcome(
                start(topic, recallHandle),
                timeout.plus(Await.MARGIN),
                "recall on topic '" + topic + "'",
                e ->
                        new ProducerException(
                                "recall on topic '"
                                        + topic
                                        + "' got no outcome within "
                                        + timeout.toMillis()
                                        + " ms; the message may or may not be recalled",
                                e));
    }

    /**
     * Checks the arguments, then sends the recall.
     *
     * @return the recalled message's id; completes on a Netty event loop
     * @throws IllegalArgumentException if the handle is malformed or belongs to another topic
     */
    private CompletableFuture<String> start(String topic, String recallHandle) {
        Objects.requireNonNull(topic, "topic must not be null");
        RecallHandle handle = RecallHandle.decode(recallHandle);
        if (!handle.topic().equals(topic)) {
            throw new IllegalArgumentException(
                    "recallHandle '"
                            + recallHandle
                            + "' is of a message sent to topic '"
                            + handle.topic()
                            + "', not to '"
                            + topic
                            + "'; pass the topic the message was sent to");
        }
        CompletableFuture<String> outcome = new CompletableFuture<>();
        attempt(topic, handle, recallHandle, System.nanoTime() + timeout.toNanos(), 0, outcome);
        return outcome;
    }

    /**
     * Sends the recall once and completes {@code outcome} with the answer, unless the broker sheds
     * load (SYSTEM_BUSY, e.g. {@code [TIMEOUT_CLEAN_QUEUE]} while its queue is long): then the
     * recall goes again after the sends' back-off, as long as the pause ends before {@code
     * deadlineNanos}. Recalling twice is harmless, the broker cancels a message once.
     */
    private void attempt(
            String topic,
            RecallHandle handle,
            String recallHandle,
            long deadlineNanos,
            int busyAnswers,
            CompletableFuture<String> outcome) {
        String address;
        try {
            requireOpen.run();
            address = brokerAddress(topic, handle);
        } catch (ProducerException e) {
            outcome.completeExceptionally(e);
            return;
        }
        Command request =
                Command.request(
                        RequestCode.RECALL_MESSAGE,
                        new RecallMessageHeader(group, topic, recallHandle, handle.brokerName())
                                .toExtFields(),
                        null);
        // at least 1 ns: the remoting layer refuses a zero timeout
        long remaining = Math.max(1, deadlineNanos - System.nanoTime());
        remoting.invoke(address, request, Duration.ofNanos(remaining))
                .whenComplete(
                        (response, failure) -> {
                            if (failure != null) {
                                outcome.completeExceptionally(
                                        noAnswer(topic, handle, address, failure));
                                return;
                            }
                            if (response.code() != ResponseCode.SUCCESS) {
                                BrokerRejectedException rejected =
                                        rejection(response, address, topic, handle);
                                Duration pause = RetryPolicy.backOff(busyAnswers);
                                if (AttemptFailure.of(rejected) == AttemptFailure.FLOW_CONTROL
                                        && System.nanoTime() + pause.toNanos() < deadlineNanos) {
                                    remoting.schedule(
                                            () ->
                                                    attempt(
                                                            topic,
                                                            handle,
                                                            recallHandle,
                                                            deadlineNanos,
                                                            busyAnswers + 1,
                                                            outcome),
                                            pause);
                                    return;
                                }
                                trace(response, topic, handle);
                                outcome.completeExceptionally(rejected);
                                return;
                            }
                            trace(response, topic, handle);
                            try {
                                outcome.complete(
                                        RecallMessageResponseHeader.fromExtFields(
                                                        response.extFields())
                                                .msgId());
                            } catch (IllegalArgumentException e) {
                                outcome.completeExceptionally(
                                        new ProducerException(
                                                "broker "
                                                        + address
                                                        + " answered "
                                                        + what(topic, handle)
                                                        + " unreadably",
                                                e));
                            }
                        });
    }

    private ProducerException noAnswer(
            String topic, RecallHandle handle, String address, Throwable failure) {
        Throwable cause = MessageSender.unwrap(failure);
        return new ProducerException(
                what(topic, handle)
                        + " got no answer from broker "
                        + address
                        + ": "
                        + cause.getMessage()
                        + "; the message may or may not be recalled",
                cause);
    }

    private String brokerAddress(String topic, RecallHandle handle) {
        PublishSnapshot snapshot = routes.apply(topic);
        String address = snapshot.masterAddress(handle.brokerName());
        if (address == null) {
            throw new ProducerException(
                    what(topic, handle)
                            + " cannot be sent: broker '"
                            + handle.brokerName()
                            + "', which stores the message, has no writable master for the topic"
                            + " (brokers: "
                            + snapshot.masterAddresses().keySet()
                            + "); retry once the broker is back");
        }
        return address;
    }

    private BrokerRejectedException rejection(
            Command response, String address, String topic, RecallHandle handle) {
        return BrokerRejections.of(
                what(topic, handle),
                address,
                response.code(),
                response.remark(),
                remoting.credentials().orElse(null));
    }

    /** Tells the traces of the final answer, the one the caller sees. */
    private void trace(Command response, String topic, RecallHandle handle) {
        if (traces != null) {
            traces.answered(
                    topic,
                    handle,
                    response.extFields().get(SendMessageResponseHeader.REGION),
                    response.code() == ResponseCode.SUCCESS);
        }
    }

    private static String what(String topic, RecallHandle handle) {
        return "recall of message '" + handle.messageId() + "' on topic '" + topic + "'";
    }
}
