package io.liftoff.producer.remoting;

import io.netty.channel.Channel;
import io.netty.util.Timeout;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A two-way request waiting for its response. Its future completes exactly once: with the response,
 * or exceptionally on timeout, write failure, connection loss or client close, whichever comes
 * first. Completion cancels the timeout. Thread-safe.
 */
final class PendingRequest {

    private final int opaque;
    private final int code;
    private final String address;
    private final Duration timeout;
    private final CompletableFuture<Command> future = new CompletableFuture<>();
    private volatile Timeout expiry;
    private volatile Channel channel;

    PendingRequest(int opaque, int code, String address, Duration timeout) {
        this.opaque = opaque;
        this.code = code;
        this.address = address;
        this.timeout = timeout;
        // Also runs when the caller cancels the future, so an abandoned request frees its timer.
        future.whenComplete((response, failure) -> cancelExpiry());
    }

    int opaque() {
        return opaque;
    }

    int code() {
        return code;
    }

    String address() {
        return address;
    }

    Duration timeout() {
        return timeout;
    }

    CompletableFuture<Command> future() {
        return future;
    }

    /** Returns the channel the request was written to, or {@code null} before that. */
    Channel channel() {
        return channel;
    }

    /** Records the channel the request goes out on, so that losing it fails the request. */
    void bindTo(Channel channel) {
        this.channel = channel;
    }

    /** Attaches the timer task that fails this request; cancels it if already complete. */
    void expireWith(Timeout expiry) {
        this.expiry = expiry;
        if (future.isDone()) {
            // Completed before the timer task was attached, so the completion hook missed it.
            expiry.cancel();
        }
    }

    /** Returns the attached timer task, or {@code null} if none is attached yet; for tests. */
    Timeout expiry() {
        return expiry;
    }

    void complete(Command response) {
        future.complete(response);
    }

    void fail(Throwable failure) {
        future.completeExceptionally(failure);
    }

    /**
     * Returns the failure for this request when its connection closed under it.
     *
     * @param cause the error that closed the connection, or {@code null} if it closed cleanly
     * @param hint what may have closed it, appended to the message; empty for none
     */
    ConnectionClosedException connectionClosed(Throwable cause, String hint) {
        return new ConnectionClosedException(
                address,
                "connection to "
                        + address
                        + " closed while request (code "
                        + code
                        + ", opaque "
                        + opaque
                        + ") was pending"
                        + hint,
                cause);
    }

    private void cancelExpiry() {
        Timeout attached = expiry;
        if (attached != null) {
            attached.cancel();
        }
    }
}
