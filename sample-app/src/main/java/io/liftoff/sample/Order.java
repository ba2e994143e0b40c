package io.liftoff.sample;

/**
 * An order as the shop's REST API takes it and as it is published (JSON).
 *
 * @param orderId the order's id, used as the message key
 * @param customerId the customer, used as the sharding key of ordered events
 * @param amount the amount in cents
 */
public record Order(String orderId, String customerId, long amount) {}
