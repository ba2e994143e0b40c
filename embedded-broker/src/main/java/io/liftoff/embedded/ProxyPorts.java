package io.liftoff.embedded;

/**
 * The two listeners of one Proxy on 127.0.0.1, chosen once so that a restart finds them again.
 *
 * @param remoting the remoting protocol's port, the one Liftoff and the official remoting clients
 *     use
 * @param grpc the gRPC port, for the 5.x gRPC clients
 */
record ProxyPorts(int remoting, int grpc) {

    /** Two free ports. */
    static ProxyPorts free() {
        int remoting = FreePorts.one();
        int grpc = FreePorts.one();
        while (grpc == remoting) {
            grpc = FreePorts.one();
        }
        return new ProxyPorts(remoting, grpc);
    }

    String remotingAddress() {
        return "127.0.0.1:" + remoting;
    }

    String grpcAddress() {
        return "127.0.0.1:" + grpc;
    }
}
