package io.liftoff.producer.internal.remoting;

import io.liftoff.producer.TlsOptions;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Turns a failed TLS handshake into a connect failure whose message says, in words, why the
 * handshake failed: an untrusted certificate, a name mismatch, a server without TLS, a refused
 * client certificate or a timeout.
 */
final class TlsFailures {

    // cause chains are short; the bound only guards against cycles
    private static final int MAX_DEPTH = 16;

    private TlsFailures() {}

    /**
     * Returns the failure of a handshake with {@code address} that failed with {@code cause}.
     *
     * @param tls the options the handshake used, for hints
     */
    static RemotingConnectException handshakeFailed(
            String address, Throwable cause, TlsOptions tls) {
        return new RemotingConnectException(
                address,
                "TLS handshake with "
                        + address
                        + " failed: "
                        + reason(cause, address, tls)
                        + " ("
                        + cause
                        + ")",
                cause);
    }

    /**
     * Returns what to append to the message of a request failed by a connection that {@code cause}
     * closed: in TLS 1.3 a server refuses a client certificate only after the client's handshake
     * completed, so such a refusal arrives as a connection error.
     *
     * @return the TLS reason, or empty if {@code cause} is no TLS failure
     */
    static String connectionClosedHint(Throwable cause, String address, TlsOptions tls) {
        if (!tls.enabled() || !has(cause, SSLException.class)) {
            return "";
        }
        return "; TLS failed: " + reason(cause, address, tls);
    }

    private static String reason(Throwable cause, String address, TlsOptions tls) {
        if (has(cause, SslHandshakeTimeoutException.class)) {
            return "no handshake within the connect timeout";
        }
        if (has(cause, NotSslRecordException.class)) {
            return "the server did not answer with TLS; does it accept TLS connections"
                    + " (tls.server.mode permissive or enforcing)?";
        }
        if (has(cause, CertPathBuilderException.class)
                || has(cause, CertPathValidatorException.class)) {
            return "the server's certificate is not trusted: its issuer is not in the trust"
                    + " material; add the CA that signed it";
        }
        String text = messages(cause);
        if (has(cause, CertificateException.class)
                && (text.contains("subject alternative") || text.contains("no name matching"))) {
            return "the server's certificate does not name "
                    + Addresses.parse(address).getHostString()
                    + "; add it as a subject alternative name or turn verifyHostname off";
        }
        if (text.contains("certificate_required")
                || text.contains("bad_certificate")
                || text.contains("unknown_ca")) {
            return tls.hasClientCertificate()
                    ? "the server refused the client certificate; is it signed by a CA the server"
                            + " trusts?"
                    : "the server requires a client certificate (mutual TLS); configure one";
        }
        if (has(cause, CertificateException.class)) {
            return "the server's certificate was rejected";
        }
        if (has(cause, ClosedChannelException.class) || text.contains("closed")) {
            return "the server closed the connection during the handshake; it may not speak TLS,"
                    + " or may require a client certificate";
        }
        return "the server and the client could not agree (protocols, ciphers or certificates)";
    }

    private static boolean has(Throwable cause, Class<? extends Throwable> type) {
        int depth = 0;
        for (Throwable t = cause; t != null && depth < MAX_DEPTH; t = t.getCause(), depth++) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String messages(Throwable cause) {
        StringBuilder text = new StringBuilder();
        int depth = 0;
        for (Throwable t = cause; t != null && depth < MAX_DEPTH; t = t.getCause(), depth++) {
            text.append(t.getMessage()).append(' ');
        }
        return text.toString().toLowerCase(Locale.ROOT);
    }
}
