package io.liftoff.producer.internal;

import io.liftoff.producer.BrokerBusyException;
import io.liftoff.producer.BrokerRejectedException;
import io.liftoff.producer.ProducerException;
import io.liftoff.producer.SendTimeoutException;
import java.time.Duration;

/** The exceptions a {@link SendOperation} fails with once no attempt is left; each says why. */
final class SendFailures {

    private SendFailures() {}

    /**
     * The failure of a send whose last attempt failed with {@code last} and may not be retried: an
     * answer or a timeout as it is, anything else wrapped with the number of attempts.
     */
    static RuntimeException exhausted(String topic, int attempts, RuntimeException last) {
        if (last instanceof BrokerRejectedException || last instanceof SendTimeoutException) {
            return last;
        }
        return new ProducerException(
                "send to topic '"
                        + topic
                        + "' failed after "
                        + attempts
                        + " attempt(s): "
                        + last.getMessage(),
                last);
    }

    /**
     * The failure of a send whose budget ran out between attempts.
     *
     * @param last the failure of the last attempt, or {@code null}
     */
    static SendTimeoutException outOfTime(
            String topic, Duration budget, int attempts, RuntimeException last) {
        return new SendTimeoutException(
                "send to topic '"
                        + topic
                        + "' ran out of its "
                        + budget.toMillis()
                        + " ms budget after "
                        + attempts
                        + " attempt(s)",
                budget,
                last);
    }

    /**
     * The failure of a send whose budget ran out while its broker shed load.
     *
     * @param target the target of the last attempt, or of the wait for room
     * @param flowControl the send's flow-control answers and waits
     * @param mayBeStored whether an attempt timed out, and so may have stored the message
     */
    static BrokerBusyException brokerBusy(
            String topic,
            SendOperation.Target target,
            FlowControlRecord flowControl,
            Duration budget,
            boolean mayBeStored) {
        SendWindow window = target.window();
        return new BrokerBusyException(
                topic,
                target.queue().brokerName(),
                target.address(),
                flowControl.lastAnswer(),
                flowControl.answers(),
                flowControl.waited(),
                budget,
                window.status().limit(),
                mayBeStored);
    }
}
