package io.liftoff.spring.metrics;

import io.liftoff.producer.Producer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * Gauges of what one producer has in flight, tagged with its {@code group}: {@value
 * #IN_FLIGHT_MESSAGES} (messages sent and not yet answered), {@value #IN_FLIGHT_BYTES} (their body
 * bytes) and {@value #PENDING_REQUESTS} (request-reply requests waiting for their reply). Reading
 * them costs no more than reading counters. {@link #close()} removes the gauges again.
 */
public final class ProducerMetrics implements MeterBinder, AutoCloseable {

    /** Name of the gauge of messages in flight. */
    public static final String IN_FLIGHT_MESSAGES = "rocketmq.producer.in.flight.messages";

    /** Name of the gauge of body bytes in flight. */
    public static final String IN_FLIGHT_BYTES = "rocketmq.producer.in.flight.bytes";

    /** Name of the gauge of requests waiting for their reply. */
    public static final String PENDING_REQUESTS = "rocketmq.producer.pending.requests";

    private final Producer producer;
    private final List<Meter> meters = new CopyOnWriteArrayList<>();
    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

    /**
     * Creates the gauges of a producer; {@link #bindTo} registers them.
     *
     * @param producer the producer; must not be {@code null}
     */
    public ProducerMetrics(Producer producer) {
        Assert.notNull(producer, "'producer' must not be null");
        this.producer = producer;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Tags tags = Tags.of("group", this.producer.config().group());
        gauge(
                registry,
                IN_FLIGHT_MESSAGES,
                "Messages sent and not yet answered",
                tags,
                null,
                Producer::inFlightMessages);
        gauge(
                registry,
                IN_FLIGHT_BYTES,
                "Body bytes of the messages in flight",
                tags,
                BaseUnits.BYTES,
                Producer::inFlightBytes);
        gauge(
                registry,
                PENDING_REQUESTS,
                "Requests waiting for their reply",
                tags,
                null,
                Producer::pendingRequests);
        this.registries.add(registry);
    }

    private void gauge(
            MeterRegistry registry,
            String name,
            String description,
            Tags tags,
            @Nullable String baseUnit,
            ToDoubleFunction<Producer> value) {
        this.meters.add(
                Gauge.builder(name, this.producer, value)
                        .description(description)
                        .baseUnit(baseUnit)
                        .tags(tags)
                        .strongReference(true)
                        .register(registry));
    }

    /** Removes the gauges from every registry they were bound to. */
    @Override
    public void close() {
        for (MeterRegistry registry : this.registries) {
            this.meters.forEach(registry::remove);
        }
        this.meters.clear();
        this.registries.clear();
    }
}
