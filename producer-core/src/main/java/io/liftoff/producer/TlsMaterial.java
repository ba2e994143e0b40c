package io.liftoff.producer;

import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Where a TLS client gets its trust and key material from, and how each source is loaded into a
 * Netty {@link SslContextBuilder}. Loading failures become {@link IllegalArgumentException}s that
 * name the file and what to fix; no message or {@code toString} contains a password.
 */
final class TlsMaterial {

    private TlsMaterial() {}

    /** What decides whether a server's certificate is trusted. */
    sealed interface Trust {

        /** Applies this trust source to {@code builder}, loading files now. */
        void applyTo(SslContextBuilder builder);
    }

    /** The key material that identifies the client to servers that ask for it (mutual TLS). */
    sealed interface Key {

        /** Applies this key source to {@code builder}, loading files now. */
        void applyTo(SslContextBuilder builder);
    }

    /** The JDK's default trust store ({@code cacerts}, or {@code javax.net.ssl.trustStore}). */
    record JdkDefaultTrust() implements Trust {
        @Override
        public void applyTo(SslContextBuilder builder) {
            // no trust manager: the JDK's default TrustManagerFactory decides
        }

        @Override
        public String toString() {
            return "the JDK's default trust store";
        }
    }

    /** A trust store file (PKCS12, JKS, ...) holding the trusted CA certificates. */
    record TrustStore(StoreFile store) implements Trust {
        @Override
        public void applyTo(SslContextBuilder builder) {
            try {
                TrustManagerFactory factory =
                        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init(store.load("trust store"));
                builder.trustManager(factory);
            } catch (GeneralSecurityException e) {
                throw store.failure("trust store", e);
            }
        }

        @Override
        public String toString() {
            return "trust store " + store;
        }
    }

    /** A PEM file with one or more trusted CA certificates. */
    record PemTrust(Path certificates) implements Trust {
        @Override
        public void applyTo(SslContextBuilder builder) {
            requireReadable(certificates, "trusted certificates file");
            try (InputStream in = Files.newInputStream(certificates)) {
                builder.trustManager(in);
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "cannot read trusted certificates from "
                                + certificates
                                + ": "
                                + e.getMessage()
                                + "; it must hold PEM (-----BEGIN CERTIFICATE-----) CA"
                                + " certificates",
                        e);
            }
        }

        @Override
        public String toString() {
            return "PEM certificates " + certificates;
        }
    }

    /** A ready trust manager factory, e.g. from a Spring Boot SSL bundle. */
    record TrustFactory(TrustManagerFactory factory) implements Trust {
        @Override
        public void applyTo(SslContextBuilder builder) {
            builder.trustManager(factory);
        }

        @Override
        public String toString() {
            return "trust manager factory (" + factory.getAlgorithm() + ")";
        }
    }

    /** Trusts every certificate: no server authentication at all. */
    record TrustAll() implements Trust {
        @Override
        public void applyTo(SslContextBuilder builder) {
            builder.trustManager(InsecureTrustManagerFactory.INSTANCE);
        }

        @Override
        public String toString() {
            return "INSECURE: every certificate";
        }
    }

    /** No client certificate. */
    record NoKey() implements Key {
        @Override
        public void applyTo(SslContextBuilder builder) {
            // a server that requires a client certificate will refuse the handshake
        }

        @Override
        public String toString() {
            return "none";
        }
    }

    /** A key store file holding the client's private key and certificate chain. */
    record KeyStoreFile(StoreFile store) implements Key {
        @Override
        public void applyTo(SslContextBuilder builder) {
            try {
                KeyManagerFactory factory =
                        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(store.load("key store"), store.passwordChars());
                builder.keyManager(factory);
            } catch (GeneralSecurityException e) {
                throw store.failure("key store", e);
            }
        }

        @Override
        public String toString() {
            return "key store " + store;
        }
    }

    /**
     * A PEM certificate chain and a PKCS#8 PEM private key ({@code -----BEGIN PRIVATE KEY-----}, or
     * {@code ENCRYPTED PRIVATE KEY} with a password).
     */
    record PemKey(Path certificateChain, Path privateKey, String password) implements Key {
        @Override
        public void applyTo(SslContextBuilder builder) {
            requireReadable(certificateChain, "client certificate chain");
            requireReadable(privateKey, "client private key");
            try {
                builder.keyManager(certificateChain.toFile(), privateKey.toFile(), password);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "cannot read the client certificate "
                                + certificateChain
                                + " with private key "
                                + privateKey
                                + ": "
                                + e.getMessage()
                                + "; the key must be PKCS#8 PEM (BEGIN PRIVATE KEY, or BEGIN"
                                + " ENCRYPTED PRIVATE KEY with the right password)",
                        e);
            }
        }

        @Override
        public String toString() {
            return "PEM certificate "
                    + certificateChain
                    + " with key "
                    + privateKey
                    + (password == null ? "" : " (password ****)");
        }
    }

    /** A ready key manager factory, e.g. from a Spring Boot SSL bundle. */
    record KeyFactory(KeyManagerFactory factory) implements Key {
        @Override
        public void applyTo(SslContextBuilder builder) {
            builder.keyManager(factory);
        }

        @Override
        public String toString() {
            return "key manager factory (" + factory.getAlgorithm() + ")";
        }
    }

    /**
     * A key or trust store file; {@code password} may be {@code null} for none.
     *
     * @param file the store file
     * @param type the {@link KeyStore} type, e.g. {@code PKCS12} or {@code JKS}
     * @param password the store password (and, for key stores, the key password)
     */
    record StoreFile(Path file, String type, String password) {

        KeyStore load(String what) throws GeneralSecurityException {
            requireReadable(file, what);
            KeyStore store = KeyStore.getInstance(type);
            try (InputStream in = Files.newInputStream(file)) {
                store.load(in, passwordChars());
            } catch (IOException e) {
                throw loadFailure(what, e);
            }
            return store;
        }

        char[] passwordChars() {
            return password == null ? null : password.toCharArray();
        }

        IllegalArgumentException failure(String what, GeneralSecurityException e) {
            return new IllegalArgumentException(
                    "cannot use " + what + " " + this + ": " + e.getMessage(), e);
        }

        private IllegalArgumentException loadFailure(String what, IOException e) {
            // KeyStore.load reports a wrong password as an IOException caused by this
            boolean badPassword = e.getCause() instanceof UnrecoverableKeyException;
            String hint =
                    badPassword
                            ? "the password is wrong"
                            : e.getMessage() + "; is it really a " + type + " store?";
            return new IllegalArgumentException(
                    "cannot read " + what + " " + this + ": " + hint, e);
        }

        @Override
        public String toString() {
            return file + " (" + type + (password == null ? "" : ", password ****") + ")";
        }
    }

    private static void requireReadable(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(
                    what + " " + file + " does not exist or is not a file; check the path",
                    new NoSuchFileException(file.toString()));
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(
                    what + " " + file + " is not readable by this process; check its permissions");
        }
    }
}
