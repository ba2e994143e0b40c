package io.liftoff.producer.internal.route;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link NameServerClient}'s list in step with an {@link AddressServer}: each {@link
 * #refresh()} fetches the list and hands a changed one over. A failed or unusable answer keeps the
 * last good list; it is logged when the address server starts failing and when it answers again,
 * not at every poll. Meant for one scheduler thread.
 */
public final class NameServerListUpdater {

    private static final Logger log = LoggerFactory.getLogger(NameServerListUpdater.class);

    private final AddressServer server;
    private final NameServerClient client;
    private boolean failing;

    /**
     * @param server where the list comes from
     * @param client whose list to replace
     */
    public NameServerListUpdater(AddressServer server, NameServerClient client) {
        this.server = server;
        this.client = client;
    }

    /** Fetches the list once and applies it if it changed; never throws. */
    public void refresh() {
        List<String> fresh;
        try {
            fresh = server.fetch();
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                // the client is shutting down
                return;
            }
            if (!failing) {
                failing = true;
                log.warn(
                        "{}; keeping the name servers {} and asking again at every refresh",
                        e.getMessage(),
                        client.addresses());
            } else {
                log.debug("Address server still failing: {}", e.getMessage());
            }
            return;
        }
        if (failing) {
            failing = false;
            log.info("Address server {} answers again", server.url());
        }
        List<String> old = client.addresses();
        try {
            if (client.updateAddresses(fresh)) {
                log.info(
                        "Name servers changed from {} to {}, as {} says", old, fresh, server.url());
            }
        } catch (RuntimeException e) {
            // thrown out of a scheduled task, it would stop every later refresh
            log.warn("Could not switch to the name servers {} from {}", fresh, server.url(), e);
        }
    }
}
