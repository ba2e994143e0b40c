package io.liftoff.producer.internal.remoting;

/**
 * The connection a request depended on closed, or the client was closed, before a response arrived.
 * Whether the server processed the request is unknown.
 */
public final class ConnectionClosedException extends RemotingException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param address the remote {@code host:port} of the connection
     * @param message a message that names {@code address}, e.g. {@code "connection to
     *     127.0.0.1:10911 closed while request (code 310, opaque 7) was pending"}
     * @param cause the error that closed the connection, or {@code null} if it closed cleanly
     */
    public ConnectionClosedException(String address, String message, Throwable cause) {
        super(address, message, cause);
    }
}
