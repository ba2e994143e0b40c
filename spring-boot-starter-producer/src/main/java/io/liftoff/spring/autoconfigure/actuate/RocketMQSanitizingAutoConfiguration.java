package io.liftoff.spring.autoconfigure.actuate;

import java.util.Locale;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Masks the producers' ACL secret keys ({@code rocketmq.producer.secret-key}, {@code
 * rocketmq.producers.<name>.secret-key}) in {@code /actuator/configprops} and {@code
 * /actuator/env}. Spring Boot masks every value by default, but shows them all in clear once {@code
 * management.endpoint.*.show-values} is {@code always} or {@code when-authorized}, unless a {@link
 * SanitizingFunction} masks them: this is that function, for the secret keys only.
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class RocketMQSanitizingAutoConfiguration {

    RocketMQSanitizingAutoConfiguration() {}

    /** Masks every {@code rocketmq.*} secret key, as bound ({@code secretKey}) or as written. */
    @Bean
    SanitizingFunction rocketmqSecretKeySanitizer() {
        return SanitizingFunction.sanitizeValue()
                .ifKeyMatches(RocketMQSanitizingAutoConfiguration::isSecretKey);
    }

    static boolean isSecretKey(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.startsWith("rocketmq.")
                && (lower.endsWith(".secret-key")
                        || lower.endsWith(".secretkey")
                        || lower.endsWith(".secret_key"));
    }
}
