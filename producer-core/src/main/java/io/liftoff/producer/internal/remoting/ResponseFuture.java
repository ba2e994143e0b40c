package io.liftoff.producer.internal.remoting;

import java.util.concurrent.CompletableFuture;

/** A future that is its request's callback, for callers that want a future. */
final class ResponseFuture extends CompletableFuture<Command> implements ResponseCallback {

    @Override
    public void completed(Command response, Throwable failure) {
        if (failure == null) {
            complete(response);
        } else {
            completeExceptionally(failure);
        }
    }
}
