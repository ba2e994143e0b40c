package io.liftoff.producer.internal.concurrent;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Tasks that wait for something of theirs (a topic's first route, a connection being made), each
 * started once its future completes and not before the tasks of the same key that came before it.
 * Each task registering its own completion stage would not do: a future runs its dependents in no
 * promised order (last registered first, in practice), so async sends of one sharding key made
 * before the route or the connection came would go out reversed. Thread-safe.
 */
public final class OrderedStarts {

    private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();

    /** Whether no task waits: then a task whose future is complete may start at once. */
    public boolean isEmpty() {
        return waiting.isEmpty();
    }

    /**
     * Runs {@code start} once {@code ready} completed and every task of {@code key} that came
     * before has started: at once, on the calling thread, if none waits and {@code ready} is
     * complete; otherwise on the thread that completes the last of those.
     *
     * @param start told the failure of {@code ready} (a {@link
     *     java.util.concurrent.CompletionException} may wrap it), or {@code null}
     */
    public void startInOrder(String key, CompletableFuture<?> ready, Consumer<Throwable> start) {
        Task task = new Task(ready, start);
        while (true) {
            Waiting queue = waiting.get(key);
            if (queue != null) {
                if (queue.add(task)) {
                    return;
                }
                continue; // it just emptied and left: look again
            }
            if (ready.isDone()) {
                task.run();
                return;
            }
            Waiting fresh = new Waiting(key);
            if (waiting.putIfAbsent(key, fresh) == null) {
                fresh.add(task);
                ready.whenComplete((done, failure) -> fresh.drain());
                return;
            }
        }
    }

    private record Task(CompletableFuture<?> ready, Consumer<Throwable> start) {
        void run() {
            Throwable failure = null;
            try {
                ready.join();
            } catch (RuntimeException e) {
                failure = e;
            }
            start.accept(failure);
        }
    }

    /** The tasks of one key, in the order they came. */
    private final class Waiting {

        private final String key;
        // guarded by this
        private final ArrayDeque<Task> tasks = new ArrayDeque<>();
        private boolean drained;

        Waiting(String key) {
            this.key = key;
        }

        /** Queues {@code task}; false once this queue emptied and no longer takes any. */
        synchronized boolean add(Task task) {
            if (drained) {
                return false;
            }
            tasks.add(task);
            return true;
        }

        /**
         * Starts the tasks in order, those that come meanwhile too, until one's future is not
         * complete (it resumes then) or none is left (the queue leaves the map).
         */
        void drain() {
            while (true) {
                Task next;
                synchronized (this) {
                    next = tasks.peek();
                    if (next == null) {
                        drained = true;
                        waiting.remove(key, this);
                        return;
                    }
                    if (!next.ready().isDone()) {
                        next.ready().whenComplete((done, failure) -> drain());
                        return;
                    }
                    tasks.poll();
                }
                next.run();
            }
        }
    }
}
