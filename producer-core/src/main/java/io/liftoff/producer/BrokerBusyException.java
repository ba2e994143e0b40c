package io.liftoff.producer;

import io.liftoff.producer.internal.protocol.ResponseCode;
import java.time.Duration;

/**
 * A send ran out of its time budget ({@code sendTimeout}) while the broker shed load: it answered
 * SYSTEM_BUSY (or another flow-control answer) and the producer's send window to it stayed full.
 * The broker did not store the message in any attempt it answered; {@link #mayBeStored()} tells
 * whether an earlier attempt timed out, and so may have.
 *
 * <p>Flow-control answers spend none of a send's retries: the producer halves its window to the
 * broker and sends again when there is room, for as long as the budget lasts. This exception
 * therefore means the broker stored more slowly, for longer, than the budget allows. The message
 * says what to change.
 */
public final class BrokerBusyException extends BrokerRejectedException {

    private final String brokerName;
    private final int flowControlAnswers;
    private final Duration waited;
    private final boolean mayBeStored;

    /**
     * @param topic the topic of the message
     * @param brokerName the broker that shed load
     * @param brokerAddress its address
     * @param lastAnswer the last flow-control answer to this send, or {@code null} if it only
     *     waited for room
     * @param flowControlAnswers how many flow-control answers this send got
     * @param waited how long it waited for room in send windows, in all
     * @param budget its time budget
     * @param windowLimit the window's limit when the send gave up
     * @param mayBeStored whether an earlier attempt timed out
     */
    public BrokerBusyException(
            String topic,
            String brokerName,
            String brokerAddress,
            BrokerRejectedException lastAnswer,
            int flowControlAnswers,
            Duration waited,
            Duration budget,
            int windowLimit,
            boolean mayBeStored) {
        super(
                message(
                        topic,
                        brokerName,
                        brokerAddress,
                        lastAnswer,
                        flowControlAnswers,
                        waited,
                        budget,
                        windowLimit,
                        mayBeStored),
                lastAnswer == null ? ResponseCode.SYSTEM_BUSY : lastAnswer.responseCode(),
                lastAnswer == null ? null : lastAnswer.remark(),
                brokerAddress);
        this.brokerName = brokerName;
        this.flowControlAnswers = flowControlAnswers;
        this.waited = waited;
        this.mayBeStored = mayBeStored;
        if (lastAnswer != null) {
            initCause(lastAnswer);
        }
    }

    private static String message(
            String topic,
            String brokerName,
            String brokerAddress,
            BrokerRejectedException lastAnswer,
            int flowControlAnswers,
            Duration waited,
            Duration budget,
            int windowLimit,
            boolean mayBeStored) {
        StringBuilder text =
                new StringBuilder("send to topic '")
                        .append(topic)
                        .append("' gave up after its ")
                        .append(budget.toMillis())
                        .append(" ms budget (sendTimeout): broker ")
                        .append(brokerName)
                        .append(" (")
                        .append(brokerAddress)
                        .append(") is shedding load. ");
        if (lastAnswer != null) {
            text.append("It answered this send with flow control ")
                    .append(flowControlAnswers)
                    .append(flowControlAnswers == 1 ? " time (" : " times (last: ")
                    .append(ResponseCode.name(lastAnswer.responseCode()));
            if (lastAnswer.remark() != null) {
                text.append(' ').append(lastAnswer.remark().strip());
            }
            text.append("), and the send");
        } else {
            text.append("The send");
        }
        text.append(" waited ")
                .append(waited.toMillis())
                .append(" ms in all for room in the producer's send window to it (")
                .append(windowLimit)
                .append(windowLimit == 1 ? " request" : " requests")
                .append(" at a time now). ")
                .append(
                        mayBeStored
                                ? "An earlier attempt timed out, so the message may have been"
                                        + " stored by it; no other attempt stored it. "
                                : "The message was not stored. ")
                .append(
                        "Raise sendTimeout to let sends wait longer for the broker, lower"
                                + " maxInFlightMessages so that callers wait before sending"
                                + " (backPressureTimeout) instead of sends queueing for the broker,"
                                + " or give the broker more capacity (sendMessageThreadPoolNums,"
                                + " sendThreadPoolQueueCapacity, more brokers).");
        return text.toString();
    }

    /** The name of the broker that shed load, e.g. {@code broker-a}. */
    public String brokerName() {
        return brokerName;
    }

    /** How many flow-control answers (e.g. SYSTEM_BUSY) this send got. */
    public int flowControlAnswers() {
        return flowControlAnswers;
    }

    /** How long this send waited, in all, for room in the producer's send windows. */
    public Duration waited() {
        return waited;
    }

    /**
     * Whether an earlier attempt of this send timed out, so that the broker may have stored the
     * message nonetheless; when {@code false}, it surely did not.
     */
    public boolean mayBeStored() {
        return mayBeStored;
    }
}
