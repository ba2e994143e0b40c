package io.liftoff.producer;

import io.liftoff.producer.message.Message;
import io.liftoff.producer.protocol.RequestCode;
import io.liftoff.producer.protocol.ResponseCode;
import io.liftoff.producer.protocol.SendMessageHeader;
import io.liftoff.producer.protocol.SendMessageResponseHeader;
import io.liftoff.producer.remoting.Command;
import io.liftoff.producer.remoting.RemotingClient;
import io.liftoff.producer.remoting.RemotingException;
import io.liftoff.producer.remoting.RemotingTimeoutException;
import io.liftoff.producer.route.MessageQueue;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One send attempt: encodes SEND_MESSAGE_V2 for one queue, waits, and reads the answer. */
final class MessageSender {

    private final RemotingClient remoting;
    private final String group;

    MessageSender(RemotingClient remoting, String group) {
        this.remoting = remoting;
        this.group = group;
    }

    /**
     * Sends {@code message} to {@code queue} on the broker at {@code address}.
     *
     * @param prepared the message and its encoded properties and id
     * @param timeout how long this attempt may take
     * @throws BrokerRejectedException when the broker answers with an error code
     * @throws SendTimeoutException when the attempt ran out of time
     * @throws ProducerException when the request could not be delivered
     */
    SendResult send(
            PreparedMessage prepared, MessageQueue queue, String address, Duration timeout) {
        Message message = prepared.message();
        SendMessageHeader header =
                new SendMessageHeader(
                        group,
                        queue.topic(),
                        queue.queueId(),
                        0,
                        System.currentTimeMillis(),
                        message.flag(),
                        prepared.properties(),
                        queue.brokerName(),
                        SendMessageHeader.AutoCreate.DEFAULT);
        Command request =
                Command.request(RequestCode.SEND_MESSAGE_V2, header.toExtFields(), message.body());
        Command response = await(remoting.invoke(address, request, timeout), address, timeout);
        SendStatus status = statusOf(response.code());
        if (status == null) {
            throw new BrokerRejectedException(
                    "send to topic '" + queue.topic() + "'",
                    address,
                    response.code(),
                    response.remark());
        }
        SendMessageResponseHeader answer;
        try {
            answer = SendMessageResponseHeader.fromExtFields(response.extFields());
        } catch (IllegalArgumentException e) {
            throw new ProducerException(
                    "broker " + address + " answered a send with an unreadable header", e);
        }
        return new SendResult(
                status,
                prepared.messageId(),
                answer.offsetMessageId(),
                new MessageQueue(queue.topic(), queue.brokerName(), answer.queueId()),
                answer.queueOffset(),
                answer.transactionId(),
                answer.region());
    }

    private static Command await(
            CompletableFuture<Command> response, String address, Duration timeout) {
        try {
            // the remoting layer's timer fails the future on time; the margin guards the wait only
            return response.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RemotingTimeoutException timeoutException) {
                throw new SendTimeoutException(
                        timeoutException.getMessage(), timeout, timeoutException);
            }
            if (cause instanceof RemotingException remoting) {
                throw new ProducerException(remoting.getMessage(), remoting);
            }
            throw new ProducerException("send to " + address + " failed: " + cause, cause);
        } catch (TimeoutException e) {
            response.cancel(false);
            throw new SendTimeoutException(
                    "send to " + address + " timed out after " + timeout.toMillis() + " ms",
                    timeout,
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProducerException("interrupted while sending to " + address, e);
        }
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
}
