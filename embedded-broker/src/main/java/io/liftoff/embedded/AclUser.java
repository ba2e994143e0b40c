package io.liftoff.embedded;

import java.util.Objects;

/**
 * A user of an embedded cluster's ACL: an access key and its secret key. {@link #toString()} masks
 * the secret.
 *
 * @param accessKey the access key (user name)
 * @param secretKey the secret key (password)
 */
public record AclUser(String accessKey, String secretKey) {

    public AclUser {
        Objects.requireNonNull(accessKey, "accessKey must not be null");
        Objects.requireNonNull(secretKey, "secretKey must not be null");
        // 4.9 ignores keys of 6 characters or fewer in plain_acl.yml
        if (accessKey.length() <= 6 || secretKey.length() <= 6) {
            throw new IllegalArgumentException(
                    "accessKey and secretKey must have more than 6 characters, as RocketMQ 4.9"
                            + " requires; accessKey was '"
                            + accessKey
                            + "'");
        }
        if (!accessKey.matches("[A-Za-z0-9_-]+") || !secretKey.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException(
                    "accessKey and secretKey must be letters, digits, '_' or '-', so that they"
                            + " can be written into the servers' configuration files as they are;"
                            + " accessKey was '"
                            + accessKey
                            + "'");
        }
    }

    @Override
    public String toString() {
        return "AclUser[accessKey=" + accessKey + ", secretKey=******]";
    }
}
