package io.liftoff.producer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The checks {@link ProducerConfig.Builder#build()} runs; each failure names the setting, the bad
 * value and how to fix it.
 */
final class ConfigChecks {

    private static final Pattern GROUP = Pattern.compile("^[%|a-zA-Z0-9_-]+$");
    private static final int MAX_GROUP_LENGTH = 255;

    private ConfigChecks() {}

    static List<String> nameServers(String nameServer) {
        if (nameServer == null || nameServer.isBlank()) {
            throw new IllegalArgumentException(
                    "nameServer is required: set it to 'host:port' of your name server, or"
                            + " 'host1:port;host2:port' for several");
        }
        List<String> addresses = new ArrayList<>();
        for (String part : nameServer.split(";")) {
            String address = part.strip();
            if (address.isEmpty()) {
                continue;
            }
            if (address.contains("/")) {
                throw new IllegalArgumentException(
                        "nameServer entry '"
                                + address
                                + "' must be 'host:port' without a scheme or path, e.g."
                                + " '127.0.0.1:9876'");
            }
            if (address.contains(",") || address.contains(" ")) {
                throw new IllegalArgumentException(
                        "nameServer entry '"
                                + address
                                + "' holds several addresses; separate several addresses with"
                                + " ';', e.g. 'host1:9876;host2:9876'");
            }
            int colon = address.lastIndexOf(':');
            int port = colon > 0 ? parsePort(address.substring(colon + 1)) : -1;
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException(
                        "nameServer entry '"
                                + address
                                + "' must be 'host:port' with a port from 1 to 65535, e.g."
                                + " '127.0.0.1:9876'");
            }
            addresses.add(address);
        }
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException(
                    "nameServer '" + nameServer + "' lists no address; use 'host:port'");
        }
        return List.copyOf(addresses);
    }

    private static int parsePort(String port) {
        try {
            return Integer.parseInt(port);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static String group(String group) {
        if (group == null || group.isBlank()) {
            throw new IllegalArgumentException(
                    "group is required: set the producer group, e.g. 'orders-producer'");
        }
        if (group.length() > MAX_GROUP_LENGTH || !GROUP.matcher(group).matches()) {
            throw new IllegalArgumentException(
                    "group '"
                            + group
                            + "' must match [%|a-zA-Z0-9_-]{1,"
                            + MAX_GROUP_LENGTH
                            + "}; rename the group");
        }
        if ("DEFAULT_PRODUCER".equals(group)) {
            throw new IllegalArgumentException(
                    "group 'DEFAULT_PRODUCER' is reserved by RocketMQ; choose a group of your own");
        }
        return group;
    }

    static String instanceName(String instanceName) {
        if (instanceName.isBlank()) {
            throw new IllegalArgumentException(
                    "instanceName must not be blank, was '"
                            + instanceName
                            + "'; leave it unset for the default or name this process, e.g."
                            + " 'orders-1'");
        }
        return instanceName;
    }

    static Duration positive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(
                    name
                            + " must be a positive duration, was "
                            + value
                            + "; set it above zero, e.g. Duration.ofSeconds(3)");
        }
        return value;
    }

    static Duration notNegative(String name, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(
                    name
                            + " must be zero or a positive duration, was "
                            + value
                            + "; set it to Duration.ZERO or more");
        }
        return value;
    }

    static long atLeast(String name, long value, long minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(tooSmall(name, value, minimum));
        }
        return value;
    }

    static int atLeast(String name, int value, int minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(tooSmall(name, value, minimum));
        }
        return value;
    }

    private static String tooSmall(String name, long value, long minimum) {
        return name
                + " must be at least "
                + minimum
                + ", was "
                + value
                + "; set it to "
                + minimum
                + " or more";
    }
}
