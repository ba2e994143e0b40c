package io.liftoff.producer.internal.route;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.liftoff.producer.internal.remoting.RemotingClient;
import io.liftoff.producer.internal.remoting.RemotingOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Polling a real HTTP address server on 127.0.0.1 and handing its list to the client. */
class NameServerListUpdaterTests {

    private final LocalAddressServer local = LocalAddressServer.start();
    private final RemotingClient remoting =
            new RemotingClient(RemotingOptions.builder().threadNamePrefix("ns-list-test").build());
    private final NameServerClient client =
            new NameServerClient(remoting, List.of("127.0.0.1:1"), Duration.ofSeconds(3));
    // a timeout a loaded machine keeps: a fetch that timed out would be logged as a failure
    private final NameServerListUpdater updater =
            new NameServerListUpdater(
                    new AddressServer(local.url(), Duration.ofSeconds(30)), client);
    private final Logger logger = (Logger) LoggerFactory.getLogger(NameServerListUpdater.class);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    NameServerListUpdaterTests() {
        log.start();
        logger.addAppender(log);
        logger.setLevel(Level.INFO);
    }

    @AfterEach
    void close() {
        logger.detachAppender(log);
        logger.setLevel(null);
        remoting.close();
        local.close();
    }

    @Test
    void refreshWhenTheListChangedShouldReplaceIt() {
        local.answer(200, "127.0.0.1:2;127.0.0.1:3\n");

        updater.refresh();

        assertThat(client.addresses()).containsExactly("127.0.0.1:2", "127.0.0.1:3");
        assertThat(messages(Level.INFO)).singleElement().asString().contains("changed");
    }

    @Test
    void refreshWhenTheListIsTheSameShouldLogNothing() {
        local.answer(200, "127.0.0.1:1");

        updater.refresh();

        assertThat(client.addresses()).containsExactly("127.0.0.1:1");
        assertThat(log.list).isEmpty();
    }

    @Test
    void refreshWhenTheServerFailsOrAnswersGarbageShouldKeepTheListAndWarnOnce() {
        local.answer(500, "");
        updater.refresh();
        updater.refresh();
        local.answer(200, "<html>maintenance</html>");
        updater.refresh();

        assertThat(local.requests()).isEqualTo(3);
        assertThat(client.addresses()).containsExactly("127.0.0.1:1");
        assertThat(messages(Level.WARN))
                .singleElement()
                .asString()
                .contains(local.url().toString(), "HTTP 500", "keeping the name servers");

        local.answer(200, "127.0.0.1:4");
        updater.refresh();

        assertThat(client.addresses()).containsExactly("127.0.0.1:4");
        assertThat(messages(Level.INFO)).hasSize(2).first().asString().contains("answers again");
    }

    private List<String> messages(Level level) {
        return log.list.stream()
                .filter(e -> e.getLevel() == level)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }
}
