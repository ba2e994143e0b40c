package io.liftoff.bench.e2e;

/** One client under test, reduced to the two ways the load driver sends. */
interface Publisher extends AutoCloseable {

    /** Told once how an async send ended; may run on any thread. */
    @FunctionalInterface
    interface Completion {
        /**
         * @param failure {@code null} if the broker stored the message with SEND_OK, else why not
         */
        void completed(Throwable failure);
    }

    /**
     * Sends one message with {@code body} and waits for the broker's answer.
     *
     * @throws Exception if the send failed or the message was not stored with SEND_OK
     */
    void sendSync(byte[] body) throws Exception;

    /** Sends one message with {@code body}; {@code done} learns the outcome. Never blocks long. */
    void sendAsync(byte[] body, Completion done);

    @Override
    void close();

    /** The failure of a send the broker answered with another status than SEND_OK. */
    static IllegalStateException notStored(Object status) {
        return new IllegalStateException("stored with status " + status + ", not SEND_OK");
    }
}
