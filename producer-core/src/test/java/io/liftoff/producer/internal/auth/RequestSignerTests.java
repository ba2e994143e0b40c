package io.liftoff.producer.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.producer.Credentials;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RequestSignerTests {

    // the test vectors of PROTOCOL.md §11, taken from the official 5.3.3 AclClientRPCHook
    private static final Credentials RELEASE_KEYS = Credentials.of("RocketMQ", "12345678");

    private final RequestSigner signer = new RequestSigner(RELEASE_KEYS);

    @Test
    void routeLookupShouldMatchTheOfficialHooksSignature() {
        Map<String, String> signed = signer.sign(Map.of("topic", "TopicTest"), null);

        assertThat(signed)
                .containsExactly(
                        Map.entry("topic", "TopicTest"),
                        Map.entry("AccessKey", "RocketMQ"),
                        Map.entry("Signature", "0jiwhsaYp5ObE5GObbZH1I8/FT4="));
    }

    @Test
    void sendWithBodyShouldMatchTheOfficialHooksSignature() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("a", "PG");
        fields.put("b", "TopicTest");
        fields.put("c", "TBW102");
        fields.put("d", "4");
        fields.put("e", "1");
        fields.put("f", "0");
        fields.put("g", "1700000000000");
        fields.put("h", "0");
        fields.put("i", "UNIQ_KEY\u0001AC110001000018B4AAC2000000000000\u0002WAIT\u0001true\u0002");
        fields.put("j", "0");
        fields.put("k", "false");
        fields.put("m", "false");
        fields.put("n", "broker-a");

        Map<String, String> signed = signer.sign(fields, "Hello".getBytes(StandardCharsets.UTF_8));

        assertThat(signed).containsEntry("Signature", "5YcgLc14miKQctuv8RX6xUc0JNE=");
        assertThat(signed).containsEntry("AccessKey", "RocketMQ").hasSize(fields.size() + 2);
    }

    @Test
    void signShouldNotChangeTheCallersFields() {
        Map<String, String> fields = new LinkedHashMap<>(Map.of("topic", "TopicTest"));

        signer.sign(fields, null);

        assertThat(fields).containsExactly(Map.entry("topic", "TopicTest"));
    }

    @Test
    void signatureShouldCoverTheSecurityTokenWhenTheCredentialsHaveOne() {
        RequestSigner withToken =
                new RequestSigner(Credentials.of("RocketMQ", "12345678", "token-1"));

        Map<String, String> signed = withToken.sign(Map.of("topic", "TopicTest"), null);

        assertThat(signed).containsEntry("SecurityToken", "token-1");
        // "RocketMQ" + "token-1" + "TopicTest": SecurityToken sorts between AccessKey and topic
        assertThat(signed.get("Signature"))
                .isEqualTo(hmac("12345678", "RocketMQtoken-1TopicTest"))
                .isNotEqualTo("0jiwhsaYp5ObE5GObbZH1I8/FT4=");
    }

    @Test
    void signingAnAlreadySignedRequestShouldReplaceItsSignature() {
        Map<String, String> once = signer.sign(Map.of("topic", "TopicTest"), null);

        Map<String, String> twice = signer.sign(once, null);

        assertThat(twice).isEqualTo(once);
    }

    @Test
    void signatureShouldCoverNonAsciiValuesAsUtf8AndTheWholeBody() {
        Map<String, String> fields = Map.of("b", "Bestellungen-ü", "A", "x");
        byte[] body = {0, (byte) 0xFF, 7};

        String signature = signer.sign(fields, body).get("Signature");

        // upper case sorts first: A, AccessKey, b
        byte[] text = "xRocketMQBestellungen-ü".getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[text.length + body.length];
        System.arraycopy(text, 0, content, 0, text.length);
        System.arraycopy(body, 0, content, text.length, body.length);
        assertThat(signature).isEqualTo(hmac("12345678", content));
    }

    @Test
    void signersUsedByManyThreadsAtOnceShouldAgree() throws Exception {
        Map<String, String> fields = Map.of("topic", "TopicTest");
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> signatures = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                signatures.add(threads.submit(() -> signer.sign(fields, null).get("Signature")));
            }
            for (Future<String> signature : signatures) {
                assertThat(signature.get(10, TimeUnit.SECONDS))
                        .isEqualTo("0jiwhsaYp5ObE5GObbZH1I8/FT4=");
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void toStringShouldNotShowTheSecret() {
        assertThat(signer.toString()).contains("RocketMQ").doesNotContain("12345678");
    }

    private static String hmac(String secret, String text) {
        return hmac(secret, text.getBytes(StandardCharsets.UTF_8));
    }

    // an independent HMAC-SHA1, so that these tests do not check the signer against itself
    private static String hmac(String secret, byte[] content) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
            mac.init(
                    new javax.crypto.spec.SecretKeySpec(
                            secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return java.util.Base64.getEncoder().encodeToString(mac.doFinal(content));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
