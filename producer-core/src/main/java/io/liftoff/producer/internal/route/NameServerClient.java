package io.liftoff.producer.internal.route;

import io.liftoff.producer.AccessDenial;
import io.liftoff.producer.EndpointStatus;
import io.liftoff.producer.internal.concurrent.Await;
import io.liftoff.producer.internal.protocol.ClusterInfoParser;
import io.liftoff.producer.internal.protocol.RequestCode;
import io.liftoff.producer.internal.protocol.ResponseCode;
import io.liftoff.producer.internal.protocol.TopicRouteData;
import io.liftoff.producer.internal.protocol.TopicRouteDataParser;
import io.liftoff.producer.internal.remoting.AddressBackoff;
import io.liftoff.producer.internal.remoting.Backoff;
import io.liftoff.producer.internal.remoting.Command;
import io.liftoff.producer.internal.remoting.EndpointStatusTracker;
import io.liftoff.producer.internal.remoting.RemotingClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks name servers for topic routes. It keeps using the address that answered last and fails over
 * to the next one, in list order, when that one cannot be reached or answers with an error.
 *
 * <p>A name server that failed is left alone for a while ({@link #DEFAULT_BACKOFF}, growing with
 * each further failure) as long as another one may be asked; when every one is backing off, only
 * the one whose wait ends first is asked. So a look-up while all name servers are down costs one
 * request, not one timeout per address, and the scheduled route refresh still finds out when one
 * comes back. {@link #probeAll()} asks every address regardless.
 *
 * <p>The list can be replaced while look-ups run ({@link #updateAddresses}, when an address server
 * says so): a look-up asks the list it started with, an address kept in the new list keeps its
 * back-off and stays preferred, and a removed one is forgotten.
 *
 * <p>Look-ups never block a thread: each request's answer asks the next address, on the remoting
 * thread that delivered it. Thread-safe.
 */
public final class NameServerClient {

    /** Created by every 4.9 and 5.x broker at start, whatever its settings. */
    private static final String SELF_TEST_TOPIC = "SELF_TEST_TOPIC";

    /** The wait before asking a failed name server again: 1 s, doubling up to 30 s. */
    public static final Backoff DEFAULT_BACKOFF =
            Backoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(30));

    private static final Logger log = LoggerFactory.getLogger(NameServerClient.class);

    private static final long LOST_TIMER_MARGIN_MILLIS = 1000;

    private final RemotingClient remoting;
    private final Duration timeout;
    private final EndpointStatusTracker statuses = new EndpointStatusTracker();
    private final AddressBackoff backoff;

    /** Replaced as a whole, never changed in place. */
    private volatile List<String> addresses;

    /** The address that answered last; may be one no longer listed. */
    private volatile String preferred;

    /**
     * @param remoting the connections to use, must not be {@code null}
     * @param addresses {@code host:port} of each name server, at least one
     * @param timeout how long to wait for each name server
     */
    public NameServerClient(RemotingClient remoting, List<String> addresses, Duration timeout) {
        this(remoting, addresses, timeout, new AddressBackoff(DEFAULT_BACKOFF));
    }

    NameServerClient(
            RemotingClient remoting,
            List<String> addresses,
            Duration timeout,
            AddressBackoff backoff) {
        this.remoting = remoting;
        this.addresses = requireSome(addresses);
        this.preferred = this.addresses.get(0);
        this.timeout = timeout;
        this.backoff = backoff;
    }

    /** The name-server addresses, in fail-over order. */
    public List<String> addresses() {
        return addresses;
    }

    /**
     * Replaces the name-server addresses at once. Look-ups already running finish on the old list;
     * the preferred address stays preferred if it is still listed; removed addresses lose their
     * back-off and status, and their connections are closed.
     *
     * @param fresh {@code host:port} of each name server, at least one
     * @return whether the list changed
     */
    public boolean updateAddresses(List<String> fresh) {
        List<String> updated = requireSome(fresh);
        List<String> old;
        synchronized (this) {
            old = addresses;
            if (old.equals(updated)) {
                return false;
            }
            addresses = updated;
        }
        for (String address : old) {
            if (!updated.contains(address)) {
                backoff.forget(address);
                statuses.forget(address);
                remoting.closeConnection(address);
            }
        }
        return true;
    }

    private static List<String> requireSome(List<String> addresses) {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("at least one name server address is required");
        }
        return List.copyOf(addresses);
    }

    /**
     * Looks up the route of {@code topic} without blocking: asks the candidates one after another,
     * each when the previous one failed. The future completes on a remoting thread (or on the
     * calling thread when every candidate fails at once), so what depends on it must not block.
     *
     * @return the route, or empty when a name server says the topic has none; completed
     *     exceptionally with {@link RouteLookupException} when no name server gives an answer
     */
    public CompletableFuture<Optional<TopicRouteData>> queryRouteAsync(String topic) {
        Command request =
                Command.request(
                        RequestCode.GET_ROUTEINFO_BY_TOPIC,
                        Map.of("topic", topic, "acceptStandardJsonOnly", "true"),
                        null);
        return new Query<Optional<TopicRouteData>>(
                        "the route of topic '" + topic + "'",
                        request,
                        addresses,
                        response ->
                                switch (response.code()) {
                                    case ResponseCode.SUCCESS ->
                                            Optional.of(
                                                    TopicRouteDataParser.parse(response.body()));
                                    case ResponseCode.TOPIC_NOT_EXIST -> Optional.empty();
                                    default -> null;
                                })
                .start();
    }

    /**
     * Asks, like {@link #queryRouteAsync}, for every broker the name server knows, of every cluster
     * (GET_BROKER_CLUSTER_INFO), without blocking. A 5.x Proxy, which does not know that request,
     * is asked for the brokers of {@code SELF_TEST_TOPIC} instead.
     *
     * @return the brokers, possibly none; completed exceptionally with {@link RouteLookupException}
     *     when no name server gives an answer
     */
    public CompletableFuture<List<TopicRouteData.BrokerData>> queryClusterBrokersAsync() {
        Command request = Command.request(RequestCode.GET_BROKER_CLUSTER_INFO, Map.of(), null);
        return new Query<Optional<List<TopicRouteData.BrokerData>>>(
                        "the cluster's brokers",
                        request,
                        addresses,
                        response ->
                                switch (response.code()) {
                                    case ResponseCode.SUCCESS ->
                                            Optional.of(ClusterInfoParser.parse(response.body()));
                                    // a 5.x Proxy (remoting) serves routes but no cluster info
                                    case ResponseCode.REQUEST_CODE_NOT_SUPPORTED ->
                                            Optional.empty();
                                    default -> null;
                                })
                .start()
                .thenCompose(
                        brokers ->
                                brokers.isPresent()
                                        ? CompletableFuture.completedFuture(brokers.get())
                                        : everyBrokersRouteAsync());
    }

    /**
     * The brokers in the route of the topic every broker serves, {@code SELF_TEST_TOPIC}: what a
     * Proxy that lists no cluster tells of its brokers (each at the Proxy's own address).
     */
    private CompletableFuture<List<TopicRouteData.BrokerData>> everyBrokersRouteAsync() {
        return queryRouteAsync(SELF_TEST_TOPIC)
                .thenApply(route -> route.map(TopicRouteData::brokerDatas).orElse(List.of()));
    }

    /** Reads an answer: the result, or {@code null} for a refusal the next name server may undo. */
    private interface AnswerReader<T> {
        T read(Command response);
    }

    /**
     * One request's progress through its candidates. Each step runs when the previous request has
     * completed, which orders the steps, so the fields need no lock.
     */
    private final class Query<T> {

        final CompletableFuture<T> result = new CompletableFuture<>();
        private final String what;
        private final Command request;
        private final List<String> asked;
        private final AnswerReader<T> reader;
        private final Iterator<String> candidates;
        private final List<String> failures;
        private Throwable lastFailure;

        Query(String what, Command request, List<String> asked, AnswerReader<T> reader) {
            this.what = what;
            this.request = request;
            this.asked = asked;
            this.reader = reader;
            this.candidates = candidates(asked).iterator();
            this.failures = new ArrayList<>(asked.size());
        }

        CompletableFuture<T> start() {
            askNext();
            return result;
        }

        private void askNext() {
            if (!candidates.hasNext()) {
                result.completeExceptionally(noAnswer());
                return;
            }
            String address = candidates.next();
            call(address, request)
                    .whenComplete(
                            (response, failure) -> {
                                if (failure != null) {
                                    failed(address, unwrap(failure));
                                } else {
                                    answered(address, response);
                                }
                            });
        }

        private void answered(String address, Command response) {
            T answer;
            try {
                answer = reader.read(response);
            } catch (RuntimeException e) {
                failed(address, e);
                return;
            }
            if (answer == null) {
                failures.add(describeRefusal(address, response));
                askNext();
            } else {
                preferred = address;
                result.complete(answer);
            }
        }

        private void failed(String address, Throwable failure) {
            lastFailure = failure;
            failures.add(address + ": " + failure.getMessage());
            askNext();
        }

        private RouteLookupException noAnswer() {
            for (String address : asked) {
                if (backoff.isBackingOff(address)
                        && failures.stream().noneMatch(f -> f.startsWith(address))) {
                    failures.add(
                            address
                                    + ": not asked, backing off after "
                                    + backoff.failures(address)
                                    + " failure(s)");
                }
            }
            return new RouteLookupException(
                    "no name server answered "
                            + what
                            + ": "
                            + String.join("; ", failures)
                            + ". Check that the name servers are running and that rocketmq"
                            + " name-server lists them",
                    lastFailure);
        }
    }

    /** The addresses to ask, in order; see {@link #candidates(List)}. */
    List<String> candidates() {
        return candidates(addresses);
    }

    private String describeRefusal(String address, Command response) {
        String refusal =
                address
                        + " answered "
                        + ResponseCode.name(response.code())
                        + " "
                        + response.remark();
        AccessDenial denial = AccessDenial.of(response.code(), response.remark());
        // name servers do not check ACL, but a 5.x proxy serving look-ups does
        return denial == AccessDenial.NONE
                ? refusal
                : refusal + " (" + denial.explanation(remoting.credentials().orElse(null)) + ")";
    }

    /**
     * The addresses of {@code list} to ask, in order: from the preferred one on (the first when it
     * is not listed), those not backing off; or, when all are, the one whose wait ends first.
     */
    private List<String> candidates(List<String> list) {
        int start = Math.max(0, list.indexOf(preferred));
        List<String> ready = new ArrayList<>(list.size());
        String soonest = list.get(start);
        for (int i = 0; i < list.size(); i++) {
            // start < size, so this sum stays far from overflowing
            String address = list.get((start + i) % list.size());
            if (!backoff.isBackingOff(address)) {
                ready.add(address);
            } else if (backoff.remaining(address).compareTo(backoff.remaining(soonest)) < 0) {
                soonest = address;
            }
        }
        return ready.isEmpty() ? List.of(soonest) : ready;
    }

    /**
     * Asks every name server for the template topic's route, all at once, only to learn which ones
     * answer and how fast; the answers land in {@link #statuses()}. Returns once every one answered
     * or failed, so that a look-up right after it sees what the probe learnt.
     */
    public void probeAll() {
        Command request =
                Command.request(
                        RequestCode.GET_ROUTEINFO_BY_TOPIC,
                        Map.of("topic", RouteCache.AUTO_CREATE_TEMPLATE_TOPIC),
                        null);
        CompletableFuture<?>[] probes =
                addresses.stream()
                        .map(
                                address ->
                                        call(address, request)
                                                .exceptionally(
                                                        failure -> {
                                                            log.debug(
                                                                    "Name server {} did not answer"
                                                                            + " a probe: {}",
                                                                    address,
                                                                    unwrap(failure).getMessage());
                                                            return null;
                                                        }))
                        .toArray(CompletableFuture<?>[]::new);
        // each probe ends by its request timeout; a failure is handled above
        Await.outcome(CompletableFuture.allOf(probes), "probe of the name servers");
    }

    /** What each name server's last request showed, in fail-over order. */
    public List<EndpointStatus> statuses() {
        return statuses.statusOf(addresses);
    }

    /**
     * Sends {@code request} to {@code address} and records how it went: any answer, even "no such
     * topic", shows the name server is up.
     */
    private CompletableFuture<Command> call(String address, Command request) {
        long start = System.nanoTime();
        CompletableFuture<Command> sent;
        try {
            sent = remoting.invoke(address, request, timeout);
        } catch (RuntimeException e) {
            // e.g. a malformed address from an address server: a failure of this one address
            sent = CompletableFuture.failedFuture(e);
        }
        // the remoting timeout fires first; this only guards against a lost timer
        return sent.orTimeout(timeout.toMillis() + LOST_TIMER_MARGIN_MILLIS, TimeUnit.MILLISECONDS)
                .whenComplete(
                        (response, failure) -> {
                            if (failure == null) {
                                statuses.answered(
                                        address, Duration.ofNanos(System.nanoTime() - start));
                                backoff.succeeded(address);
                            } else {
                                Throwable cause = unwrap(failure);
                                statuses.failed(address, cause.getMessage());
                                backoff.failed(address, cause);
                            }
                        });
    }

    /**
     * The failure itself, not the {@link CompletionException} a dependent stage wraps it in; a
     * guard timeout becomes one that says how long it waited.
     */
    private Throwable unwrap(Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause()
                        : failure;
        return cause instanceof TimeoutException
                ? new IllegalStateException("no answer within " + timeout.toMillis() + " ms", cause)
                : cause;
    }
}
