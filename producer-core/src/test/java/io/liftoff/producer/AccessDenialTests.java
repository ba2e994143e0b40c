package io.liftoff.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccessDenialTests {

    // remarks as RocketMQ 5.3.3 (ACL 2.0, NO_PERMISSION 16) and 4.9.7 (AclException in
    // SYSTEM_ERROR 1) word them
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "16|check signature failed.|AUTHENTICATION",
                "16|User:orders-app is not found.|AUTHENTICATION",
                "16|User:orders-app is disabled.|AUTHENTICATION",
                "16|username cannot be null.|AUTHENTICATION",
                "16|Authentication failed. Please verify the credentials and try again.|AUTHENTICATION",
                "16|User:orders-app has no permission to access Topic:orders from 127.0.0.1, the"
                        + " decision is deny.|AUTHORIZATION",
                "16|the topic[orders] sending message is forbidden|NONE",
                "16|the broker[broker-a] sending message is forbidden|NONE",
                "1|org.apache.rocketmq.acl.common.AclException: Check signature failed for"
                        + " accessKey=orders-app, org.apache.rocketmq.acl.plain.PlainPermissionManager"
                        + ".validate(PlainPermissionManager.java:683)|AUTHENTICATION",
                "1|org.apache.rocketmq.acl.common.AclException: No acl config for orders-app,"
                        + " org.apache.rocketmq.acl.plain.PlainPermissionManager"
                        + ".validate(PlainPermissionManager.java:667)|AUTHENTICATION",
                "1|org.apache.rocketmq.acl.common.AclException: No accessKey is configured,"
                        + " org.apache.rocketmq.acl.plain.PlainPermissionManager"
                        + ".validate(PlainPermissionManager.java:663)|AUTHENTICATION",
                "1|org.apache.rocketmq.acl.common.AclException: No default permission for"
                        + " orders, org.apache.rocketmq.acl.plain.PlainPermissionManager"
                        + ".checkPerm(PlainPermissionManager.java:605)|AUTHORIZATION",
                "1|org.apache.rocketmq.acl.common.AclException: Need admin permission for"
                        + " request code=17, but accessKey=orders-app is not,"
                        + " org.apache.rocketmq.acl.plain.PlainPermissionManager"
                        + ".checkPerm(PlainPermissionManager.java:580)|AUTHORIZATION",
                "1|java.lang.NullPointerException, org.apache.rocketmq.broker.X.y(X.java:1)|NONE",
                "17|No topic route info in name server for the topic: orders|NONE",
                "2|[OVERLOAD]system busy, start flow control for a while|NONE",
            })
    void ofShouldRecogniseTheRefusalsOfBothServerGenerations(
            int code, String remark, AccessDenial expected) {
        assertThat(AccessDenial.of(code, remark)).isEqualTo(expected);
    }

    @Test
    void ofWithoutRemarkShouldBeNone() {
        assertThat(AccessDenial.of(16, null)).isEqualTo(AccessDenial.NONE);
    }

    @Test
    void explanationShouldNameTheAccessKeyButNotTheSecret() {
        Credentials credentials = Credentials.of("orders-app", "s3cr3t-value");

        assertThat(AccessDenial.AUTHENTICATION.explanation(credentials))
                .contains("authentication failed for access key 'orders-app'")
                .contains("secret key")
                .doesNotContain("s3cr3t-value");
        assertThat(AccessDenial.AUTHORIZATION.explanation(credentials))
                .contains("authorization failed for access key 'orders-app'")
                .contains("PUB")
                .doesNotContain("s3cr3t-value");
        assertThat(AccessDenial.AUTHENTICATION.explanation(null))
                .contains("requires ACL credentials, but none are configured");
        assertThatIllegalStateException()
                .isThrownBy(() -> AccessDenial.NONE.explanation(credentials));
    }
}
