package io.liftoff.producer.internal.concurrent;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The outcome of a send whose caller waits for it. {@link CompletableFuture#get(long, TimeUnit)}
 * makes a waiter node for every wait that blocks, one object per sync send; this outcome parks its
 * first waiter itself, and every way of completing it wakes that waiter. A second thread waiting at
 * the same time, and the other ways of waiting (get without a bound, join, dependent stages), wait
 * as on any {@link CompletableFuture}. Thread-safe.
 */
public final class WaitedOutcome<T> extends CompletableFuture<T> {

    private static final AtomicReferenceFieldUpdater<WaitedOutcome, Thread> WAITER =
            AtomicReferenceFieldUpdater.newUpdater(WaitedOutcome.class, Thread.class, "waiter");

    // the thread parked in get, if any; set before it checks isDone and read after completion,
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
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        wake();
        return cancelled;
    }

    @Override
    public void obtrudeValue(T value) {
        super.obtrudeValue(value);
        wake();
    }

    @Override
    public void obtrudeException(Throwable failure) {
        super.obtrudeException(failure);
        wake();
    }

    /** Completes through {@link #complete} or {@link #completeExceptionally}, which wake. */
    @Override
    public CompletableFuture<T> completeAsync(Supplier<? extends T> supplier, Executor executor) {
        executor.execute(
                () -> {
                    try {
                        complete(supplier.get());
                    } catch (Throwable failure) {
                        completeExceptionally(failure);
                    }
                });
        return this;
    }

    @Override
    public T get(long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (!isDone()) {
            Thread current = Thread.currentThread();
            if (!WAITER.compareAndSet(this, null, current)) {
                return super.get(timeout, unit); // another thread waits already
            }
            long bound = unit.toNanos(timeout);
            long start = System.nanoTime();
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
