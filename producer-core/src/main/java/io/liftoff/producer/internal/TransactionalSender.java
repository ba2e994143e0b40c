package io.liftoff.producer.internal;

import io.liftoff.producer.LocalTransaction;
import io.liftoff.producer.ProducerException;
import io.liftoff.producer.SendResult;
import io.liftoff.producer.SendStatus;
import io.liftoff.producer.TransactionSendResult;
import io.liftoff.producer.TransactionState;
import io.liftoff.producer.internal.client.ClientInstance;
import io.liftoff.producer.internal.concurrent.Await;
import io.liftoff.producer.internal.message.MessageProperties;
import io.liftoff.producer.internal.message.MessageSysFlag;
import io.liftoff.producer.internal.message.OffsetMessageId;
import io.liftoff.producer.internal.protocol.EndTransactionHeader;
import io.liftoff.producer.internal.protocol.RequestCode;
import io.liftoff.producer.internal.protocol.ResponseCode;
import io.liftoff.producer.internal.protocol.TransactionResolution;
import io.liftoff.producer.internal.remoting.Command;
import io.liftoff.producer.message.InvalidMessageException;
import io.liftoff.producer.message.Message;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A transactional send: the half message (stored, invisible to consumers), the local transaction,
 * then END_TRANSACTION with its decision to the broker that holds the half message, and its
 * EndTransaction trace record when tracing is on.
 */
final class TransactionalSender {

    private static final Logger log = LoggerFactory.getLogger(TransactionalSender.class);

    private final ClientInstance client;
    private final String group;
    private final Duration requestTimeout;
    private final SendPipeline pipeline;
    private final TransactionDecisions decisions;
    private final int retries;
    private final Duration sendTimeout;

    /**
     * @param pipeline sends the half message
     * @param decisions where each decision is kept for the check-back
     * @param retries attempts that may follow a failed one
     * @param sendTimeout the budget of the half message's send
     */
    TransactionalSender(
            ClientInstance client,
            String group,
            Duration requestTimeout,
            SendPipeline pipeline,
            TransactionDecisions decisions,
            int retries,
            Duration sendTimeout) {
        this.client = client;
        this.group = group;
        this.requestTimeout = requestTimeout;
        this.pipeline = pipeline;
        this.decisions = decisions;
        this.retries = retries;
        this.sendTimeout = sendTimeout;
    }

    TransactionSendResult send(Message message, LocalTransaction transaction, Object arg) {
        Objects.requireNonNull(message, "message must not be null");
        Objects.requireNonNull(transaction, "localTransaction must not be null");
        if (message.delayLevel() > 0 || message.deliveryTime() != null) {
            throw new InvalidMessageException(
                    "a transactional message cannot be delayed (delayLevel "
                            + message.delayLevel()
                            + ", deliveryTime "
                            + message.deliveryTime()
                            + "); the broker would ignore the delay. Remove it, or send a delayed"
                            + " message once the transaction committed");
        }
        SendModeExtras half =
                new SendModeExtras(
                        Map.of(
                                MessageProperties.TRANSACTION_PREPARED,
                                "true",
                                MessageProperties.PRODUCER_GROUP,
                                group),
                        MessageSysFlag.TRANSACTION_PREPARED);
        SendResult stored =
                Await.sendOutcome(
                        pipeline.send(message, retries, half, SendOperation.ON_WAITING_CALLER),
                        sendTimeout.plus(Await.MARGIN),
                        sendTimeout,
                        message.topic());

        TransactionState state =
                stored.status() == SendStatus.SEND_OK
                        ? runLocal(transaction, message, arg, stored)
                        : TransactionState.ROLLBACK;
        // before END_TRANSACTION: a check-back may overtake its answer
        decisions.remember(stored.messageId(), state);
        boolean told = endTransaction(stored, state);
        MessageTracing tracing = pipeline.tracing();
        if (tracing.isOn()) {
            tracing.transactionEnded(message, stored, masterAddress(stored), state);
        }
        return new TransactionSendResult(stored, state, told);
    }

    /** The address of the broker that holds the half message, or {@code null} if unknown. */
    private String masterAddress(SendResult stored) {
        return client.routes()
                .publishInfo(stored.queue().topic())
                .map(snapshot -> snapshot.masterAddress(stored.queue().brokerName()))
                .orElse(null);
    }

    private static TransactionState runLocal(
            LocalTransaction transaction, Message message, Object arg, SendResult stored) {
        try {
            TransactionState state = transaction.execute(message, arg);
            if (state != null) {
                return state;
            }
            log.warn(
                    "Local transaction of message {} returned null; leaving it UNKNOWN for the"
                            + " check-back",
                    stored.messageId());
        } catch (RuntimeException e) {
            log.warn(
                    "Local transaction of message {} threw; leaving it UNKNOWN for the check-back",
                    stored.messageId(),
                    e);
        }
        return TransactionState.UNKNOWN;
    }

    /**
     * Tells the broker the decision. Sent two-way (the official client sends it oneway) so that a
     * lost decision is reported; the broker's check-back resolves it either way. UNKNOWN is no
     * decision: brokers (4.9 and 5.x) never answer it, so a two-way request would only wait out its
     * timeout, and the check-back asks later whether it is told or not; it is not sent.
     *
     * <p>A 5.x Proxy (remoting) answers SUCCESS but acts on the decision only if it relayed a
     * check-back of that transaction before (5.5.0 {@code TransactionActivity}, {@code
     * AbstractTransactionService.genEndTransactionRequestHeader}): it is still sent, for Proxies
     * that act on it, but counts as not delivered; the check-back gets it from {@link
     * TransactionDecisions}.
     */
    private boolean endTransaction(SendResult stored, TransactionState state) {
        if (state == TransactionState.UNKNOWN) {
            return false;
        }
        String brokerName = stored.queue().brokerName();
        try {
            String address =
                    client.routes()
                            .publishInfo(stored.queue().topic())
                            .map(snapshot -> snapshot.masterAddress(brokerName))
                            .orElseThrow(
                                    () ->
                                            new ProducerException(
                                                    "no route to broker " + brokerName));
            EndTransactionHeader header =
                    new EndTransactionHeader(
                            stored.queue().topic(),
                            group,
                            stored.queueOffset(),
                            OffsetMessageId.parse(stored.offsetMessageId()).commitLogOffset(),
                            resolutionOf(state),
                            false,
                            stored.messageId(),
                            stored.transactionId() != null
                                    ? stored.transactionId()
                                    : stored.messageId(),
                            brokerName);
            CompletableFuture<Command> answer =
                    client.remoting()
                            .invoke(
                                    address,
                                    Command.request(
                                            RequestCode.END_TRANSACTION,
                                            header.toExtFields(),
                                            null),
                                    requestTimeout);
            Command response = answer.join();
            if (response.code() == ResponseCode.SUCCESS) {
                return !client.routes().isProxy(address);
            }
            log.warn(
                    "Broker {} refused the {} of transaction {}: {} {}; its check-back will ask"
                            + " again",
                    address,
                    state,
                    stored.messageId(),
                    ResponseCode.name(response.code()),
                    response.remark());
        } catch (RuntimeException e) {
            log.warn(
                    "Could not deliver the {} of transaction {} to broker {}; its check-back will"
                            + " ask again",
                    state,
                    stored.messageId(),
                    brokerName,
                    e);
        }
        return false;
    }

    static TransactionResolution resolutionOf(TransactionState state) {
        return switch (state) {
            case COMMIT -> TransactionResolution.COMMIT;
            case ROLLBACK -> TransactionResolution.ROLLBACK;
            case UNKNOWN -> TransactionResolution.UNKNOWN;
        };
    }
}
