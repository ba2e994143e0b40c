package io.liftoff.producer.internal.concurrent;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * The outcome of a send whose caller waits for it. {@link CompletableFuture#get(long, TimeUnit)}
 * makes a waiter node for every wait that blocks, one object per sync send; this outcome parks its
 * one waiter itself, and completing it wakes that waiter. Other ways of waiting (get without a
 * bound, join, dependent stages) work as on any {@link CompletableFuture}. Thread-safe; meant for
 * one waiting thread, as a sync send has.
 */
public final class WaitedOutcome<T> extends CompletableFuture<T> {

    // the thread parked in get, if any; written before it checks isDone, read after completion,
    // so that either it sees the outcome or the completer sees it
    private volatile Thread waiter;

    @Override
    public boolean complete(T value) {
        boolean completed = super.complete(value);
        wake();
        return completed;
    }

    @Override
    public boolean completeExceptionally(Throwable failure) {
        boolean completed = super.completeExceptionally(failure);
        wake();
        return completed;
    }

    @Override
    public T get(long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (!isDone()) {
            long bound = unit.toNanos(timeout);
            long start = System.nanoTime();
            waiter = Thread.currentThread();
            try {
                while (!isDone()) {
                    if (Thread.interrupted()) {
                        throw new InterruptedException();
                    }
                    // as elapsed time, which cannot overflow as a deadline of a huge bound would
                    long left = bound - (System.nanoTime() - start);
                    if (left <= 0) {
                        throw new TimeoutException();
                    }
                    LockSupport.parkNanos(this, left);
                }
            } finally {
                waiter = null;
            }
        }
        // done: returns the value or throws the failure at once, waiting for nothing
        return super.get();
    }

    private void wake() {
        Thread parked = waiter;
        if (parked != null) {
            LockSupport.unpark(parked);
        }
    }
}
