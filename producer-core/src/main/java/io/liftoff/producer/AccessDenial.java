package io.liftoff.producer;

import java.util.Locale;

/**
 * Whether a server's error response means that ACL refused the request, read from its response code
 * and remark, since neither 4.9 nor 5.x servers have a code of its own for that:
 *
 * <ul>
 *   <li>5.x ACL 2.0 answers NO_PERMISSION (16) with the reason, e.g. {@code check signature
 *       failed.}, {@code User:orders-app is not found.} or {@code orders-app has no permission to
 *       access ...}. The same code without such a reason (e.g. {@code the topic[orders] sending
 *       message is forbidden}) is a topic or broker permission, not ACL.
 *   <li>4.9 ACL throws an {@code AclException} from a server hook, which reaches the client as
 *       SYSTEM_ERROR (1) with the exception in the remark, e.g. {@code
 *       org.apache.rocketmq.acl.common.AclException: Check signature failed for accessKey=...}.
 *       (Codes 209 to 211, ACL errors in 4.9, only answer ACL administration requests, and mean
 *       something else in 5.x.)
 * </ul>
 */
public enum AccessDenial {

    /** Not an ACL refusal. */
    NONE,

    /** The server does not accept the credentials: unknown access key, wrong secret, none sent. */
    AUTHENTICATION,

    /** The credentials are valid, but lack the permission the request needs. */
    AUTHORIZATION;

    private static final int SYSTEM_ERROR = 1;
    private static final int NO_PERMISSION = 16;

    /**
     * Classifies an error response.
     *
     * @param responseCode the response code
     * @param remark the remark, or {@code null}
     */
    public static AccessDenial of(int responseCode, String remark) {
        if (remark == null) {
            return NONE;
        }
        String text = remark.toLowerCase(Locale.ROOT);
        if (responseCode == NO_PERMISSION) {
            if (text.contains("no permission to access")) {
                return AUTHORIZATION;
            }
            if (text.contains("signature")
                    || text.contains("user:")
                    || text.contains("username")
                    || text.contains("authenticat")
                    || text.contains("credential")) {
                return AUTHENTICATION;
            }
            return NONE;
        }
        if (responseCode == SYSTEM_ERROR && text.contains("aclexception")) {
            // the remark ends with a stack frame, e.g. of PlainPermissionManager: match phrases
            return text.contains("no default permission") || text.contains("need admin permission")
                    ? AUTHORIZATION
                    : AUTHENTICATION;
        }
        return NONE;
    }

    /**
     * Says what failed and what to check, naming the access key but never the secret.
     *
     * @param credentials what the request was signed with, or {@code null} if it was unsigned
     * @throws IllegalStateException on {@link #NONE}
     */
    public String explanation(Credentials credentials) {
        if (this == NONE) {
            throw new IllegalStateException("not an ACL refusal");
        }
        if (credentials == null) {
            return "authentication failed: the server requires ACL credentials, but none are"
                    + " configured; set the access key and secret key of a user it knows";
        }
        String key = "'" + credentials.accessKey() + "'";
        if (this == AUTHORIZATION) {
            return "authorization failed for access key "
                    + key
                    + ": grant it the permission the request needs (e.g. PUB on the topic) in"
                    + " the server's ACL";
        }
        return "authentication failed for access key "
                + key
                + ": check that the server has a user with this access key and that the"
                + " configured secret key is that user's secret (an unknown access key and a wrong"
                + " secret key both fail this way)";
    }
}
