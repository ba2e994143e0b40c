package io.liftoff.producer.internal.remoting;

/** A TCP connection to an address could not be opened; every request waiting on it fails. */
public final class RemotingConnectException extends RemotingException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message naming the address and the cause.
     *
     * @param address the {@code host:port} that could not be reached
     * @param cause why the connect failed; must not be {@code null}
     */
    public RemotingConnectException(String address, Throwable cause) {
        super(address, "failed to connect to " + address + ": " + cause, cause);
    }

    /**
     * Creates an exception with its own message.
     *
     * @param address the {@code host:port} that could not be reached
     * @param message a message that names {@code address}
     * @param cause the connect failure behind it, or {@code null}
     */
    public RemotingConnectException(String address, String message, Throwable cause) {
        super(address, message, cause);
    }
}
