package io.liftoff.producer.internal;

import io.liftoff.producer.ConnectionStatus;
import io.liftoff.producer.internal.fault.BrokerRoom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The {@link SendWindow}s of one producer, one per broker name, made on first use and kept: a
 * broker that left and came back resumes with what its window learned. Thread-safe.
 */
final class SendWindows implements BrokerRoom {

    private final ConcurrentMap<String, SendWindow> windows = new ConcurrentHashMap<>();
    private final int ceiling;
    private final Supplier<Executor> grants;
    private final SendOperation.Delays delays;
    private final SendBacklog backlog = new SendBacklog();

    /**
     * @param ceiling the most any window grows to
     * @param grants gives each new window the executor that runs the sends it gives room to, off
     *     the thread that freed it, one after the other in the order given (so that they go out in
     *     the order they came)
     * @param delays ends the pauses of windows at their floor
     */
    SendWindows(int ceiling, Supplier<Executor> grants, SendOperation.Delays delays) {
        this.ceiling = ceiling;
        this.grants = grants;
        this.delays = delays;
    }

    /** The window of {@code brokerName}, made on first use. */
    SendWindow of(String brokerName) {
        SendWindow window = windows.get(brokerName);
        return window != null
                ? window
                : windows.computeIfAbsent(
                        brokerName,
                        name -> new SendWindow(name, ceiling, grants.get(), delays, backlog));
    }

    /** The sends waiting in these windows, and whether a new one may join them. */
    SendBacklog backlog() {
        return backlog;
    }

    @Override
    public boolean hasRoom(String brokerName) {
        SendWindow window = windows.get(brokerName);
        return window == null || !window.isFull();
    }

    /** The status of the window of {@code brokerName}; a fresh one's if none was made yet. */
    ConnectionStatus.SendWindowStatus status(String brokerName) {
        SendWindow window = windows.get(brokerName);
        return window != null
                ? window.status()
                : new ConnectionStatus.SendWindowStatus(
                        Math.min(SendWindow.INITIAL_LIMIT, ceiling), 0, 0, 0);
    }
}
