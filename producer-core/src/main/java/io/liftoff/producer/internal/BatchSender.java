package io.liftoff.producer.internal;

import io.liftoff.producer.ProducerException;
import io.liftoff.producer.SendResult;
import io.liftoff.producer.internal.message.BatchEncoder;
import io.liftoff.producer.internal.message.EncodedBatch;
import io.liftoff.producer.internal.message.UniqueIdGenerator;
import io.liftoff.producer.internal.remoting.WritableBody;
import io.liftoff.producer.message.InvalidMessageException;
import io.liftoff.producer.message.Message;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Sends a batch: intercepts and encodes its messages into parts that fit the size limit, sends the
 * parts side by side as ordinary send operations, and splits each part's answer into a result per
 * message, tracing each message and telling its listeners.
 */
final class BatchSender {

    private final SendPipeline pipeline;
    private final SendHooks hooks;
    private final MessageTracing tracing;
    private final NamespaceMapper namespaces;
    private final UniqueIdGenerator ids;
    private final int maxMessageSize;

    BatchSender(
            SendPipeline pipeline,
            SendHooks hooks,
            NamespaceMapper namespaces,
            UniqueIdGenerator ids,
            int maxMessageSize) {
        this.pipeline = pipeline;
        this.hooks = hooks;
        this.tracing = pipeline.tracing();
        this.namespaces = namespaces;
        this.ids = ids;
        this.maxMessageSize = maxMessageSize;
    }

    /**
     * @param retries attempts that may follow a failed one, per part
     * @param completion where the returned future completes
     * @return the results in message order; fails with the first failed part's error
     */
    CompletableFuture<List<SendResult>> send(
            Collection<Message> messages, int retries, Executor completion) {
        if (messages == null) {
            throw new InvalidMessageException(
                    "messages must not be null; pass the messages of the batch");
        }
        long start = System.nanoTime();
        List<Message> toSend = new ArrayList<>(messages.size());
        List<PreparedMessage> parts;
        try {
            for (Message message : messages) {
                // a null element is left for the encoder, which names its position
                Message intercepted = message == null ? null : hooks.intercept(message);
                toSend.add(intercepted);
                if (intercepted != null) {
                    tracing.refuseTraceTopic(intercepted.topic());
                }
            }
            List<Message> onWire = new ArrayList<>(toSend.size());
            for (Message message : toSend) {
                onWire.add(message == null ? null : namespaces.outgoing(message));
            }
            parts = encode(onWire);
        } catch (RuntimeException e) {
            toSend.stream()
                    .filter(Objects::nonNull)
                    .forEach(message -> hooks.completed(message, null, e, start, 0));
            throw e;
        }
        List<CompletableFuture<List<SendResult>>> sent = new ArrayList<>(parts.size());
        int first = 0;
        for (int i = 0; i < parts.size(); i++) {
            PreparedMessage part = parts.get(i);
            List<Message> partMessages = toSend.subList(first, first + part.batchIds().size());
            first += part.batchIds().size();
            String name = "part " + (i + 1) + " of " + parts.size();
            CompletableFuture<SendResult> stored;
            SendOperation operation = null;
            try {
                operation = pipeline.startBatchPart(part, retries);
                stored = operation.outcome();
            } catch (RuntimeException e) {
                stored = CompletableFuture.failedFuture(e);
            }
            SendOperation started = operation;
            sent.add(
                    stored.handle(
                            (result, failure) -> {
                                if (failure != null) {
                                    Throwable cause = MessageSender.unwrap(failure);
                                    partMessages.forEach(
                                            m ->
                                                    hooks.completed(
                                                            m,
                                                            null,
                                                            cause,
                                                            start,
                                                            attemptsOf(started)));
                                    throw new CompletionException(
                                            new ProducerException(
                                                    "batch "
                                                            + name
                                                            + " ("
                                                            + part.batchIds().size()
                                                            + " messages) failed; other parts may"
                                                            + " be stored: "
                                                            + failure.getMessage(),
                                                    failure));
                                }
                                List<SendResult> results =
                                        BatchResults.perMessage(part, namespaces.incoming(result));
                                if (tracing.isOn()) {
                                    for (int m = 0; m < results.size(); m++) {
                                        tracing.storedInBatch(
                                                partMessages.get(m),
                                                results.get(m),
                                                started,
                                                start);
                                    }
                                }
                                for (int m = 0; m < results.size(); m++) {
                                    hooks.completed(
                                            partMessages.get(m),
                                            results.get(m),
                                            null,
                                            start,
                                            attemptsOf(started));
                                }
                                return results;
                            }));
        }
        CompletableFuture<List<SendResult>> all = new CompletableFuture<>();
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
                .whenComplete(
                        (ignored, failure) ->
                                completion.execute(
                                        () -> {
                                            if (failure != null) {
                                                all.completeExceptionally(
                                                        MessageSender.unwrap(failure));
                                                return;
                                            }
                                            List<SendResult> results = new ArrayList<>();
                                            sent.forEach(part -> results.addAll(part.join()));
                                            all.complete(results);
                                        }));
        return all;
    }

    private static int attemptsOf(SendOperation operation) {
        return operation == null ? 0 : operation.attempts();
    }

    private List<PreparedMessage> encode(List<Message> messages) {
        List<PreparedMessage> parts = new ArrayList<>();
        for (EncodedBatch part : BatchEncoder.encode(messages, ids, maxMessageSize)) {
            parts.add(
                    PreparedMessage.batch(
                            part.topic(),
                            part.messageIds(),
                            namespaces.batchHeaderProperties(part.headerProperties()),
                            WritableBody.of(part.bodyBuffer())));
        }
        return parts;
    }
}
