package io.liftoff.bench.e2e;

import io.liftoff.producer.AutoBatch;
import io.liftoff.producer.MessageTrace;
import io.liftoff.producer.Producer;
import io.liftoff.producer.ProducerConfig;
import io.liftoff.producer.SendStatus;
import io.liftoff.producer.message.Message;

/**
 * Liftoff with its defaults (binary headers, SEND_MESSAGE_V2), as an application would use it, with
 * or without message trace, with or without automatic batching.
 */
final class LiftoffPublisher implements Publisher {

    private final Producer producer;
    private final String topic;

    LiftoffPublisher(String nameServer, String topic, MessageTrace trace, AutoBatch autoBatch) {
        this.topic = topic;
        this.producer =
                Producer.create(
                        ProducerConfig.builder()
                                .nameServer(nameServer)
                                .group("bench-liftoff")
                                .messageTrace(trace)
                                .autoBatch(autoBatch)
                                .build());
    }

    @Override
    public void sendSync(byte[] body) {
        SendStatus status = producer.send(message(body)).status();
        if (status != SendStatus.SEND_OK) {
            throw Publisher.notStored(status);
        }
    }

    @Override
    public void sendAsync(byte[] body, Completion done) {
        try {
            producer.sendAsync(message(body))
                    .whenComplete(
                            (result, failure) ->
                                    done.completed(
                                            failure != null
                                                    ? failure
                                                    : result.status() == SendStatus.SEND_OK
                                                            ? null
                                                            : Publisher.notStored(
                                                                    result.status())));
        } catch (RuntimeException e) {
            done.completed(e);
        }
    }

    /** Keeps the driver's array, which it never changes, as the official client does. */
    private Message message(byte[] body) {
        return Message.builder(topic).bodyWithoutCopy(body).build();
    }

    @Override
    public void close() {
        producer.close();
    }
}
