package io.liftoff.producer.internal;

import io.liftoff.producer.AccessDeniedException;
import io.liftoff.producer.BrokerRejectedException;
import io.liftoff.producer.ProducerException;
import io.liftoff.producer.SendTimeoutException;
import io.liftoff.producer.internal.fault.Outcome;
import io.liftoff.producer.internal.protocol.ResponseCode;
import io.liftoff.producer.internal.remoting.ConnectionClosedException;
import io.liftoff.producer.internal.remoting.RemotingConnectException;
import java.util.Locale;

/**
 * What a failed send attempt says, and so what follows from it: the one place that reads the
 * response codes and failures of sends. {@link SendOperation} asks it whether and how to retry,
 * {@link AttemptRecorder} what the failure says of the broker and of the route.
 */
enum AttemptFailure {

    /**
     * The broker sheds load: SYSTEM_BUSY ({@code [OVERLOAD]}, {@code [REJECTREQUEST]}, {@code
     * [PCBUSY_CLEAN_QUEUE]}, {@code [TIMEOUT_CLEAN_QUEUE]}, {@code [PC_SYNCHRONIZED]}),
     * FLOW_CONTROL, or any answer whose remark says flow control (e.g. the timer wheel's). The
     * broker is healthy and answered at once; its send window shrinks, and the send tries again as
     * long as its budget lasts, without spending one of its retries.
     */
    FLOW_CONTROL(Outcome.ANSWERED, Retry.WITHIN_BUDGET, RouteRefresh.NONE),

    /** GO_AWAY: the broker is shutting down; another one, or its successor, gets the retry. */
    GOING_AWAY(Outcome.UNAVAILABLE, Retry.AFTER_PAUSE, RouteRefresh.NONE),

    /** SYSTEM_ERROR: the broker failed to store the message. */
    BROKER_ERROR(Outcome.UNAVAILABLE, Retry.COUNTED, RouteRefresh.NONE),

    /**
     * SERVICE_NOT_AVAILABLE: the broker cannot store now (disk full, a slave, shutting down), and
     * the route that led there may be out of date.
     */
    SERVICE_NOT_AVAILABLE(Outcome.UNAVAILABLE, Retry.COUNTED, RouteRefresh.TOPIC),

    /**
     * TOPIC_NOT_EXIST, NO_PERMISSION (without ACL), NOT_IN_CURRENT_UNIT: the topic is not, or no
     * longer, writable there; a healthy broker, a stale route.
     */
    STALE_ROUTE(Outcome.ANSWERED, Retry.COUNTED, RouteRefresh.TOPIC),

    /** NO_BUYER_ID: refused by this broker only; another may accept. */
    REFUSED_HERE(Outcome.ANSWERED, Retry.COUNTED, RouteRefresh.NONE),

    /**
     * An ACL refusal: every broker of a cluster checks the same users and permissions, so none is
     * retried and no broker is blamed.
     */
    ACCESS_DENIED(Outcome.ANSWERED, Retry.NO, RouteRefresh.NONE),

    /**
     * Any other code, e.g. MESSAGE_ILLEGAL: the message's fault, which no retry fixes. A 5.x Proxy
     * answers it too for a message its topic's {@code message.type} does not allow ({@link
     * io.liftoff.producer.MessageTypeMismatchException}): every Proxy would refuse it alike.
     */
    REJECTED(Outcome.ANSWERED, Retry.NO, RouteRefresh.NONE),

    /** No answer within the attempt's timeout; the message may have been stored. */
    TIMED_OUT(Outcome.TIMED_OUT, Retry.COUNTED, RouteRefresh.NONE),

    /**
     * The broker refused or dropped the connection: it may have left the cluster, and the topic's
     * route may have changed.
     */
    CONNECTION_LOST(Outcome.UNAVAILABLE, Retry.COUNTED, RouteRefresh.TOPIC_SUSPECTING_BROKER),

    /** Not delivered for another reason (e.g. a write failure): another broker may take it. */
    NOT_DELIVERED(Outcome.UNAVAILABLE, Retry.COUNTED, RouteRefresh.NONE);

    /** Whether and how a send retries after the failure. */
    enum Retry {
        /** Never: every broker would answer alike. */
        NO,
        /** On another broker if one is left, spending one of the send's retries. */
        COUNTED,
        /** Like {@link #COUNTED}, after a short back-off. */
        AFTER_PAUSE,
        /** As long as the send's budget lasts, without spending a retry. */
        WITHIN_BUDGET
    }

    /** What the failure says of the topic's cached route. */
    enum RouteRefresh {
        NONE,
        /** Look the route up again soon. */
        TOPIC,
        /** Look it up again soon, the broker may have left. */
        TOPIC_SUSPECTING_BROKER
    }

    private final Outcome outcome;
    private final Retry retry;
    private final RouteRefresh refresh;

    AttemptFailure(Outcome outcome, Retry retry, RouteRefresh refresh) {
        this.outcome = outcome;
        this.retry = retry;
        this.refresh = refresh;
    }

    /** What the failure says of the broker's health. */
    Outcome outcome() {
        return outcome;
    }

    Retry retry() {
        return retry;
    }

    RouteRefresh refresh() {
        return refresh;
    }

    /**
     * Classifies the failure of one attempt, as {@link MessageSender} reports it: a {@link
     * BrokerRejectedException} for an error code, a {@link SendTimeoutException}, or a {@link
     * ProducerException} caused by the remoting failure.
     */
    static AttemptFailure of(Throwable failure) {
        if (failure instanceof AccessDeniedException) {
            return ACCESS_DENIED;
        }
        if (failure instanceof BrokerRejectedException rejected) {
            return ofAnswer(rejected.responseCode(), rejected.remark());
        }
        if (failure instanceof SendTimeoutException) {
            return TIMED_OUT;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RemotingConnectException
                    || cause instanceof ConnectionClosedException) {
                return CONNECTION_LOST;
            }
        }
        return NOT_DELIVERED;
    }

    private static AttemptFailure ofAnswer(int code, String remark) {
        if (code == ResponseCode.SYSTEM_BUSY
                || code == ResponseCode.FLOW_CONTROL
                || (remark != null && remark.toLowerCase(Locale.ROOT).contains("flow control"))) {
            return FLOW_CONTROL;
        }
        return switch (code) {
            case ResponseCode.GO_AWAY -> GOING_AWAY;
            case ResponseCode.SYSTEM_ERROR -> BROKER_ERROR;
            case ResponseCode.SERVICE_NOT_AVAILABLE -> SERVICE_NOT_AVAILABLE;
            case ResponseCode.TOPIC_NOT_EXIST,
                    ResponseCode.NO_PERMISSION,
                    ResponseCode.NOT_IN_CURRENT_UNIT ->
                    STALE_ROUTE;
            case ResponseCode.NO_BUYER_ID -> REFUSED_HERE;
            default -> REJECTED;
        };
    }
}
