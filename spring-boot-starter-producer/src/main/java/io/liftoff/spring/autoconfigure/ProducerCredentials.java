package io.liftoff.spring.autoconfigure;

import io.liftoff.producer.Credentials;
import org.jspecify.annotations.Nullable;
import org.springframework.util.StringUtils;

/** Turns a producer's {@code access-key} and {@code secret-key} into ACL {@link Credentials}. */
final class ProducerCredentials {

    private ProducerCredentials() {}

    /**
     * Returns the credentials of {@code source}: none when both keys are unset.
     *
     * @throws InvalidProducerPropertyException naming the key at fault when only one is set or a
     *     value is malformed; messages never contain the secret key
     */
    static @Nullable Credentials resolve(ProducerSource source) {
        RocketMQProperties.Producer properties = source.properties();
        String accessKey = properties.getAccessKey();
        String secretKey = properties.getSecretKey();
        if (!StringUtils.hasText(accessKey) && !StringUtils.hasLength(secretKey)) {
            return null;
        }
        if (!StringUtils.hasText(accessKey)) {
            throw InvalidProducerPropertyException.invalid(
                    source.key("access-key"),
                    "'"
                            + source.key("secret-key")
                            + "' is set but the access key it belongs to is not; set both for a"
                            + " broker with ACL, or neither",
                    null);
        }
        if (!StringUtils.hasLength(secretKey)) {
            throw InvalidProducerPropertyException.invalid(
                    source.key("secret-key"),
                    "access key '"
                            + accessKey
                            + "' is set but its secret key is not; set both for a broker with ACL,"
                            + " or neither",
                    null);
        }
        try {
            return Credentials.of(accessKey, secretKey);
        } catch (IllegalArgumentException ex) {
            String property = ex.getMessage().startsWith("secretKey") ? "secret-key" : "access-key";
            throw InvalidProducerPropertyException.invalid(
                    source.key(property), ex.getMessage(), ex);
        }
    }
}
