package io.liftoff.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class CredentialsTests {

    @Test
    void toStringShouldShowTheAccessKeyButNeitherSecretNorToken() {
        Credentials credentials = Credentials.of("orders-app", "s3cr3t-value", "tok3n-value");

        assertThat(credentials.toString())
                .contains("orders-app")
                .doesNotContain("s3cr3t-value")
                .doesNotContain("tok3n-value");
        assertThat(Credentials.of("orders-app", "s3cr3t-value").toString())
                .isEqualTo("Credentials[accessKey=orders-app, secretKey=******]");
    }

    @Test
    void credentialsWithEqualKeysShouldBeEqual() {
        assertThat(Credentials.of("ak", "sk")).isEqualTo(Credentials.of("ak", "sk"));
        assertThat(Credentials.of("ak", "sk")).hasSameHashCodeAs(Credentials.of("ak", "sk"));
        assertThat(Credentials.of("ak", "sk")).isNotEqualTo(Credentials.of("ak", "other"));
        assertThat(Credentials.of("ak", "sk")).isNotEqualTo(Credentials.of("ak", "sk", "t"));
    }

    @Test
    void secretWithoutAccessKeyShouldBeRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Credentials.of(null, "s3cr3t-value"))
                .withMessageContaining("accessKey is required")
                .withMessageNotContaining("s3cr3t-value");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Credentials.of("  ", "s3cr3t-value"))
                .withMessageContaining("accessKey is required")
                .withMessageNotContaining("s3cr3t-value");
    }

    @Test
    void accessKeyWithoutSecretShouldBeRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Credentials.of("orders-app", null))
                .withMessageContaining("secretKey of accessKey 'orders-app' is missing");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Credentials.of("orders-app", ""))
                .withMessageContaining("secretKey of accessKey 'orders-app' is missing");
    }

    @Test
    void accessKeyWithSurroundingWhitespaceShouldBeRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Credentials.of(" orders-app", "s3cr3t-value"))
                .withMessageContaining("whitespace")
                .withMessageNotContaining("s3cr3t-value");
    }

    @Test
    void blankTokenShouldBeRefusedWithoutShowingIt() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Credentials.of("orders-app", "s3cr3t-value", " "))
                .withMessageContaining("securityToken of accessKey 'orders-app' is blank")
                .withMessageNotContaining("s3cr3t-value");
    }
}
