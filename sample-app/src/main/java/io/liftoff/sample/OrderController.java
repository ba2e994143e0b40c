package io.liftoff.sample;

import io.liftoff.producer.SendResult;
import io.liftoff.spring.core.ProducerOperations;
import io.liftoff.spring.core.RocketMQHeaders;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Publishes orders as RocketMQ messages, one endpoint per send mode. */
@RestController
class OrderController {

    private final ProducerOperations rocketmq;

    OrderController(ProducerOperations rocketmq) {
        this.rocketmq = rocketmq;
    }

    /** Publishes an order synchronously, tagged {@code created}, keyed by its id. */
    @PostMapping("/orders")
    Map<String, Object> create(@RequestBody Order order) {
        // typed as a payload: send(String, Message) is Spring's, which returns no result
        Object message =
                MessageBuilder.withPayload(order)
                        .setHeader(RocketMQHeaders.KEYS, order.orderId())
                        .build();
        return describe(this.rocketmq.send(SampleApplication.ORDERS + ":created", message));
    }

    /** Publishes an order without blocking the request thread. */
    @PostMapping("/orders/async")
    CompletableFuture<Map<String, Object>> createAsync(@RequestBody Order order) {
        return this.rocketmq
                .sendAsync(SampleApplication.ORDERS + ":created", order)
                .thenApply(OrderController::describe);
    }

    /** Publishes an order event in per-customer order: one customer's events share a queue. */
    @PostMapping("/orders/orderly")
    Map<String, Object> createOrderly(@RequestBody Order order) {
        return describe(
                this.rocketmq.sendOrderly(
                        SampleApplication.ORDERS + ":created", order, order.customerId()));
    }

    /** Publishes a payment reminder that consumers see only after the delay. */
    @PostMapping("/reminders")
    Map<String, Object> remind(
            @RequestBody Order order, @RequestParam(defaultValue = "10") long delaySeconds) {
        return describe(
                this.rocketmq.sendDelayed(
                        SampleApplication.REMINDERS + ":payment",
                        order,
                        Duration.ofSeconds(delaySeconds)));
    }

    private static Map<String, Object> describe(SendResult result) {
        return Map.of(
                "status", result.status(),
                "messageId", result.messageId(),
                "topic", result.queue().topic(),
                "broker", result.queue().brokerName(),
                "queueId", result.queue().queueId(),
                "queueOffset", result.queueOffset());
    }
}
