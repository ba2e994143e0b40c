package io.liftoff.spring.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.util.StringUtils;

/**
 * Where one producer's name servers are set in the properties, and to what: a named producer's own
 * {@code name-server} or {@code name-server-address-url} win over {@code rocketmq.name-server} and
 * {@code rocketmq.name-server-address-url}. With none set, its own keys are the ones reported
 * missing.
 *
 * @param nameServerProperty the key its name servers come from
 * @param nameServer the name servers, or {@code null} when not set
 * @param addressUrlProperty the key its address server's URL comes from
 * @param addressUrl the address server's URL, or {@code null} when not set
 */
record NameServerSource(
        String nameServerProperty,
        @Nullable String nameServer,
        String addressUrlProperty,
        @Nullable String addressUrl) {

    private static final String ROOT_NAME_SERVER = "rocketmq.name-server";
    private static final String ROOT_ADDRESS_URL = "rocketmq.name-server-address-url";

    /** Returns where the name servers of {@code source} are set, {@code root} being all keys. */
    static NameServerSource of(RocketMQProperties root, ProducerSource source) {
        NameServerSource inherited =
                new NameServerSource(
                        ROOT_NAME_SERVER,
                        root.getNameServer(),
                        ROOT_ADDRESS_URL,
                        root.getNameServerAddressUrl());
        if (!(source.properties() instanceof RocketMQProperties.NamedProducer named)) {
            return inherited;
        }
        NameServerSource own =
                new NameServerSource(
                        source.key("name-server"),
                        named.getNameServer(),
                        source.key("name-server-address-url"),
                        named.getNameServerAddressUrl());
        return !own.isSet() && inherited.isSet() ? inherited : own;
    }

    /** Returns whether name servers or an address server are set. */
    boolean isSet() {
        return StringUtils.hasText(this.nameServer) || StringUtils.hasText(this.addressUrl);
    }
}
