package io.liftoff.spring.core;

import io.liftoff.producer.ConnectionStatus;
import io.liftoff.producer.LocalTransaction;
import io.liftoff.producer.MessageQueue;
import io.liftoff.producer.Producer;
import io.liftoff.producer.ProducerConfig;
import io.liftoff.producer.SendResult;
import io.liftoff.producer.SendStatus;
import io.liftoff.producer.TransactionSendResult;
import io.liftoff.producer.TransactionState;
import io.liftoff.producer.message.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A producer that sends nothing: it records each message with how it was sent and answers with a
 * made-up result, so that templates can be tested without a broker. Its connection status and
 * in-flight counts are whatever the test scripts.
 */
public final class RecordingProducer implements Producer {

    private byte[] reply = "reply".getBytes(StandardCharsets.UTF_8);

    /** How a message reached the producer. */
    public enum Mode {
        REQUEST,
        SYNC,
        ASYNC,
        ONEWAY,
        BATCH,
        TRANSACTION
    }

    /** One recorded message. */
    public record Sent(Mode mode, Message message) {}

    private final ProducerConfig config =
            ProducerConfig.builder().nameServer("127.0.0.1:9876").group("recording").build();
    private final List<Sent> sent = new ArrayList<>();
    private boolean closed;
    private ConnectionStatus connectionStatus = new ConnectionStatus(List.of(), List.of());
    private int inFlightMessages;
    private long inFlightBytes;
    private int pendingRequests;

    /** Returns the messages recorded so far, in order. */
    public List<Sent> sent() {
        return List.copyOf(this.sent);
    }

    /** Returns the only message recorded; fails unless exactly one was. */
    public Sent single() {
        if (this.sent.size() != 1) {
            throw new AssertionError("expected one message, recorded " + this.sent);
        }
        return this.sent.get(0);
    }

    /** Returns whether {@link #close()} was called. */
    public boolean isClosed() {
        return this.closed;
    }

    @Override
    public SendResult send(Message message) {
        return record(Mode.SYNC, message);
    }

    @Override
    public CompletableFuture<SendResult> sendAsync(Message message) {
        return CompletableFuture.completedFuture(record(Mode.ASYNC, message));
    }

    @Override
    public void sendOneway(Message message) {
        record(Mode.ONEWAY, message);
    }

    @Override
    public List<SendResult> sendBatch(Collection<Message> messages) {
        return messages.stream().map((message) -> record(Mode.BATCH, message)).toList();
    }

    @Override
    public CompletableFuture<List<SendResult>> sendBatchAsync(Collection<Message> messages) {
        return CompletableFuture.completedFuture(sendBatch(messages));
    }

    @Override
    public TransactionSendResult sendInTransaction(
            Message message, LocalTransaction localTransaction, Object arg) {
        SendResult result = record(Mode.TRANSACTION, message);
        TransactionState state = localTransaction.execute(message, arg);
        return new TransactionSendResult(result, state, true);
    }

    @Override
    public CompletableFuture<Message> request(Message request, Duration timeout) {
        record(Mode.REQUEST, request);
        return CompletableFuture.completedFuture(
                Message.builder(request.topic()).body(this.reply).build());
    }

    @Override
    public Message requestAndWait(Message request, Duration timeout) {
        return request(request, timeout).join();
    }

    @Override
    public int pendingRequests() {
        return this.pendingRequests;
    }

    @Override
    public String recall(String topic, String recallHandle) {
        throw new UnsupportedOperationException("the template does not recall");
    }

    @Override
    public CompletableFuture<String> recallAsync(String topic, String recallHandle) {
        throw new UnsupportedOperationException("the template does not recall");
    }

    @Override
    public ConnectionStatus connectionStatus() {
        return this.connectionStatus;
    }

    /** Scripts what {@link #connectionStatus()} answers from now on. */
    public void reportConnectionStatus(ConnectionStatus connectionStatus) {
        this.connectionStatus = connectionStatus;
    }

    /** Scripts what the in-flight counts answer from now on. */
    public void reportInFlight(int messages, long bytes, int pendingRequests) {
        this.inFlightMessages = messages;
        this.inFlightBytes = bytes;
        this.pendingRequests = pendingRequests;
    }

    /** The body {@link #request} answers with. */
    public void replyWith(byte[] body) {
        this.reply = body.clone();
    }

    @Override
    public int inFlightMessages() {
        return this.inFlightMessages;
    }

    @Override
    public long inFlightBytes() {
        return this.inFlightBytes;
    }

    @Override
    public ProducerConfig config() {
        return this.config;
    }

    @Override
    public void close() {
        this.closed = true;
    }

    private SendResult record(Mode mode, Message message) {
        this.sent.add(new Sent(mode, message));
        String id = "ID-" + this.sent.size();
        return new SendResult(
                SendStatus.SEND_OK,
                id,
                id,
                new MessageQueue(message.topic(), "broker-a", 0),
                this.sent.size() - 1,
                null,
                "DefaultRegion",
                null);
    }
}
