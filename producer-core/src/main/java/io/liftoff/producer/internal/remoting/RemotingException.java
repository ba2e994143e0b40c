package io.liftoff.producer.internal.remoting;

/**
 * Base of the unchecked exceptions the remoting layer completes futures with. The message always
 * names the remote address; {@link #address()} returns it for code that routes around a failed
 * broker.
 */
public class RemotingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String address;

    /**
     * Creates an exception.
     *
     * @param address the remote {@code host:port} the failure concerns
     * @param message a message that names {@code address}
     * @param cause the underlying failure, or {@code null} if there is none
     */
    public RemotingException(String address, String message, Throwable cause) {
        super(message, cause);
        this.address = address;
    }

    /** Returns the remote {@code host:port} the failure concerns. */
    public String address() {
        return address;
    }
}
