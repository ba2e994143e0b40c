package io.liftoff.producer;

import io.liftoff.producer.message.Message;
import java.time.Duration;
import java.util.Objects;

/**
 * One send as a {@link SendListener} sees it.
 *
 * @param message the message as the application gave it (after interceptors)
 * @param elapsed from the start of the send to its outcome, retries and back-pressure included
 * @param attempts requests made for it: 0 when it failed before any went out, more than 1 when it
 *     was retried
 */
public record SendEvent(Message message, Duration elapsed, int attempts) {

    public SendEvent {
        Objects.requireNonNull(message, "message must not be null");
        Objects.requireNonNull(elapsed, "elapsed must not be null");
    }
}
