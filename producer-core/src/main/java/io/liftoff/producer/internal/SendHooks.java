package io.liftoff.producer.internal;

import io.liftoff.producer.SendEvent;
import io.liftoff.producer.SendInterceptor;
import io.liftoff.producer.SendListener;
import io.liftoff.producer.SendResult;
import io.liftoff.producer.SendVetoedException;
import io.liftoff.producer.message.Message;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the configured interceptors and listeners, keeping their failures from the send's own. */
final class SendHooks {

    private static final Logger log = LoggerFactory.getLogger(SendHooks.class);

    private final List<SendInterceptor> interceptors;
    private final List<SendListener> listeners;

    SendHooks(List<SendInterceptor> interceptors, List<SendListener> listeners) {
        this.interceptors = List.copyOf(interceptors);
        this.listeners = List.copyOf(listeners);
    }

    /**
     * Passes {@code message} through every interceptor in order.
     *
     * @throws SendVetoedException when one throws or returns {@code null}
     */
    Message intercept(Message message) {
        Message current = message;
        for (SendInterceptor interceptor : interceptors) {
            Message next;
            try {
                next = interceptor.beforeSend(current);
            } catch (RuntimeException e) {
                throw new SendVetoedException(
                        "interceptor "
                                + interceptor
                                + " refused the send to topic '"
                                + current.topic()
                                + "': "
                                + e.getMessage(),
                        e);
            }
            if (next == null) {
                throw new SendVetoedException(
                        "interceptor "
                                + interceptor
                                + " returned null for a send to topic '"
                                + current.topic()
                                + "'; an interceptor must return a message or throw to refuse",
                        null);
            }
            current = next;
        }
        return current;
    }

    /** Whether any listener waits for outcomes; without one, {@link #completed} does nothing. */
    boolean hasListeners() {
        return !listeners.isEmpty();
    }

    /**
     * Tells every listener of the outcome; a listener's exception is logged with context.
     *
     * @param startNanos {@link System#nanoTime()} when the send started
     */
    void completed(
            Message message, SendResult result, Throwable failure, long startNanos, int attempts) {
        if (listeners.isEmpty() || message == null) {
            return;
        }
        SendEvent event =
                new SendEvent(message, Duration.ofNanos(System.nanoTime() - startNanos), attempts);
        for (SendListener listener : listeners) {
            try {
                if (failure == null) {
                    listener.onSuccess(event, result);
                } else {
                    listener.onFailure(event, failure);
                }
            } catch (RuntimeException e) {
                log.warn(
                        "Send listener {} failed on the {} of a send to topic '{}' (message id {});"
                                + " the send's outcome is unaffected",
                        listener,
                        failure == null ? "success" : "failure",
                        message.topic(),
                        result == null ? "unknown" : result.messageId(),
                        e);
            }
        }
    }
}
