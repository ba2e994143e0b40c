package io.liftoff.producer.internal.remoting;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;

/** The handlers for requests that servers send to the client, by request code. Thread-safe. */
final class RequestHandlers {

    /** A handler and the executor it runs on. */
    record Registration(RequestHandler handler, Executor executor) {}

    private final ConcurrentMap<Integer, Registration> byCode = new ConcurrentHashMap<>();

    /** Registers {@code handler} for {@code code}, replacing any earlier registration. */
    void register(int code, RequestHandler handler, Executor executor) {
        byCode.put(code, new Registration(handler, executor));
    }

    /** Returns the registration for {@code code}, or {@code null} if there is none. */
    Registration find(int code) {
        return byCode.get(code);
    }
}
