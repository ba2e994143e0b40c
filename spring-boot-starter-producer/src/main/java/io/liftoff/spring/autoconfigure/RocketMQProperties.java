package io.liftoff.spring.autoconfigure;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for the Liftoff producer, under the keys rocketmq-spring users already
 * have.
 */
@ConfigurationProperties("rocketmq")
public class RocketMQProperties {

    /** Name-server addresses, 'host:port', several separated by ';'. */
    private String nameServer;

    private final Producer producer = new Producer();

    public String getNameServer() {
        return this.nameServer;
    }

    public void setNameServer(String nameServer) {
        this.nameServer = nameServer;
    }

    public Producer getProducer() {
        return this.producer;
    }

    /** Producer settings. */
    public static class Producer {

        /** Producer group. */
        private String group;

        /** Overall time budget of one send, retries included. */
        private Duration sendMessageTimeout = Duration.ofSeconds(3);

        /** Extra attempts, each on another broker where possible, after a failed send. */
        private int retryTimesWhenSendFailed = 2;

        /** Largest message body the producer accepts. */
        private DataSize maxMessageSize = DataSize.ofMegabytes(4);

        public String getGroup() {
            return this.group;
        }

        public void setGroup(String group) {
            this.group = group;
        }

        public Duration getSendMessageTimeout() {
            return this.sendMessageTimeout;
        }

        public void setSendMessageTimeout(Duration sendMessageTimeout) {
            this.sendMessageTimeout = sendMessageTimeout;
        }

        public int getRetryTimesWhenSendFailed() {
            return this.retryTimesWhenSendFailed;
        }

        public void setRetryTimesWhenSendFailed(int retryTimesWhenSendFailed) {
            this.retryTimesWhenSendFailed = retryTimesWhenSendFailed;
        }

        public DataSize getMaxMessageSize() {
            return this.maxMessageSize;
        }

        public void setMaxMessageSize(DataSize maxMessageSize) {
            this.maxMessageSize = maxMessageSize;
        }
    }
}
