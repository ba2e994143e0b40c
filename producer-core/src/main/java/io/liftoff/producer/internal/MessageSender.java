package io.liftoff.producer.internal;

import io.liftoff.producer.AccessDeniedException;
import io.liftoff.producer.BrokerRejectedException;
import io.liftoff.producer.Credentials;
import io.liftoff.producer.MessageQueue;
import io.liftoff.producer.ProducerException;
import io.liftoff.producer.SendResult;
import io.liftoff.producer.SendStatus;
import io.liftoff.producer.SendTimeoutException;
import io.liftoff.producer.internal.protocol.RequestCode;
import io.liftoff.producer.internal.protocol.ResponseCode;
import io.liftoff.producer.internal.protocol.SendMessageHeader;
import io.liftoff.producer.internal.protocol.SendMessageResponseHeader;
import io.liftoff.producer.internal.remoting.Command;
import io.liftoff.producer.internal.remoting.RemotingClient;
import io.liftoff.producer.internal.remoting.RemotingException;
import io.liftoff.producer.internal.remoting.RemotingTimeoutException;
import io.liftoff.producer.internal.remoting.ResponseCallback;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One send attempt on the wire: encodes SEND_MESSAGE_V2 (or SEND_BATCH_MESSAGE) for one queue,
 * hands it to the remoting client, and reads the broker's answer into a {@link SendResult} or a
 * failure for the {@link SendOperation}.
 */
final class MessageSender implements QueueLanes.Requests {

    private final RemotingClient remoting;
    private final String group;
    private final Credentials credentials;

    MessageSender(RemotingClient remoting, String group) {
        this.remoting = remoting;
        this.group = group;
        this.credentials = remoting.credentials().orElse(null);
    }

    /**
     * Sends {@code prepared} alone to {@code queue} on the broker at {@code address}.
     *
     * @param timeoutNanos how long this attempt may take
     * @param operation told the result, or the failure, by {@link SendOperation#attempted}: {@link
     *     BrokerRejectedException} (an error code; {@link AccessDeniedException} when ACL refused),
     *     {@link SendTimeoutException} (no answer in time) or {@link ProducerException} (not
     *     delivered; the remoting failure is its cause). It is told on a Netty event loop, or here
     *     when the request cannot go out.
     * @param answered run after {@code operation} was told, or {@code null}
     */
    @Override
    public void sendAlone(
            PreparedMessage prepared,
            MessageQueue queue,
            String address,
            long timeoutNanos,
            SendOperation operation,
            Runnable answered) {
        remoting.invoke(
                address,
                request(prepared, queue),
                timeoutNanos,
                new Answer(prepared, queue, address, timeoutNanos, operation, answered));
    }

    @Override
    public void sendBatch(
            PreparedMessage batch,
            List<SendOperation> operations,
            MessageQueue queue,
            String address,
            long timeoutNanos,
            Runnable answered) {
        remoting.invoke(
                address,
                request(batch, queue),
                timeoutNanos,
                new BatchAnswer(batch, operations, queue, address, timeoutNanos, answered));
    }

    /**
     * Sends {@code prepared} oneway: the broker never answers.
     *
     * @return a future completed once the request is written, or exceptionally with a {@link
     *     ProducerException} whose cause is the remoting failure
     */
    CompletableFuture<Void> sendOneway(
            PreparedMessage prepared, MessageQueue queue, String address) {
        return remoting.invokeOneway(address, request(prepared, queue))
                .handle(
                        (written, failure) -> {
                            if (failure != null) {
                                Throwable cause = unwrap(failure);
                                throw new CompletionException(
                                        new ProducerException(
                                                "oneway send to "
                                                        + address
                                                        + " failed: "
                                                        + cause.getMessage(),
                                                cause));
                            }
                            return null;
                        });
    }

    private Command request(PreparedMessage prepared, MessageQueue queue) {
        SendMessageHeader header =
                new SendMessageHeader(
                        group,
                        queue.topic(),
                        queue.queueId(),
                        prepared.sysFlag(),
                        System.currentTimeMillis(),
                        prepared.flag(),
                        prepared.properties(),
                        queue.brokerName(),
                        SendMessageHeader.AutoCreate.DEFAULT,
                        prepared.batch(),
                        prepared.trailingUniqueKey());
        int code = prepared.batch() ? RequestCode.SEND_BATCH_MESSAGE : RequestCode.SEND_MESSAGE_V2;
        return Command.requestWithBody(code, header, prepared.body());
    }

    /**
     * Reads the answer into a result reporting {@code messageId}, and tells {@code operation} the
     * broker's trace switch.
     */
    private SendResult result(
            String messageId,
            MessageQueue queue,
            String address,
            Command response,
            SendOperation operation) {
        SendStatus status = statusOf(response.code());
        if (status == null) {
            throw BrokerRejections.ofSend(
                    queue.topic(), address, response.code(), response.remark(), credentials);
        }
        SendMessageResponseHeader answer;
        try {
            answer = SendMessageResponseHeader.fromExtFields(response.extFields());
        } catch (IllegalArgumentException e) {
            throw new ProducerException(
                    "broker " + address + " answered a send with an unreadable header", e);
        }
        operation.traceSwitch(answer.traceOn());
        return new SendResult(
                status,
                messageId,
                answer.offsetMessageId(),
                // the queue sent to, unless the broker stored the message elsewhere
                answer.queueId() == queue.queueId()
                        ? queue
                        : new MessageQueue(queue.topic(), queue.brokerName(), answer.queueId()),
                answer.queueOffset(),
                answer.transactionId(),
                answer.region(),
                answer.recallHandle());
    }

    private static ProducerException deliveryFailure(
            Throwable cause, String address, long timeoutNanos) {
        if (cause instanceof RemotingTimeoutException timeoutException) {
            return new SendTimeoutException(
                    timeoutException.getMessage(), Duration.ofNanos(timeoutNanos), cause);
        }
        if (cause instanceof RemotingException) {
            return new ProducerException(cause.getMessage(), cause);
        }
        return new ProducerException("send to " + address + " failed: " + cause, cause);
    }

    static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause()
                : failure;
    }

    private static SendStatus statusOf(int code) {
        return switch (code) {
            case ResponseCode.SUCCESS -> SendStatus.SEND_OK;
            case ResponseCode.FLUSH_DISK_TIMEOUT -> SendStatus.FLUSH_DISK_TIMEOUT;
            case ResponseCode.FLUSH_SLAVE_TIMEOUT -> SendStatus.FLUSH_SLAVE_TIMEOUT;
            case ResponseCode.SLAVE_NOT_AVAILABLE -> SendStatus.SLAVE_NOT_AVAILABLE;
            default -> null;
        };
    }

    /** Reads the broker's answer to one attempt and tells the attempt's operation. */
    private final class Answer implements ResponseCallback {

        private final PreparedMessage prepared;
        private final MessageQueue queue;
        private final String address;
        private final long timeoutNanos;
        private final SendOperation operation;
        // the queue's lane, told once the operation knows; null when the send took none
        private final Runnable answered;

        Answer(
                PreparedMessage prepared,
                MessageQueue queue,
                String address,
                long timeoutNanos,
                SendOperation operation,
                Runnable answered) {
            this.prepared = prepared;
            this.queue = queue;
            this.address = address;
            this.timeoutNanos = timeoutNanos;
            this.operation = operation;
            this.answered = answered;
        }

        @Override
        public void completed(Command response, Throwable failure) {
            try {
                tell(response, failure);
            } finally {
                if (answered != null) {
                    answered.run();
                }
            }
        }

        private void tell(Command response, Throwable failure) {
            if (failure != null) {
                operation.attempted(null, deliveryFailure(unwrap(failure), address, timeoutNanos));
                return;
            }
            SendResult result;
            try {
                result = result(prepared.messageId(), queue, address, response, operation);
            } catch (RuntimeException e) {
                operation.attempted(null, e);
                return;
            }
            operation.attempted(result, null);
        }
    }

    /**
     * Reads the broker's answer to a batch request of single sends into a result per message, in
     * order, and tells each message's operation; a failure fails each with its own exception, as
     * the attempt of a message sent alone would have failed.
     */
    private final class BatchAnswer implements ResponseCallback {

        private final PreparedMessage batch;
        private final List<SendOperation> operations;
        private final MessageQueue queue;
        private final String address;
        private final long timeoutNanos;
        private final Runnable answered;

        BatchAnswer(
                PreparedMessage batch,
                List<SendOperation> operations,
                MessageQueue queue,
                String address,
                long timeoutNanos,
                Runnable answered) {
            this.batch = batch;
            this.operations = operations;
            this.queue = queue;
            this.address = address;
            this.timeoutNanos = timeoutNanos;
            this.answered = answered;
        }

        @Override
        public void completed(Command response, Throwable failure) {
            try {
                if (failure != null) {
                    Throwable cause = unwrap(failure);
                    for (SendOperation operation : operations) {
                        operation.attempted(null, deliveryFailure(cause, address, timeoutNanos));
                    }
                    return;
                }
                List<SendResult> results;
                try {
                    SendOperation first = operations.get(0);
                    // No id for the batch as a whole: each message's result reports its own.
                    results =
                            BatchResults.perMessage(
                                    batch, result("", queue, address, response, first));
                    operations.forEach(operation -> operation.traceSwitch(first.traceOn()));
                } catch (RuntimeException e) {
                    for (SendOperation operation : operations) {
                        operation.attempted(null, rejected(response, e));
                    }
                    return;
                }
                for (int i = 0; i < operations.size(); i++) {
                    operations.get(i).attempted(results.get(i), null);
                }
            } finally {
                answered.run();
            }
        }

        /** The failure of one message: a rejection of its own, else the shared reading error. */
        private RuntimeException rejected(Command response, RuntimeException reading) {
            if (statusOf(response.code()) == null) {
                return BrokerRejections.ofSend(
                        queue.topic(), address, response.code(), response.remark(), credentials);
            }
            return reading;
        }
    }
}
