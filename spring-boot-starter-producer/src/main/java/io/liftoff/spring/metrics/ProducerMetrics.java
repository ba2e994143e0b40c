package io.liftoff.spring.metrics;

import io.liftoff.producer.ConnectionStatus.BrokerStatus;
import io.liftoff.producer.ConnectionStatus.SendWindowStatus;
import io.liftoff.producer.Producer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * Gauges of what one producer has in flight, tagged with its {@code group}: {@value
 * #IN_FLIGHT_MESSAGES} (messages sent and not yet answered), {@value #IN_FLIGHT_BYTES} (their body
 * bytes) and {@value #PENDING_REQUESTS} (request-reply requests waiting for their reply), and per
 * broker, tagged {@code broker} too, {@value #SEND_WINDOW} (how many send requests the producer may
 * have in flight to the broker now; it shrinks while the broker sheds load) and {@value
 * #SEND_WAITING} (sends waiting for room in that window). Reading them costs no more than reading
 * counters, or the producer's {@link Producer#connectionStatus()} for the per-broker ones.
 *
 * <p>Brokers come and go with the routes of the topics the producer sends to, so the per-broker
 * gauges are registered at {@link #bindTo} for the brokers known then and, like the Kafka client
 * binder of Micrometer does, checked again every {@code brokerRefreshInterval} (10 s by default) on
 * a daemon thread of this binder. {@link #close()} stops it and removes every gauge.
 */
public final class ProducerMetrics implements MeterBinder, AutoCloseable {

    /** Name of the gauge of messages in flight. */
    public static final String IN_FLIGHT_MESSAGES = "rocketmq.producer.in.flight.messages";

    /** Name of the gauge of body bytes in flight. */
    public static final String IN_FLIGHT_BYTES = "rocketmq.producer.in.flight.bytes";

    /** Name of the gauge of requests waiting for their reply. */
    public static final String PENDING_REQUESTS = "rocketmq.producer.pending.requests";

    /** Name of the gauge of the send window to each broker, tagged {@code broker}. */
    public static final String SEND_WINDOW = "rocketmq.producer.send.window";

    /** Name of the gauge of sends waiting for room in the window to each broker. */
    public static final String SEND_WAITING = "rocketmq.producer.send.waiting";

    private static final Duration DEFAULT_BROKER_REFRESH_INTERVAL = Duration.ofSeconds(10);

    private final Producer producer;
    private final Duration brokerRefreshInterval;
    private final List<Meter> meters = new CopyOnWriteArrayList<>();
    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();
    private final Set<String> brokersWithGauges = ConcurrentHashMap.newKeySet();
    private @Nullable ScheduledExecutorService brokerRefresh;

    /**
     * Creates the gauges of a producer; {@link #bindTo} registers them.
     *
     * @param producer the producer; must not be {@code null}
     */
    public ProducerMetrics(Producer producer) {
        this(producer, DEFAULT_BROKER_REFRESH_INTERVAL);
    }

    /**
     * Creates the gauges of a producer; {@link #bindTo} registers them.
     *
     * @param producer the producer; must not be {@code null}
     * @param brokerRefreshInterval how often to look for brokers without gauges; positive
     */
    public ProducerMetrics(Producer producer, Duration brokerRefreshInterval) {
        Assert.notNull(producer, "'producer' must not be null");
        Assert.isTrue(
                brokerRefreshInterval != null
                        && !brokerRefreshInterval.isNegative()
                        && !brokerRefreshInterval.isZero(),
                "'brokerRefreshInterval' must be positive");
        this.producer = producer;
        this.brokerRefreshInterval = brokerRefreshInterval;
    }

    @Override
    public synchronized void bindTo(MeterRegistry registry) {
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
        for (String broker : this.brokersWithGauges) {
            brokerGauges(registry, broker);
        }
        refreshBrokers();
        if (this.brokerRefresh == null) {
            this.brokerRefresh =
                    Executors.newSingleThreadScheduledExecutor(
                            (task) -> {
                                Thread thread =
                                        new Thread(
                                                task,
                                                "liftoff-metrics-"
                                                        + this.producer.config().group());
                                thread.setDaemon(true);
                                return thread;
                            });
            long interval = this.brokerRefreshInterval.toMillis();
            this.brokerRefresh.scheduleWithFixedDelay(
                    this::refreshBrokersQuietly, interval, interval, TimeUnit.MILLISECONDS);
        }
    }

    /** Registers the per-broker gauges of brokers that have none yet, in every bound registry. */
    synchronized void refreshBrokers() {
        for (BrokerStatus broker : this.producer.connectionStatus().brokers()) {
            if (this.brokersWithGauges.add(broker.brokerName())) {
                for (MeterRegistry registry : this.registries) {
                    brokerGauges(registry, broker.brokerName());
                }
            }
        }
    }

    /** For the scheduler, which would stop running a task that throws. */
    private void refreshBrokersQuietly() {
        try {
            refreshBrokers();
        } catch (RuntimeException ex) {
            // the gauges of a new broker come at the next try; nothing else depends on them
        }
    }

    private void brokerGauges(MeterRegistry registry, String broker) {
        Tags tags = Tags.of("group", this.producer.config().group(), "broker", broker);
        gauge(
                registry,
                SEND_WINDOW,
                "Send requests the producer may have in flight to the broker now",
                tags,
                null,
                (producer) -> windowOf(producer, broker, SendWindowStatus::limit));
        gauge(
                registry,
                SEND_WAITING,
                "Sends waiting for room in the send window to the broker",
                tags,
                null,
                (producer) -> windowOf(producer, broker, SendWindowStatus::waiting));
    }

    /** A figure of the producer's window to {@code broker}, or NaN once the broker is gone. */
    private static double windowOf(
            Producer producer, String broker, ToDoubleFunction<SendWindowStatus> figure) {
        for (BrokerStatus status : producer.connectionStatus().brokers()) {
            if (status.brokerName().equals(broker)) {
                return figure.applyAsDouble(status.sendWindow());
            }
        }
        return Double.NaN;
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

    /** Stops looking for brokers and removes the gauges from every registry they were bound to. */
    @Override
    public synchronized void close() {
        if (this.brokerRefresh != null) {
            this.brokerRefresh.shutdownNow();
            this.brokerRefresh = null;
        }
        for (MeterRegistry registry : this.registries) {
            this.meters.forEach(registry::remove);
        }
        this.meters.clear();
        this.registries.clear();
        this.brokersWithGauges.clear();
    }
}
