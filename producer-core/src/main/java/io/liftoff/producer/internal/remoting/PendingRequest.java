package io.liftoff.producer.internal.remoting;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.util.Timeout;
import io.netty.util.TimerTask;
import java.time.Duration;

/**
 * A two-way request waiting for its response, in its table of pending requests. Whoever removes it
 * from the table completes it, so its callback is told exactly once: the response, or a timeout,
 * write failure, connection loss or client close, whichever comes first. Completion cancels the
 * timeout. The request is its own timer task and write listener, so neither costs an object.
 * Thread-safe.
 */
final class PendingRequest implements TimerTask, RemotingClient.WriteListener {

    private final PendingRequests table;
    private final int opaque;
    private final int code;
    private final String address;
    private final long timeoutNanos;
    private final ResponseCallback callback;
    private volatile Timeout expiry;
    private volatile Channel channel;
    private volatile boolean done;

    PendingRequest(
            PendingRequests table,
            int opaque,
            int code,
            String address,
            long timeoutNanos,
            ResponseCallback callback) {
        this.table = table;
        this.opaque = opaque;
        this.code = code;
        this.address = address;
        this.timeoutNanos = timeoutNanos;
        this.callback = callback;
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

    long timeoutNanos() {
        return timeoutNanos;
    }

    /** Returns the channel the request was written to, or {@code null} before that. */
    Channel channel() {
        return channel;
    }

    /** Records the channel the request goes out on, so that losing it fails the request. */
    void bindTo(Channel channel) {
        this.channel = channel;
    }

    @Override
    public void writing(Channel channel) {
        bindTo(channel);
    }

    @Override
    public void notWritten(Throwable failure) {
        failIfPending(failure);
    }

    @Override
    public void operationComplete(ChannelFuture write) {
        if (!write.isSuccess()) {
            failIfPending(
                    RemotingClient.writeFailure(
                            address, code, opaque, write.channel(), write.cause()));
        }
    }

    /** Attaches the timer task that fails this request; cancels it if already complete. */
    void expireWith(Timeout expiry) {
        this.expiry = expiry;
        // Both fields are volatile: either this sees done, or completion sees the expiry.
        if (done) {
            expiry.cancel();
        }
    }

    /** Returns the attached timer task, or {@code null} if none is attached yet; for tests. */
    Timeout expiry() {
        return expiry;
    }

    /** The timer task: fails the request with a timeout unless it completed first. */
    @Override
    public void run(Timeout timeout) {
        failIfPending(new RemotingTimeoutException(address, code, Duration.ofNanos(timeoutNanos)));
    }

    /** Completes with {@code response}; for the one who removed the request from the table. */
    void complete(Command response) {
        finish();
        callback.completed(response, null);
    }

    /** Fails with {@code failure}; for the one who removed the request from the table. */
    void fail(Throwable failure) {
        finish();
        callback.completed(null, failure);
    }

    /** Fails with {@code failure} if the request is still in the table; otherwise does nothing. */
    void failIfPending(Throwable failure) {
        if (table.remove(this)) {
            fail(failure);
        }
    }

    /** Leaves the table and frees the timer task without telling the callback: nobody waits. */
    void abandon() {
        if (table.remove(this)) {
            finish();
        }
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

    private void finish() {
        done = true;
        Timeout attached = expiry;
        if (attached != null) {
            attached.cancel();
        }
    }
}
