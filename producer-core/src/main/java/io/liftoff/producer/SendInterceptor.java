package io.liftoff.producer;

import io.liftoff.producer.message.Message;

/**
 * Sees every message before it is sent and may change or refuse it, e.g. to add a trace property or
 * to enforce a naming rule. Interceptors run in configuration order on the sending thread, before
 * validation, so what they return is validated like any message.
 *
 * <pre>{@code
 * SendInterceptor tenant = message -> message.toBuilder().property("tenant", currentTenant()).build();
 * }</pre>
 */
@FunctionalInterface
public interface SendInterceptor {

    /**
     * @param message the message about to be sent
     * @return the message to send instead: {@code message} itself or a changed copy, never {@code
     *     null}
     * @throws RuntimeException to refuse the send; the caller gets a {@link SendVetoedException}
     *     with this exception as its cause, and nothing is sent
     */
    Message beforeSend(Message message);
}
