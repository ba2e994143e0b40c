package io.liftoff.producer.internal.route;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * An HTTP address server that tells clients where the name servers are, as the official client's
 * {@code rocketmq.namesrv.domain}: {@code GET} on its URL answers {@code host:port;host:port}, line
 * breaks ignored. Thread-safe.
 */
public final class AddressServer {

    /** How often the official client asks its address server again. */
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofMinutes(2);

    /** More than any name-server list needs; a longer answer is not one. */
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final URI url;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param url where the list is, {@code http} or {@code https}, must not be {@code null}
     * @param timeout how long to wait for connecting and for the answer, each
     */
    public AddressServer(URI url, Duration timeout) {
        this.url = Objects.requireNonNull(url, "url must not be null");
        this.timeout = Objects.requireNonNull(timeout, "timeout must not be null");
        this.http =
                HttpClient.newBuilder()
                        .connectTimeout(timeout)
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .build();
    }

    /**
     * The URL the official client derives from {@code rocketmq.namesrv.domain} and {@code
     * rocketmq.namesrv.domain.subgroup}: {@code http://{domain}:8080/rocketmq/{subgroup}}, without
     * {@code :8080} when the domain has a port.
     *
     * @throws IllegalArgumentException when either is blank or they make no valid URL
     */
    public static URI urlOf(String domain, String subgroup) {
        if (domain == null || domain.isBlank() || subgroup == null || subgroup.isBlank()) {
            throw new IllegalArgumentException(
                    "nameServerDomain needs a domain and a subgroup, e.g. 'jmenv.tbsite.net' and"
                            + " 'nsaddr'; was '"
                            + domain
                            + "' and '"
                            + subgroup
                            + "'");
        }
        String host = domain.strip();
        try {
            return URI.create(
                    "http://"
                            + host
                            + (host.contains(":") ? "" : ":8080")
                            + "/rocketmq/"
                            + subgroup.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "nameServerDomain '"
                            + domain
                            + "' with subgroup '"
                            + subgroup
                            + "' makes no valid URL: "
                            + e.getMessage(),
                    e);
        }
    }

    /** Where the list is fetched from. */
    public URI url() {
        return url;
    }

    /**
     * Fetches the name-server list.
     *
     * @return the addresses in order, at least one
     * @throws AddressServerException naming the URL, when it cannot be reached, answers with
     *     another status than 200, or answers something that is not a name-server list
     */
    public List<String> fetch() {
        String body = get();
        // the official client strips line breaks; an answer often ends with one
        String list = body.replace("\r", "").replace("\n", "");
        try {
            return NameServerAddresses.parse(list);
        } catch (IllegalArgumentException e) {
            throw new AddressServerException(
                    "address server "
                            + url
                            + " answered '"
                            + abbreviate(body)
                            + "', which is not a name-server list: "
                            + e.getMessage(),
                    e);
        }
    }

    private String get() {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new AddressServerException(
                    "address server " + url + " could not be reached: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AddressServerException("interrupted while asking address server " + url, e);
        }
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new AddressServerException(
                        "address server "
                                + url
                                + " answered HTTP "
                                + response.statusCode()
                                + " instead of 200 with a name-server list",
                        null);
            }
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new AddressServerException(
                        "address server "
                                + url
                                + " answered more than "
                                + MAX_BODY_BYTES
                                + " bytes, which is not a name-server list",
                        null);
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AddressServerException(
                    "address server " + url + " broke off its answer: " + describe(e), e);
        }
    }

    /** The JDK's connect failures often have no message of their own. */
    private static String describe(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static String abbreviate(String body) {
        String flat = body.strip().replaceAll("\\s+", " ");
        return flat.length() <= 100 ? flat : flat.substring(0, 100) + "...";
    }
}
