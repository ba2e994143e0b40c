package io.liftoff.spring.observation;

import io.liftoff.producer.ProducerConfig;
import io.liftoff.producer.SendEvent;
import io.liftoff.producer.SendInterceptor;
import io.liftoff.producer.SendListener;
import io.liftoff.producer.SendResult;
import io.liftoff.producer.message.Message;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * Wraps every send of a producer in an {@link Observation}: as an interceptor it starts the
 * observation (a child of the caller's current one) and returns the message with whatever the
 * propagating handlers wrote into the {@link ProducerSendContext} carrier, the trace context among
 * it; as a listener it stops the observation on the send's outcome.
 *
 * <p>The listener finds the observation by the message it is told about, which is the very message
 * the last interceptor returned. The hook must therefore be the producer's last interceptor, and be
 * its listener as well: {@link #addTo(ProducerConfig.Builder)} does both. An interceptor added
 * after it that replaces the message would leave the observation unstopped.
 */
public final class ObservationSendHook implements SendInterceptor, SendListener {

    private static final ProducerObservationConvention DEFAULT_CONVENTION =
            new DefaultProducerObservationConvention();

    private final ObservationRegistry registry;
    private final @Nullable ProducerObservationConvention convention;

    /** Observations started and not yet stopped, by the identity of the message sent. */
    private final Map<Sent, Observation> inFlight = new ConcurrentHashMap<>();

    /**
     * Creates a hook that observes into {@code registry}.
     *
     * @param registry the registry; must not be {@code null}
     * @param convention the convention to use instead of {@link
     *     DefaultProducerObservationConvention}, or {@code null} for the default
     */
    public ObservationSendHook(
            ObservationRegistry registry, @Nullable ProducerObservationConvention convention) {
        Assert.notNull(registry, "'registry' must not be null");
        this.registry = registry;
        this.convention = convention;
    }

    /** Adds this hook to {@code builder} as its last interceptor and as a listener. */
    public ProducerConfig.Builder addTo(ProducerConfig.Builder builder) {
        return builder.interceptor(this).listener(this);
    }

    @Override
    public Message beforeSend(Message message) {
        ProducerSendContext context = new ProducerSendContext(message);
        Observation observation =
                Observation.createNotStarted(
                                this.convention, DEFAULT_CONVENTION, () -> context, this.registry)
                        .start();
        if (observation.isNoop()) {
            return message;
        }
        Message sent = context.getCarrier().build();
        this.inFlight.put(new Sent(sent), observation);
        return sent;
    }

    @Override
    public void onSuccess(SendEvent event, @Nullable SendResult result) {
        Observation observation = this.inFlight.remove(new Sent(event.message()));
        if (observation != null) {
            ((ProducerSendContext) observation.getContext()).setSendResult(result);
            observation.stop();
        }
    }

    @Override
    public void onFailure(SendEvent event, Throwable failure) {
        Observation observation = this.inFlight.remove(new Sent(event.message()));
        if (observation != null) {
            observation.error(failure);
            observation.stop();
        }
    }

    /** Observations started and not stopped yet; for tests. */
    int inFlight() {
        return this.inFlight.size();
    }

    /** A message compared by identity: two sends of equal messages are two observations. */
    private record Sent(Message message) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Sent that && that.message == this.message;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this.message);
        }
    }
}
