package io.liftoff.spring.autoconfigure;

import org.jspecify.annotations.Nullable;

/** TLS settings of one producer. */
public class ProducerSslProperties {

    /**
     * Name of the SSL bundle ('spring.ssl.bundle.jks.<name>' or 'spring.ssl.bundle.pem.<name>')
     * whose trust material checks servers and whose key material, if any, identifies the client.
     * Setting it turns TLS on.
     */
    private @Nullable String bundle;

    /**
     * Whether the address a connection dials must match a name in the server's certificate. Brokers
     * register by IP address, so their certificates must then list those IPs.
     */
    private boolean verifyHostname;

    /** Returns the SSL bundle's name, or {@code null} for none. */
    public @Nullable String getBundle() {
        return this.bundle;
    }

    /** Sets the SSL bundle's name; setting it turns TLS on. */
    public void setBundle(@Nullable String bundle) {
        this.bundle = bundle;
    }

    /** Returns whether server certificates must name the address dialled. */
    public boolean isVerifyHostname() {
        return this.verifyHostname;
    }

    /** Sets whether server certificates must name the address dialled. */
    public void setVerifyHostname(boolean verifyHostname) {
        this.verifyHostname = verifyHostname;
    }
}
