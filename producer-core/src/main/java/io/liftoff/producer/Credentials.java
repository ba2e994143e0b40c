package io.liftoff.producer;

import java.util.Objects;

/**
 * The ACL identity a client signs its requests with: an access key (the user name of RocketMQ 5.3's
 * ACL 2.0), its secret key (the password), and an optional security token for temporary
 * credentials.
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows the access key only: the secret key and
 * the token are masked, so credentials can be logged and put in exception messages safely.
 *
 * <pre>{@code
 * ProducerConfig.builder()
 *         .credentials(Credentials.of("orders-app", System.getenv("ROCKETMQ_SECRET_KEY")))
 * }</pre>
 */
public final class Credentials {

    private static final String MASK = "******";

    private final String accessKey;
    private final String secretKey;
    private final String securityToken;

    private Credentials(String accessKey, String secretKey, String securityToken) {
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.securityToken = securityToken;
    }

    /**
     * Returns long-lived credentials without a security token.
     *
     * @param accessKey the access key; must not be {@code null}, blank, or start or end with
     *     whitespace
     * @param secretKey the secret key; must not be {@code null} or empty
     * @throws IllegalArgumentException if a value is missing or malformed; the message never
     *     contains the secret key
     */
    public static Credentials of(String accessKey, String secretKey) {
        return of(accessKey, secretKey, null);
    }

    /**
     * Returns credentials with a security token, as issued for temporary access (e.g. by a cloud
     * provider's token service).
     *
     * @param accessKey the access key; must not be {@code null}, blank, or start or end with
     *     whitespace
     * @param secretKey the secret key; must not be {@code null} or empty
     * @param securityToken the token, or {@code null} for none; must not be blank
     * @throws IllegalArgumentException if a value is missing or malformed; the message never
     *     contains the secret key or the token
     */
    public static Credentials of(String accessKey, String secretKey, String securityToken) {
        if (accessKey == null || accessKey.isBlank()) {
            throw new IllegalArgumentException(
                    "accessKey is required with a secretKey: set the access key (the ACL user"
                            + " name) the broker knows");
        }
        if (!accessKey.strip().equals(accessKey)) {
            throw new IllegalArgumentException(
                    "accessKey '"
                            + accessKey
                            + "' starts or ends with whitespace; remove it (a copy-and-paste"
                            + " slip?)");
        }
        if (secretKey == null || secretKey.isEmpty()) {
            throw new IllegalArgumentException(
                    "secretKey of accessKey '"
                            + accessKey
                            + "' is missing; set the secret key (the ACL password) that belongs"
                            + " to it");
        }
        if (securityToken != null && securityToken.isBlank()) {
            throw new IllegalArgumentException(
                    "securityToken of accessKey '"
                            + accessKey
                            + "' is blank; leave it out (null) unless your credentials are"
                            + " temporary ones that come with a token");
        }
        return new Credentials(accessKey, secretKey, securityToken);
    }

    /** Returns the access key, sent in every request as {@code AccessKey}. */
    public String accessKey() {
        return accessKey;
    }

    /** Returns the secret key; it never leaves the client, only signatures made with it do. */
    public String secretKey() {
        return secretKey;
    }

    /** Returns the security token sent as {@code SecurityToken}, or {@code null} if none. */
    public String securityToken() {
        return securityToken;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Credentials that)) {
            return false;
        }
        return accessKey.equals(that.accessKey)
                && secretKey.equals(that.secretKey)
                && Objects.equals(securityToken, that.securityToken);
    }

    @Override
    public int hashCode() {
        return Objects.hash(accessKey, secretKey, securityToken);
    }

    /** Returns the access key with the secret key and token masked. */
    @Override
    public String toString() {
        return "Credentials[accessKey="
                + accessKey
                + ", secretKey="
                + MASK
                + (securityToken == null ? "" : ", securityToken=" + MASK)
                + "]";
    }
}
