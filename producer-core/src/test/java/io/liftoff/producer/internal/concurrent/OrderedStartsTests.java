package io.liftoff.producer.internal.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Tasks that wait start in the order they came, whatever order futures run their stages in. */
class OrderedStartsTests {

    private final OrderedStarts waits = new OrderedStarts();
    private final List<String> started = new ArrayList<>();

    @Test
    void sendsWaitingForARouteShouldStartInTheOrderTheyCame() {
        CompletableFuture<Void> lookUp = new CompletableFuture<>();
        for (int i = 1; i <= 5; i++) {
            String name = "send-" + i;
            // each send brings a stage of its own on the one look-up, as SendTargets makes them
            waits.startInOrder("t", lookUp.thenApply(v -> null), failure -> started.add(name));
        }
        assertThat(started).isEmpty();
        assertThat(waits.isEmpty()).isFalse();

        lookUp.complete(null);

        assertThat(started).containsExactly("send-1", "send-2", "send-3", "send-4", "send-5");
        assertThat(waits.isEmpty()).isTrue();
    }

    @Test
    void aSendThatComesWhileTheOthersStartShouldStartAfterThemNotBefore() {
        CompletableFuture<Void> lookUp = new CompletableFuture<>();
        waits.startInOrder(
                "t",
                lookUp,
                failure -> {
                    started.add("first");
                    // the route is known now, but "second" still waits: "third" must queue
                    waits.startInOrder(
                            "t",
                            CompletableFuture.completedFuture(null),
                            f -> started.add("third"));
                });
        waits.startInOrder("t", lookUp, failure -> started.add("second"));

        lookUp.complete(null);

        assertThat(started).containsExactly("first", "second", "third");
    }

    @Test
    void aFailedLookUpShouldBeToldToEverySendInOrder() {
        CompletableFuture<Void> lookUp = new CompletableFuture<>();
        List<Throwable> failures = new ArrayList<>();
        waits.startInOrder("t", lookUp, failures::add);
        waits.startInOrder("t", lookUp, failures::add);

        IllegalStateException noRoute = new IllegalStateException("no route");
        lookUp.completeExceptionally(noRoute);

        assertThat(failures).hasSize(2).allMatch(f -> f.getCause() == noRoute);
    }

    @Test
    void aSendWhoseRouteIsKnownAndNothingWaitsShouldStartAtOnce() {
        waits.startInOrder(
                "t", CompletableFuture.completedFuture(null), failure -> started.add("now"));

        assertThat(started).containsExactly("now");
        assertThat(waits.isEmpty()).isTrue();
    }

    @Test
    void aTaskWhoseOwnFutureIsLaterShouldHoldBackThoseBehindItUntilItCompletes() {
        CompletableFuture<Void> firstConnect =
                CompletableFuture.failedFuture(new IllegalStateException("refused"));
        CompletableFuture<Void> secondConnect = new CompletableFuture<>();
        CompletableFuture<Void> blocker = new CompletableFuture<>();
        waits.startInOrder("a", blocker, failure -> started.add("first"));
        waits.startInOrder("a", secondConnect, failure -> started.add("second"));
        waits.startInOrder("a", firstConnect, failure -> started.add("third:" + (failure != null)));

        blocker.complete(null);
        assertThat(started).containsExactly("first");

        secondConnect.complete(null);
        assertThat(started).containsExactly("first", "second", "third:true");
        assertThat(waits.isEmpty()).isTrue();
    }

    @Test
    void eachRouteShouldKeepItsOwnOrder() {
        CompletableFuture<Void> first = new CompletableFuture<>();
        CompletableFuture<Void> second = new CompletableFuture<>();
        waits.startInOrder("a", first, failure -> started.add("a-1"));
        waits.startInOrder("b", second, failure -> started.add("b-1"));

        second.complete(null);

        assertThat(started).containsExactly("b-1");
    }
}
