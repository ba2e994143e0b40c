package io.liftoff.producer.internal.remoting;

import io.liftoff.producer.Credentials;
import io.liftoff.producer.internal.auth.RequestSigner;
import io.liftoff.producer.internal.concurrent.OrderedStarts;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.EncoderException;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends RocketMQ remoting commands to servers addressed as {@code host:port}, over one Netty
 * channel per address, and serves the requests those servers send back.
 *
 * <p>Thread-safe. Every method returns without blocking on the network, except {@link #close()}.
 * Returned futures complete on a Netty event loop (responses, timeouts, connection loss) or on the
 * calling or closing thread when the client is closed: callbacks attached to them must not block,
 * and should hop to another executor for slow work.
 *
 * <p>The client owns its event-loop threads and its timeout timer; {@link #close()} releases them.
 */
public final class RemotingClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RemotingClient.class);

    // Event loops finish their queued tasks within this, then close() stops waiting for them.
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration SHUTDOWN_WAIT = SHUTDOWN_TIMEOUT.plusSeconds(1);

    private static final String PLAIN_CONNECTION_CLOSED_HINT =
            " before the server answered anything; if the server enforces TLS"
                    + " (tls.server.mode=enforcing), turn TLS on";

    private final RemotingOptions options;
    // Per client, not static: opaque values only need to be unique among one client's requests.
    private final AtomicInteger nextOpaque = new AtomicInteger();
    private final PendingRequests pending = new PendingRequests();
    private final RequestHandlers handlers = new RequestHandlers();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final EventLoopGroup group;
    private final RequestTimeouts timeouts;
    private final Connections connections;
    // the writes that wait for a connection being made, by address
    private final OrderedStarts connecting = new OrderedStarts();
    // null without credentials, so that unsigned requests cost one null check
    private final RequestSigner signer;

    /**
     * Creates a client and starts its threads; connections open on first use.
     *
     * @param options the settings; must not be {@code null}
     * @throws IllegalArgumentException if {@code options} is {@code null}
     */
    public RemotingClient(RemotingOptions options) {
        this.options = Require.notNull(options, "options");
        if (options.tls().trustsAllCertificates()) {
            log.warn(
                    "TLS is on but server certificates are NOT verified"
                            + " (insecureTrustAllCertificates): anyone in the middle can read and"
                            + " change the traffic; use this only against test servers");
        }
        String prefix = options.threadNamePrefix();
        this.group =
                new MultiThreadIoEventLoopGroup(
                        options.ioThreads(),
                        new DefaultThreadFactory(prefix + "-io", true),
                        NioIoHandler.newFactory());
        this.timeouts =
                new RequestTimeouts(new DefaultThreadFactory(prefix + "-timer", true), group);
        this.connections =
                new Connections(
                        group,
                        options,
                        new RemotingPipeline(options, pending, handlers, this::connectionLost));
        this.signer = options.credentials().map(RequestSigner::new).orElse(null);
    }

    /**
     * Sends a two-way request, connecting to {@code address} first if needed.
     *
     * @param address the server's {@code host:port}
     * @param request a request built with {@link Command#request}; its opaque is replaced by a
     *     fresh one and its version by {@link RemotingOptions#protocolVersion()}
     * @param timeout how long to wait for the response, connect time included; positive
     * @return a future completed with the response, whatever its response code (mapping codes is
     *     the caller's job), or exceptionally with {@link RemotingTimeoutException}, {@link
     *     RemotingConnectException}, {@link ConnectionClosedException}, {@link
     *     FrameTooLargeException} or another {@link RemotingException}; cancelling it abandons the
     *     request
     * @throws IllegalArgumentException if an argument is {@code null} or invalid, or the request is
     *     a response
     */
    public CompletableFuture<Command> invoke(String address, Command request, Duration timeout) {
        Require.positive(timeout, "timeout");
        ResponseFuture future = new ResponseFuture();
        PendingRequest call = send(address, request, timeout.toNanos(), future);
        // Also runs when the caller cancels the future, so an abandoned request frees its timer.
        future.whenComplete((response, failure) -> call.abandon());
        return future;
    }

    /**
     * Sends a two-way request like {@link #invoke(String, Command, Duration)}, telling {@code
     * callback} its outcome instead of completing a future: no future, no completion stage.
     *
     * @param timeoutNanos how long to wait for the response, connect time included; positive
     * @param callback told the response or the failure exactly once; must not block or throw
     * @throws IllegalArgumentException if an argument is {@code null} or invalid, or the request is
     *     a response
     */
    public void invoke(
            String address, Command request, long timeoutNanos, ResponseCallback callback) {
        Require.positive(timeoutNanos, "timeoutNanos");
        Require.notNull(callback, "callback");
        send(address, request, timeoutNanos, callback);
    }

    private PendingRequest send(
            String address, Command request, long timeoutNanos, ResponseCallback callback) {
        checkRequest(address, request);
        PendingRequest call =
                new PendingRequest(
                        pending,
                        nextOpaque.getAndIncrement(),
                        request.code(),
                        address,
                        timeoutNanos,
                        callback);
        pending.add(call);
        // Checked after add: close() sets the flag before failing the table, so either it fails
        // this request or this check sees the flag.
        if (closed.get()) {
            call.failIfPending(clientClosed(address, request.code(), call.opaque(), null));
            return call;
        }
        try {
            timeouts.schedule(call);
        } catch (IllegalStateException e) {
            call.failIfPending(clientClosed(address, request.code(), call.opaque(), e));
            return call;
        }
        Command wire = signed(request).stamped(call.opaque(), options.protocolVersion(), 0);
        write(address, wire, call);
        return call;
    }

    /**
     * Sends a oneway request (flag bit 1): the server never answers it.
     *
     * @param address the server's {@code host:port}
     * @param request a request built with {@link Command#request}
     * @return a future completed once the request is written to the socket, or exceptionally with
     *     {@link RemotingConnectException}, {@link ConnectionClosedException}, {@link
     *     FrameTooLargeException} or another {@link RemotingException}
     * @throws IllegalArgumentException if an argument is {@code null} or invalid, or the request is
     *     a response
     */
    public CompletableFuture<Void> invokeOneway(String address, Command request) {
        checkRequest(address, request);
        int opaque = nextOpaque.getAndIncrement();
        if (closed.get()) {
            return CompletableFuture.failedFuture(
                    clientClosed(address, request.code(), opaque, null));
        }
        Command wire =
                signed(request).stamped(opaque, options.protocolVersion(), Command.FLAG_ONEWAY);
        CompletableFuture<Void> written = new CompletableFuture<>();
        write(
                address,
                wire,
                new WriteListener() {
                    @Override
                    public void writing(Channel channel) {}

                    @Override
                    public void notWritten(Throwable failure) {
                        written.completeExceptionally(failure);
                    }

                    @Override
                    public void operationComplete(ChannelFuture write) {
                        if (write.isSuccess()) {
                            written.complete(null);
                        } else {
                            notWritten(
                                    writeFailure(
                                            address,
                                            wire.code(),
                                            wire.opaque(),
                                            write.channel(),
                                            write.cause()));
                        }
                    }
                });
        return written;
    }

    /**
     * Routes requests that servers send with {@code requestCode} to {@code handler}, which runs on
     * {@code executor}, never on an event loop. A later registration for the same code replaces
     * this one.
     *
     * @param requestCode the request code, e.g. 39 for CHECK_TRANSACTION_STATE
     * @param handler the handler; must not be {@code null}
     * @param executor runs the handler; must not be {@code null}
     * @throws IllegalArgumentException if {@code handler} or {@code executor} is {@code null}
     */
    public void registerHandler(int requestCode, RequestHandler handler, Executor executor) {
        Require.notNull(handler, "handler");
        Require.notNull(executor, "executor");
        handlers.register(requestCode, handler, executor);
    }

    /**
     * Returns whether an open connection to {@code address} exists.
     *
     * @throws IllegalArgumentException if the address is malformed
     */
    public boolean isConnected(String address) {
        Addresses.parse(address);
        return connections.isConnected(address);
    }

    /**
     * Closes the connection to {@code address}, if any; requests pending on it fail with {@link
     * ConnectionClosedException}. The next request to the address reconnects.
     *
     * @throws IllegalArgumentException if the address is malformed
     */
    public void closeConnection(String address) {
        Addresses.parse(address);
        connections.close(address);
    }

    /**
     * Closes the client: fails every pending request with {@link ConnectionClosedException}, closes
     * every connection, and stops the threads, waiting up to three seconds for them unless called
     * from one of them (e.g. a future callback). Idempotent; later requests fail at once.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        pending.failAll(
                request -> clientClosed(request.address(), request.code(), request.opaque(), null));
        connections.closeAll();
        timeouts.close();
        Future<?> terminated =
                group.shutdownGracefully(0, SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        // Waiting on an event loop for its own termination would deadlock.
        if (!inEventLoop() && !terminated.awaitUninterruptibly(SHUTDOWN_WAIT.toMillis())) {
            log.warn("Remoting event loops did not stop within {}", SHUTDOWN_WAIT);
        }
    }

    /** Returns the credentials every request is signed with, or empty if requests are unsigned. */
    public Optional<Credentials> credentials() {
        return options.credentials();
    }

    /**
     * Runs {@code task} on a remoting thread once {@code delay} has passed, on the timer that
     * expires requests; for retries that back off. The task must not block.
     *
     * @throws IllegalStateException if this client is closed
     */
    public void schedule(Runnable task, Duration delay) {
        timeouts.delay(task, delay);
    }

    /**
     * Runs {@code task} soon on a remoting thread, or on the calling thread once the client's
     * threads have stopped; for work handed on from a callback, so that it never runs on the
     * callback's own stack. The task must not block.
     */
    public void execute(Runnable task) {
        try {
            group.next().execute(task);
        } catch (RejectedExecutionException stopped) {
            task.run();
        }
    }

    /**
     * An executor that runs its tasks one after the other, in the order given, on one of the
     * client's event loops (round-robin per call), or on the calling thread once the client's
     * threads have stopped. The tasks must not block.
     */
    public Executor orderedExecutor() {
        EventExecutor loop = group.next();
        return task -> {
            try {
                loop.execute(task);
            } catch (RejectedExecutionException stopped) {
                task.run();
            }
        };
    }

    /**
     * One of the client's event loops, round-robin: for work that must run in order, one task after
     * another on one thread, and for timers precise to well under a millisecond. Its tasks must not
     * block. It refuses tasks ({@link java.util.concurrent.RejectedExecutionException}) once the
     * client closed.
     */
    public ScheduledExecutorService orderedLoop() {
        return group.next();
    }

    /**
     * Returns the number of requests waiting for a response; for monitoring and for tests that
     * check the table drains after a fault.
     */
    public int pendingCount() {
        return pending.size();
    }

    /** Where a written command reports: the channel it goes out on, then how its write went. */
    interface WriteListener extends ChannelFutureListener {

        /** Runs with the channel just before the write. */
        void writing(Channel channel);

        /** Runs instead of the write when no channel could be had. */
        void notWritten(Throwable failure);
    }

    /** Writes {@code wire} to the channel to {@code address}, connecting first if needed. */
    private void write(String address, Command wire, WriteListener listener) {
        CompletableFuture<Channel> acquired = connections.acquire(address);
        if (acquired.isCompletedExceptionally()) {
            // e.g. the address in its reconnect back-off: fail at once; nothing is written, so
            // there is no order to keep
            acquired.whenComplete((never, failure) -> listener.notWritten(unwrap(failure)));
            return;
        }
        if (acquired.isDone() && connecting.isEmpty()) {
            // The usual case, an open connection: write at once, without a completion stage.
            writeTo(acquired.join(), wire, listener);
            return;
        }
        // while connecting, the writes wait in the order they came, and go out in that order
        connecting.startInOrder(
                address,
                acquired,
                failure -> {
                    if (failure != null) {
                        listener.notWritten(unwrap(failure));
                    } else {
                        writeTo(acquired.join(), wire, listener);
                    }
                });
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause()
                : failure;
    }

    private static void writeTo(Channel channel, Command wire, WriteListener listener) {
        listener.writing(channel);
        channel.writeAndFlush(wire).addListener(listener);
    }

    /**
     * Signs a request with the configured credentials, as the official client's RPC hook signs
     * every request it sends. Responses to server requests stay unsigned, as there: the hook's
     * after-response step does nothing.
     */
    private Command signed(Command request) {
        if (signer == null) {
            return request;
        }
        return request.withExtFields(signer.signBuffer(request.extFields(), request.bodyBuffer()));
    }

    private void connectionLost(String address, Channel channel, Throwable cause) {
        connections.forget(address, channel);
        String hint =
                closedBeforeAnswering(channel, cause)
                        ? PLAIN_CONNECTION_CLOSED_HINT
                        : TlsFailures.connectionClosedHint(cause, address, options.tls());
        pending.failAll(channel, request -> request.connectionClosed(cause, hint));
    }

    /**
     * Whether a plain connection was closed by the server before it answered anything, as a server
     * that enforces TLS does.
     */
    private boolean closedBeforeAnswering(Channel channel, Throwable cause) {
        if (cause != null || options.tls().enabled()) {
            return false;
        }
        FrameDecoder decoder = channel.pipeline().get(FrameDecoder.class);
        // the pipeline is emptied once the channel is gone; then nothing is known
        return decoder != null && !decoder.receivedAny();
    }

    static RemotingException writeFailure(
            String address, int code, int opaque, Channel channel, Throwable cause) {
        // The encoder reports an oversized frame as FrameTooLargeException inside its wrapper.
        if (cause instanceof EncoderException
                && cause.getCause() instanceof RemotingException remotingException) {
            return remotingException;
        }
        String request = "request code " + code + " (opaque " + opaque + ")";
        if (!channel.isActive()) {
            return new ConnectionClosedException(
                    address,
                    "connection to " + address + " closed before " + request + " was written",
                    cause);
        }
        return new RemotingException(
                address, "failed to write " + request + " to " + address + ": " + cause, cause);
    }

    private static ConnectionClosedException clientClosed(
            String address, int code, int opaque, Throwable cause) {
        return new ConnectionClosedException(
                address,
                "RemotingClient closed while request (code "
                        + code
                        + ", opaque "
                        + opaque
                        + ") to "
                        + address
                        + " was pending",
                cause);
    }

    private void checkRequest(String address, Command request) {
        Require.notNull(address, "address");
        // An address with an open channel was parsed when it connected; parsing allocates.
        if (!connections.isConnected(address)) {
            Addresses.parse(address);
        }
        Require.notNull(request, "request");
        Require.that(
                !request.isResponse(),
                "request must be built with Command.request, not be a response",
                request);
    }

    private boolean inEventLoop() {
        for (EventExecutor loop : group) {
            if (loop.inEventLoop()) {
                return true;
            }
        }
        return false;
    }
}
