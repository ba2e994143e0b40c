package io.liftoff.producer.internal.remoting;

/**
 * Told the outcome of a two-way request sent with {@link RemotingClient#invoke(String, Command,
 * long, ResponseCallback)}, exactly once. It runs on a Netty event loop, the timer's executor, or
 * the calling or closing thread: it must neither block nor throw.
 */
@FunctionalInterface
public interface ResponseCallback {

    /**
     * @param response the response, whatever its code; {@code null} when the request failed
     * @param failure {@code null} when a response arrived; otherwise a {@link
     *     RemotingTimeoutException}, {@link RemotingConnectException}, {@link
     *     ConnectionClosedException}, {@link FrameTooLargeException} or another {@link
     *     RemotingException}
     */
    void completed(Command response, Throwable failure);
}
