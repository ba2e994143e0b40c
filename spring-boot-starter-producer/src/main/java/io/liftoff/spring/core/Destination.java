package io.liftoff.spring.core;

import org.jspecify.annotations.Nullable;

/**
 * Where a template sends: {@code topic} or {@code topic:tags}, as rocketmq-spring writes it. The
 * topic and tag rules themselves are the producer's, checked when the message is built.
 *
 * @param topic the topic, not empty
 * @param tags the tag, or {@code null} for none
 */
record Destination(String topic, @Nullable String tags) {

    private static final String FORMAT = "use 'topic' or 'topic:tags'";

    /**
     * Parses a destination.
     *
     * @throws IllegalArgumentException when it is null, blank, or not {@code topic[:tags]}
     */
    static Destination parse(@Nullable String destination) {
        if (destination == null || destination.isBlank()) {
            throw new IllegalArgumentException(
                    "destination must not be "
                            + (destination == null ? "null" : "blank")
                            + "; "
                            + FORMAT);
        }
        int colon = destination.indexOf(':');
        if (colon < 0) {
            return new Destination(destination, null);
        }
        if (destination.indexOf(':', colon + 1) >= 0) {
            throw new IllegalArgumentException(
                    "destination '" + destination + "' has more than one ':'; " + FORMAT);
        }
        if (colon == 0) {
            throw new IllegalArgumentException(
                    "destination '" + destination + "' has no topic before ':'; " + FORMAT);
        }
        if (colon == destination.length() - 1) {
            throw new IllegalArgumentException(
                    "destination '"
                            + destination
                            + "' has no tag after ':'; use '"
                            + destination.substring(0, colon)
                            + "' to send without a tag");
        }
        return new Destination(destination.substring(0, colon), destination.substring(colon + 1));
    }
}
