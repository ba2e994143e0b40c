package io.liftoff.spring.metrics;

import io.liftoff.producer.SendEvent;
import io.liftoff.producer.SendListener;
import io.liftoff.producer.SendResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * Records every send of one producer: a timer {@value #SEND} tagged {@code topic}, {@code outcome}
 * ({@code success} or {@code failure}), {@code exception} (the failure's simple class name, or
 * {@code none}) and {@code group}, and a counter {@value #RETRIES} of the extra attempts, tagged
 * {@code topic} and {@code group}. Each message of a batch counts as one send.
 *
 * <p>The {@code topic} tag has one value per topic sent to. That suits applications with a fixed
 * set of topics; one that derives topic names from data (per tenant, per customer) should bound the
 * tag with a {@code MeterFilter}, e.g. {@code MeterFilter.maximumAllowableTags(
 * "rocketmq.producer", "topic", 100, MeterFilter.deny())}, or drop it with {@code
 * MeterFilter.ignoreTags("topic")}.
 */
public final class SendMetricsListener implements SendListener {

    /** Name of the send timer. */
    public static final String SEND = "rocketmq.producer.send";

    /** Name of the counter of retries. */
    public static final String RETRIES = "rocketmq.producer.retries";

    private final MeterRegistry registry;
    private final String group;

    /**
     * Creates a listener that records into {@code registry}.
     *
     * @param registry the registry; must not be {@code null}
     * @param group the producer group the meters are tagged with; must not be {@code null}
     */
    public SendMetricsListener(MeterRegistry registry, String group) {
        Assert.notNull(registry, "'registry' must not be null");
        Assert.notNull(group, "'group' must not be null");
        this.registry = registry;
        this.group = group;
    }

    @Override
    public void onSuccess(SendEvent event, @Nullable SendResult result) {
        record(event, "success", "none");
    }

    @Override
    public void onFailure(SendEvent event, Throwable failure) {
        record(event, "failure", exceptionName(failure));
    }

    private void record(SendEvent event, String outcome, String exception) {
        Tags tags = Tags.of("topic", event.message().topic(), "group", this.group);
        Timer.builder(SEND)
                .description("Time from the start of a send to its outcome, retries included")
                .tags(tags)
                .tag("outcome", outcome)
                .tag("exception", exception)
                .register(this.registry)
                .record(event.elapsed());
        if (event.attempts() > 1) {
            Counter.builder(RETRIES)
                    .description("Attempts of sends after their first")
                    .tags(tags)
                    .register(this.registry)
                    .increment(event.attempts() - 1);
        }
    }

    private static String exceptionName(Throwable failure) {
        String name = failure.getClass().getSimpleName();
        // anonymous classes have no simple name
        return name.isEmpty() ? failure.getClass().getName() : name;
    }
}
