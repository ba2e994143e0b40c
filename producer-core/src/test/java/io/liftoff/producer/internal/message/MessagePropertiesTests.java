package io.liftoff.producer.internal.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.rocketmq.common.message.MessageConst;
import org.junit.jupiter.api.Test;

class MessagePropertiesTests {

    @Test
    void reservedNamesShouldEqualOfficialClientSet() {
        assertThat(MessageProperties.reservedNames())
                .containsExactlyInAnyOrderElementsOf(MessageConst.STRING_HASH_SET);
    }

    @Test
    void isReservedWhenSystemNameShouldBeTrue() {
        assertThat(MessageProperties.isReserved("UNIQ_KEY")).isTrue();
        assertThat(MessageProperties.isReserved("TAGS")).isTrue();
        assertThat(MessageProperties.isReserved("__CRC32#")).isTrue();
    }

    @Test
    void isReservedWhenUserNameOrNullShouldBeFalse() {
        assertThat(MessageProperties.isReserved("orderId")).isFalse();
        assertThat(MessageProperties.isReserved("tags")).isFalse();
        assertThat(MessageProperties.isReserved(MessageProperties.SHARDING_KEY)).isFalse();
        assertThat(MessageProperties.isReserved(null)).isFalse();
    }

    @Test
    void constantsShouldMatchOfficialWireNames() {
        assertThat(MessageProperties.KEYS).isEqualTo(MessageConst.PROPERTY_KEYS);
        assertThat(MessageProperties.TAGS).isEqualTo(MessageConst.PROPERTY_TAGS);
        assertThat(MessageProperties.WAIT_STORE_MSG_OK)
                .isEqualTo(MessageConst.PROPERTY_WAIT_STORE_MSG_OK);
        assertThat(MessageProperties.DELAY).isEqualTo(MessageConst.PROPERTY_DELAY_TIME_LEVEL);
        assertThat(MessageProperties.UNIQ_KEY)
                .isEqualTo(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX);
        assertThat(MessageProperties.TRANSACTION_PREPARED)
                .isEqualTo(MessageConst.PROPERTY_TRANSACTION_PREPARED);
        assertThat(MessageProperties.PRODUCER_GROUP)
                .isEqualTo(MessageConst.PROPERTY_PRODUCER_GROUP);
        assertThat(MessageProperties.TRANSACTION_ID)
                .isEqualTo(MessageConst.PROPERTY_TRANSACTION_ID);
        assertThat(MessageProperties.TIMER_DELIVER_MS)
                .isEqualTo(MessageConst.PROPERTY_TIMER_DELIVER_MS);
        assertThat(MessageProperties.TIMER_DELAY_SEC)
                .isEqualTo(MessageConst.PROPERTY_TIMER_DELAY_SEC);
        assertThat(MessageProperties.TIMER_DELAY_MS)
                .isEqualTo(MessageConst.PROPERTY_TIMER_DELAY_MS);
        assertThat(MessageProperties.SHARDING_KEY).isEqualTo(MessageConst.PROPERTY_SHARDING_KEY);
        assertThat(MessageProperties.INSTANCE_ID).isEqualTo(MessageConst.PROPERTY_INSTANCE_ID);
        assertThat(MessageProperties.CORRELATION_ID)
                .isEqualTo(MessageConst.PROPERTY_CORRELATION_ID);
        assertThat(MessageProperties.MESSAGE_REPLY_TO_CLIENT)
                .isEqualTo(MessageConst.PROPERTY_MESSAGE_REPLY_TO_CLIENT);
        assertThat(MessageProperties.MESSAGE_TTL).isEqualTo(MessageConst.PROPERTY_MESSAGE_TTL);
        assertThat(MessageProperties.INNER_MULTI_DISPATCH)
                .isEqualTo(MessageConst.PROPERTY_INNER_MULTI_DISPATCH);
        assertThat(MessageProperties.CHECK_IMMUNITY_TIME_IN_SECONDS)
                .isEqualTo(MessageConst.PROPERTY_CHECK_IMMUNITY_TIME_IN_SECONDS);
        assertThat(String.valueOf(MessageProperties.KEY_SEPARATOR))
                .isEqualTo(MessageConst.KEY_SEPARATOR);
    }
}
