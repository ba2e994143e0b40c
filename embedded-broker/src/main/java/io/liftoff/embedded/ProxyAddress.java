package io.liftoff.embedded;

/**
 * Where one RocketMQ 5.x Proxy of an {@link EmbeddedRocketMQ} listens.
 *
 * @param remoting {@code 127.0.0.1:port} of its remoting listener: the address a remoting client
 *     (Liftoff, the official 4.x/5.x client) takes as its name server
 * @param grpc {@code 127.0.0.1:port} of its gRPC listener, for the 5.x gRPC clients
 */
public record ProxyAddress(String remoting, String grpc) {}
