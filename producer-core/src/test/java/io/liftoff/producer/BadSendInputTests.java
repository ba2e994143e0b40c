package io.liftoff.producer;

import static io.liftoff.producer.BadInputMatrix.TOPIC;
import static io.liftoff.producer.BadInputMatrix.invalid;
import static io.liftoff.producer.BadInputMatrix.message;
import static io.liftoff.producer.BadInputMatrix.nullArgument;
import static io.liftoff.producer.BadInputMatrix.oversized;

import io.liftoff.producer.message.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Every bad argument of the producer's send methods, one named case each: batches that cannot go as
 * one, {@code null} messages and callbacks, request timeouts and recall handles. Each is rejected
 * with the exception type and a message that says what was wrong and how to fix it, before the wire
 * (see {@link BadInputMatrix}).
 */
class BadSendInputTests extends BadInputTests {

    /** The cases: name, exception type, message fragment, attempt. */
    static Stream<Arguments> badInput() {
        return Stream.of(batches(), sendArguments()).flatMap(cases -> cases);
    }

    private static Stream<Arguments> batches() {
        List<Message> withNull = Arrays.asList(message().build(), null);
        return Stream.of(
                invalid(
                        "batch null",
                        "messages must not be null; pass the messages of the batch",
                        () -> matrix.producer().sendBatch(null)),
                invalid(
                        "batch empty",
                        "messages must not be empty; pass at least one message",
                        () -> matrix.producer().sendBatch(List.of())),
                invalid(
                        "batch with a null message",
                        "message at index 1 of the batch is null; remove it",
                        () -> matrix.producer().sendBatch(withNull)),
                invalid(
                        "batch mixing topics",
                        "has topic 'payments' but message 0 has topic 'orders'; a batch goes to"
                                + " one topic",
                        () ->
                                matrix.producer()
                                        .sendBatch(
                                                List.of(
                                                        message().build(),
                                                        message("payments").build()))),
                invalid(
                        "batch mixing topics, async",
                        "send one batch per topic",
                        () ->
                                matrix.producer()
                                        .sendBatchAsync(
                                                List.of(
                                                        message().build(),
                                                        message("payments").build()))),
                invalid(
                        "batch with a delay level",
                        "delay is not supported in a batch; send it on its own",
                        () ->
                                matrix.producer()
                                        .sendBatch(
                                                List.of(
                                                        message().build(),
                                                        message().delayLevel(1).build()))),
                invalid(
                        "batch with a delivery time",
                        "delay is not supported in a batch",
                        () ->
                                matrix.producer()
                                        .sendBatch(
                                                List.of(
                                                        message()
                                                                .deliverAfter(Duration.ofSeconds(9))
                                                                .build()))),
                invalid(
                        "batch mixing waitStoreMessageOk",
                        "has waitStoreMessageOk false but message 0 has true",
                        () ->
                                matrix.producer()
                                        .sendBatch(
                                                List.of(
                                                        message().build(),
                                                        message()
                                                                .waitStoreMessageOk(false)
                                                                .build()))),
                invalid(
                        "batch to a retry topic",
                        "is a retry topic, which brokers do not accept in a batch",
                        () ->
                                matrix.producer()
                                        .sendBatch(
                                                List.of(
                                                        message("%RETRY%orders-consumer")
                                                                .build()))),
                invalid(
                        "batch message over maxMessageSize",
                        "message at index 0 of the batch is",
                        () -> matrix.producer().sendBatch(List.of(oversized()))));
    }

    private static Stream<Arguments> sendArguments() {
        String otherTopicHandle =
                Base64.getUrlEncoder()
                        .encodeToString(
                                "v1 payments broker-a 1700000000000 0A0B0C"
                                        .getBytes(StandardCharsets.UTF_8));
        return Stream.of(
                nullArgument(
                        "send(null)",
                        "message must not be null",
                        () -> matrix.producer().send(null)),
                nullArgument(
                        "sendAsync(null)",
                        "message must not be null",
                        () -> matrix.producer().sendAsync(null)),
                nullArgument(
                        "sendOneway(null)",
                        "message must not be null",
                        () -> matrix.producer().sendOneway(null)),
                nullArgument(
                        "sendInTransaction without a message",
                        "message must not be null",
                        () ->
                                matrix.producer()
                                        .sendInTransaction(
                                                null, (m, arg) -> TransactionState.COMMIT, null)),
                nullArgument(
                        "sendInTransaction without a local transaction",
                        "localTransaction must not be null",
                        () -> matrix.producer().sendInTransaction(message().build(), null, null)),
                nullArgument(
                        "request without a message",
                        "request must not be null",
                        () -> matrix.producer().request(null, Duration.ofSeconds(1))),
                invalid(
                        IllegalArgumentException.class,
                        "request without a timeout",
                        "timeout must be positive, was null; pass how long to wait for the reply",
                        () -> matrix.producer().request(message().build(), null)),
                invalid(
                        IllegalArgumentException.class,
                        "request with a zero timeout",
                        "timeout must be positive, was PT0S",
                        () -> matrix.producer().request(message().build(), Duration.ZERO)),
                nullArgument(
                        "recall without a topic",
                        "topic must not be null",
                        () -> matrix.producer().recall(null, otherTopicHandle)),
                invalid(
                        IllegalArgumentException.class,
                        "recall without a handle",
                        "recallHandle must not be null; pass SendResult.recallHandle()",
                        () -> matrix.producer().recall(TOPIC, null)),
                invalid(
                        IllegalArgumentException.class,
                        "recall with a handle that is not Base64",
                        "is not URL-safe Base64",
                        () -> matrix.producer().recall(TOPIC, "not base64!")),
                invalid(
                        IllegalArgumentException.class,
                        "recall with another topic's handle",
                        "is of a message sent to topic 'payments', not to 'orders'; pass the topic",
                        () -> matrix.producer().recall(TOPIC, otherTopicHandle)));
    }
}
