package io.liftoff.producer.internal.remoting;

/**
 * Handles a request that a server sends to this client, e.g. a transaction check-back. Register it
 * with {@link RemotingClient#registerHandler}; it runs on the executor given there, never on a
 * Netty event loop, so it may block. It must be thread-safe if that executor runs tasks
 * concurrently.
 */
@FunctionalInterface
public interface RequestHandler {

    /**
     * Handles one request.
     *
     * @param request the decoded request; never {@code null}
     * @param remoteAddress the {@code host:port} of the server that sent it
     * @return the response to send back, built with {@link Command#response}, or {@code null} to
     *     send none; the return value of a oneway request is ignored
     * @throws Exception if handling fails; a two-way request is then answered with SYSTEM_ERROR
     *     (code 1) and the exception message as remark
     */
    Command handle(Command request, String remoteAddress) throws Exception;
}
