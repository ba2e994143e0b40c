package io.liftoff.producer.internal.namespace;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A RocketMQ namespace: a prefix that lets several tenants share one cluster. On the wire a
 * resource (topic or group) {@code orders} in namespace {@code ns} is {@code ns%orders}; retry and
 * dead-letter resources keep their prefix in front, {@code %RETRY%ns%group}. System resources are
 * never prefixed. The rules are those of RocketMQ's {@code NamespaceUtil}.
 *
 * <p>Immutable and thread-safe.
 */
public final class Namespace {

    private static final char SEPARATOR = '%';
    private static final String RETRY_PREFIX = "%RETRY%";
    private static final String DLQ_PREFIX = "%DLQ%";
    private static final int MAX_LENGTH = 127;

    // A topic's characters minus the separator: with a '%' inside, the namespace could not be told
    // apart from the resource again.
    private static final Pattern VALID = Pattern.compile("[|a-zA-Z0-9_-]+");

    // TopicValidator's system topics; MixAll's system groups start with CID_RMQ_SYS_.
    private static final Set<String> SYSTEM_TOPICS =
            Set.of(
                    "TBW102",
                    "SCHEDULE_TOPIC_XXXX",
                    "BenchmarkTest",
                    "RMQ_SYS_TRANS_HALF_TOPIC",
                    "RMQ_SYS_TRACE_TOPIC",
                    "RMQ_SYS_TRANS_OP_HALF_TOPIC",
                    "TRANS_CHECK_MAX_TIME_TOPIC",
                    "SELF_TEST_TOPIC",
                    "OFFSET_MOVED_EVENT",
                    "CHECKPOINT_TOPIC");
    private static final String SYSTEM_TOPIC_PREFIX = "rmq_sys_";
    private static final String SYSTEM_GROUP_PREFIX = "CID_RMQ_SYS_";

    private static final Namespace NONE = new Namespace(null);

    private final String name;

    private Namespace(String name) {
        this.name = name;
    }

    /** No namespace: {@link #wrap} and {@link #unwrap} return resources unchanged. */
    public static Namespace none() {
        return NONE;
    }

    /**
     * The namespace with the given name.
     *
     * @param name the namespace, 1 to 127 characters of {@code [|a-zA-Z0-9_-]}; must not be {@code
     *     null}
     * @throws IllegalArgumentException when the name is empty, too long, has other characters or
     *     starts with {@code rmq_sys_}
     */
    public static Namespace of(String name) {
        Objects.requireNonNull(name, "namespace must not be null; use Namespace.none() for none");
        if (name.isEmpty()) {
            throw new IllegalArgumentException(
                    "namespace must not be empty; use Namespace.none() for none");
        }
        if (name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "namespace '"
                            + name
                            + "' is "
                            + name.length()
                            + " characters long; at most "
                            + MAX_LENGTH
                            + " are allowed");
        }
        if (name.indexOf(SEPARATOR) >= 0) {
            throw new IllegalArgumentException(
                    "namespace '"
                            + name
                            + "' must not contain '%', which separates namespace and resource");
        }
        if (!VALID.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "namespace '" + name + "' must match " + VALID.pattern() + "; rename it");
        }
        // its topics, e.g. "rmq_sys_x%orders", would match TopicValidator's system prefix
        if (name.startsWith(SYSTEM_TOPIC_PREFIX)) {
            throw new IllegalArgumentException(
                    "namespace '"
                            + name
                            + "' must not start with '"
                            + SYSTEM_TOPIC_PREFIX
                            + "': RocketMQ would take every topic in it for a system topic, which"
                            + " producers may not send to; choose another namespace");
        }
        return new Namespace(name);
    }

    /** The namespace's name, or empty for {@link #none()}. */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /**
     * The resource as the broker knows it: {@code ns%resource}, or {@code %RETRY%ns%group} for a
     * retry or dead-letter resource. System resources, resources already in this namespace and the
     * empty string are returned unchanged, as is everything when there is no namespace.
     *
     * @param resource a topic or group name, must not be {@code null}
     */
    public String wrap(String resource) {
        Objects.requireNonNull(resource, "resource must not be null");
        if (name == null || resource.isEmpty() || isSystemResource(resource)) {
            return resource;
        }
        String prefix = retryOrDlqPrefix(resource);
        String bare = resource.substring(prefix.length());
        if (bare.startsWith(name + SEPARATOR)) {
            return resource;
        }
        return prefix + name + SEPARATOR + bare;
    }

    /**
     * The resource without this namespace: the inverse of {@link #wrap}. A resource in another
     * namespace or none, and a system resource, is returned unchanged.
     *
     * @param resource a topic or group name as the broker knows it, must not be {@code null}
     */
    public String unwrap(String resource) {
        Objects.requireNonNull(resource, "resource must not be null");
        if (name == null || isSystemResource(resource)) {
            return resource;
        }
        String prefix = retryOrDlqPrefix(resource);
        String bare = resource.substring(prefix.length());
        if (!bare.startsWith(name + SEPARATOR)) {
            return resource;
        }
        return prefix + bare.substring(name.length() + 1);
    }

    private static String retryOrDlqPrefix(String resource) {
        if (resource.startsWith(RETRY_PREFIX)) {
            return RETRY_PREFIX;
        }
        return resource.startsWith(DLQ_PREFIX) ? DLQ_PREFIX : "";
    }

    // Checked on the whole resource, prefix included, as RocketMQ does: "%RETRY%CID_RMQ_SYS_x" is
    // not a system resource and gets wrapped.
    private static boolean isSystemResource(String resource) {
        return SYSTEM_TOPICS.contains(resource)
                || resource.startsWith(SYSTEM_TOPIC_PREFIX)
                || resource.startsWith(SYSTEM_GROUP_PREFIX);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Namespace that && Objects.equals(name, that.name);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(name);
    }

    /** The name, or {@code Namespace.none()} when there is none. */
    @Override
    public String toString() {
        return name == null ? "Namespace.none()" : name;
    }
}
