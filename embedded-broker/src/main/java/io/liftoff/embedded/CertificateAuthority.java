package io.liftoff.embedded;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * A throwaway certificate authority for TLS tests: a self-signed CA that issues server and client
 * certificates, written as the files servers and clients load. Built with the JDK alone (no
 * BouncyCastle, no {@code keytool} process), valid from a day ago for two days, RSA 2048 with
 * SHA-256.
 *
 * <p>For every authority: {@code <name>-ca.pem} (the CA certificate) and {@code
 * <name>-truststore.p12}. For every issued certificate: {@code <name>.pem} (its chain, leaf first),
 * {@code <name>.key} (the private key as unencrypted PKCS#8 PEM, the format RocketMQ's {@code
 * tls.server.keyPath} needs) and {@code <name>.p12}. Stores use {@link #STORE_PASSWORD}.
 *
 * <pre>{@code
 * CertificateAuthority ca = CertificateAuthority.create(dir, "test");
 * IssuedCertificate server = ca.issue("server", "127.0.0.1", "localhost");
 * }</pre>
 */
public final class CertificateAuthority {

    /** The password of every key and trust store written here. */
    public static final String STORE_PASSWORD = "liftoff-test";

    private static final String SIGNATURE_ALGORITHM = "SHA256withRSA";
    private static final String SHA256_WITH_RSA = "1.2.840.113549.1.1.11";
    private static final String COMMON_NAME = "2.5.4.3";
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String KEY_USAGE = "2.5.29.15";
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";
    private static final String EXTENDED_KEY_USAGE = "2.5.29.37";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    // keyCertSign (bit 5) and cRLSign (bit 6), with one unused bit
    private static final byte[] CA_KEY_USAGE = Der.bitString(1, new byte[] {0x06});

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path directory;
    private final String name;
    private final KeyPair keys;
    private final X509Certificate certificate;
    private final Path certificateFile;
    private final Path trustStoreFile;

    private CertificateAuthority(Path directory, String name) throws GeneralSecurityException {
        this.directory = directory;
        this.name = name;
        this.keys = newKeyPair();
        byte[] caName = name("Liftoff test CA " + name);
        this.certificate =
                sign(
                        caName,
                        caName,
                        keys.getPublic().getEncoded(),
                        Der.sequence(
                                extension(BASIC_CONSTRAINTS, true, Der.sequence(Der.bool(true))),
                                extension(KEY_USAGE, true, CA_KEY_USAGE)));
        this.certificateFile = directory.resolve(name + "-ca.pem");
        this.trustStoreFile = directory.resolve(name + "-truststore.p12");
    }

    /**
     * Creates a CA and writes its certificate and a trust store holding it into {@code directory}.
     *
     * @param directory an existing directory; must not be {@code null}
     * @param name a file-name-safe name, e.g. {@code test}; must not be {@code null}
     */
    public static CertificateAuthority create(Path directory, String name) {
        Objects.requireNonNull(directory, "directory must not be null");
        Objects.requireNonNull(name, "name must not be null");
        try {
            CertificateAuthority ca = new CertificateAuthority(directory, name);
            Files.writeString(ca.certificateFile, pem("CERTIFICATE", ca.certificate.getEncoded()));
            KeyStore trustStore = emptyStore();
            trustStore.setCertificateEntry("ca", ca.certificate);
            store(trustStore, ca.trustStoreFile);
            return ca;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create test CA " + name, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write test CA " + name + " to " + directory, e);
        }
    }

    /** The CA certificate, PEM. */
    public Path certificate() {
        return certificateFile;
    }

    /** A PKCS12 trust store holding the CA certificate; password {@link #STORE_PASSWORD}. */
    public Path trustStore() {
        return trustStoreFile;
    }

    /**
     * Issues a certificate for servers and clients alike (extended key usage serverAuth and
     * clientAuth) and writes its files.
     *
     * @param fileName the base name of the files, e.g. {@code server}
     * @param subjectAlternativeNames IP addresses (e.g. {@code 127.0.0.1}) and host names; the
     *     first is also the common name; none for a certificate that names no host
     */
    public IssuedCertificate issue(String fileName, String... subjectAlternativeNames) {
        Objects.requireNonNull(fileName, "fileName must not be null");
        try {
            KeyPair leafKeys = newKeyPair();
            List<byte[]> extensions = new ArrayList<>();
            extensions.add(
                    extension(
                            EXTENDED_KEY_USAGE,
                            false,
                            Der.sequence(Der.oid(SERVER_AUTH), Der.oid(CLIENT_AUTH))));
            if (subjectAlternativeNames.length > 0) {
                extensions.add(
                        extension(SUBJECT_ALT_NAME, false, generalNames(subjectAlternativeNames)));
            }
            X509Certificate leaf =
                    sign(
                            name(
                                    subjectAlternativeNames.length > 0
                                            ? subjectAlternativeNames[0]
                                            : fileName),
                            name("Liftoff test CA " + name),
                            leafKeys.getPublic().getEncoded(),
                            Der.sequence(extensions.toArray(byte[][]::new)));
            IssuedCertificate issued =
                    new IssuedCertificate(
                            directory.resolve(fileName + ".pem"),
                            directory.resolve(fileName + ".key"),
                            directory.resolve(fileName + ".p12"));
            Files.writeString(
                    issued.certificateChain(),
                    pem("CERTIFICATE", leaf.getEncoded())
                            + pem("CERTIFICATE", certificate.getEncoded()));
            Files.writeString(
                    issued.privateKey(), pem("PRIVATE KEY", leafKeys.getPrivate().getEncoded()));
            KeyStore keyStore = emptyStore();
            keyStore.setKeyEntry(
                    fileName,
                    leafKeys.getPrivate(),
                    STORE_PASSWORD.toCharArray(),
                    new Certificate[] {leaf, certificate});
            store(keyStore, issued.keyStore());
            return issued;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot issue test certificate " + fileName, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write test certificate " + fileName, e);
        }
    }

    private X509Certificate sign(
            byte[] subject, byte[] issuer, byte[] subjectPublicKeyInfo, byte[] extensions)
            throws GeneralSecurityException {
        ZonedDateTime now = ZonedDateTime.now();
        byte[] algorithm = Der.sequence(Der.oid(SHA256_WITH_RSA), Der.nullValue());
        byte[] tbs =
                Der.sequence(
                        Der.explicit(0, Der.integer(BigInteger.TWO)), // v3
                        Der.integer(new BigInteger(63, RANDOM).add(BigInteger.ONE)),
                        algorithm,
                        issuer,
                        Der.sequence(Der.utcTime(now.minusDays(1)), Der.utcTime(now.plusDays(2))),
                        subject,
                        subjectPublicKeyInfo,
                        Der.explicit(3, extensions));
        PrivateKey signer = keys.getPrivate();
        Signature signature = Signature.getInstance(SIGNATURE_ALGORITHM);
        signature.initSign(signer);
        signature.update(tbs);
        byte[] encoded = Der.sequence(tbs, algorithm, Der.bitString(0, signature.sign()));
        return (X509Certificate)
                CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(encoded));
    }

    private static byte[] name(String commonName) {
        return Der.sequence(Der.set(Der.sequence(Der.oid(COMMON_NAME), Der.utf8(commonName))));
    }

    private static byte[] generalNames(String... names) throws IOException {
        List<byte[]> encoded = new ArrayList<>();
        for (String name : names) {
            if (name.matches("[0-9.]+") || name.contains(":")) {
                // iPAddress [7]: the address bytes
                encoded.add(Der.implicit(7, InetAddress.getByName(name).getAddress()));
            } else {
                // dNSName [2]: IA5String
                encoded.add(Der.implicit(2, name.getBytes(StandardCharsets.US_ASCII)));
            }
        }
        return Der.sequence(encoded.toArray(byte[][]::new));
    }

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical
                ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
                : Der.sequence(Der.oid(oid), Der.octetString(value));
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }

    private static void store(KeyStore store, Path file)
            throws GeneralSecurityException, IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, STORE_PASSWORD.toCharArray());
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN "
                + type
                + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END "
                + type
                + "-----\n";
    }

    /**
     * The files of one issued certificate.
     *
     * @param certificateChain PEM, the certificate followed by the CA's
     * @param privateKey the private key, unencrypted PKCS#8 PEM
     * @param keyStore PKCS12 with the key and chain; password {@link #STORE_PASSWORD}
     */
    public record IssuedCertificate(Path certificateChain, Path privateKey, Path keyStore) {}
}
