package io.liftoff.producer.internal.remoting;

import java.time.Duration;

/** No response arrived within a request's timeout; the request is no longer pending. */
public final class RemotingTimeoutException extends RemotingException {

    private static final long serialVersionUID = 1L;

    private final Duration timeout;

    /**
     * Creates an exception whose message reads like {@code "request code 310 to 127.0.0.1:10911
     * timed out after 3000 ms"}.
     *
     * @param address the {@code host:port} the request went to
     * @param requestCode the code of the request that timed out
     * @param timeout the timeout that elapsed; must not be {@code null}
     */
    public RemotingTimeoutException(String address, int requestCode, Duration timeout) {
        super(
                address,
                "request code "
                        + requestCode
                        + " to "
                        + address
                        + " timed out after "
                        + timeout.toMillis()
                        + " ms",
                null);
        this.timeout = timeout;
    }

    /** Returns the timeout that elapsed. */
    public Duration timeout() {
        return timeout;
    }
}
