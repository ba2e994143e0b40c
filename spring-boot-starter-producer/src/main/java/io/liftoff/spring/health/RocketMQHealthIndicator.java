package io.liftoff.spring.health;

import io.liftoff.producer.ConnectionStatus;
import io.liftoff.producer.ConnectionStatus.BrokerStatus;
import io.liftoff.producer.ConnectionStatus.SendWindowStatus;
import io.liftoff.producer.EndpointStatus;
import io.liftoff.producer.EndpointStatus.State;
import io.liftoff.producer.Producer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.util.Assert;

/**
 * Health of a {@link Producer} from what its client last saw of its servers ({@link
 * Producer#connectionStatus()}): no network call, so a check takes no longer than reading a map.
 * The producer knows its brokers from its start (its warm-up topics' or the cluster's) and
 * heartbeats them, so the brokers are listed before any send. DOWN, with the {@code reason}, when
 * no name server answered its last request, when every broker missed its last heartbeat, or when
 * the name servers answer but list no broker for the producer; UNKNOWN before the client asked any
 * name server anything; UP otherwise, with the servers that are down listed under {@code
 * unhealthy}. Each broker also shows the producer's send window to it under {@code sendWindow}: a
 * broker that sheds load narrows it, and sends wait for room; that slows sends down but is no
 * reason to report DOWN.
 */
public class RocketMQHealthIndicator extends AbstractHealthIndicator {

    /** Longest error text shown; a reason fits, a stack trace or a server's echo does not. */
    private static final int MAX_ERROR_LENGTH = 160;

    /** Class names of wrapped exceptions, e.g. {@code io.netty...ConnectException: }. */
    private static final Pattern EXCEPTION_CLASS =
            Pattern.compile("(?:[a-z_][\\w]*\\.)+[A-Z][\\w$]*: ");

    private final Producer producer;

    /**
     * Creates an indicator of the given producer.
     *
     * @param producer the producer whose connections to report; must not be {@code null}
     */
    public RocketMQHealthIndicator(Producer producer) {
        super("RocketMQ health check failed");
        Assert.notNull(producer, "'producer' must not be null");
        this.producer = producer;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        ConnectionStatus status = this.producer.connectionStatus();
        List<String> unhealthy = new ArrayList<>();
        Map<String, Object> nameServers = new LinkedHashMap<>();
        for (EndpointStatus nameServer : status.nameServers()) {
            nameServers.put(nameServer.address(), details(nameServer, "lastSuccess", unhealthy));
        }
        Map<String, Object> brokers = new LinkedHashMap<>();
        for (BrokerStatus broker : status.brokers()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("address", broker.status().address());
            details.putAll(details(broker.status(), "lastHeartbeat", unhealthy));
            details.put("sendWindow", sendWindow(broker.sendWindow()));
            brokers.put(broker.brokerName(), details);
        }
        String downReason = downReason(status);
        if (downReason != null) {
            builder.down().withDetail("reason", downReason);
        } else {
            builder.status(statusOf(status));
        }
        builder.withDetail("nameServers", nameServers).withDetail("brokers", brokers);
        if (!unhealthy.isEmpty()) {
            builder.withDetail("unhealthy", unhealthy);
        }
    }

    private static Map<String, Object> sendWindow(SendWindowStatus window) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("limit", window.limit());
        details.put("inFlight", window.inFlight());
        details.put("waiting", window.waiting());
        details.put("flowControlAnswers", window.flowControlAnswers());
        return details;
    }

    /** Why the producer can send nothing now, or {@code null} when it may. */
    private static @Nullable String downReason(ConnectionStatus status) {
        List<State> nameServers = status.nameServers().stream().map(EndpointStatus::state).toList();
        List<State> brokers = status.brokers().stream().map((b) -> b.status().state()).toList();
        if (nameServers.contains(State.UNREACHABLE) && !nameServers.contains(State.REACHABLE)) {
            return "no name server answers";
        }
        if (!brokers.isEmpty() && brokers.stream().allMatch(State.UNREACHABLE::equals)) {
            return "no broker is reachable: each one missed its last heartbeat";
        }
        if (brokers.isEmpty() && nameServers.contains(State.REACHABLE)) {
            return "no broker is known: the name servers list none for this producer (its"
                    + " warm-up topics' or, without any, the cluster's)";
        }
        return null;
    }

    private static Status statusOf(ConnectionStatus status) {
        // no probe, look-up or heartbeat has happened yet
        return status.nameServers().stream().allMatch((n) -> n.state() == State.UNKNOWN)
                ? Status.UNKNOWN
                : Status.UP;
    }

    private static Map<String, Object> details(
            EndpointStatus endpoint, String lastSuccessKey, List<String> unhealthy) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("status", endpoint.state().name().toLowerCase(Locale.ROOT));
        if (endpoint.roundTrip() != null) {
            details.put("roundTripMillis", endpoint.roundTrip().toMillis());
        }
        if (endpoint.lastSuccess() != null) {
            details.put(lastSuccessKey, endpoint.lastSuccess().toString());
        }
        if (endpoint.state() == State.UNREACHABLE) {
            unhealthy.add(endpoint.address());
            if (endpoint.lastFailure() != null) {
                details.put("lastFailure", endpoint.lastFailure().toString());
            }
            if (endpoint.lastError() != null) {
                details.put("error", reason(endpoint.lastError()));
            }
        }
        return details;
    }

    /**
     * The first line of an error without the class names of wrapped exceptions, shortened: the
     * reason, never a trace or a long echo.
     */
    private static String reason(String error) {
        String firstLine = error.lines().findFirst().orElse("").strip();
        firstLine = EXCEPTION_CLASS.matcher(firstLine).replaceAll("");
        return (firstLine.length() <= MAX_ERROR_LENGTH)
                ? firstLine
                : firstLine.substring(0, MAX_ERROR_LENGTH) + "…";
    }
}
