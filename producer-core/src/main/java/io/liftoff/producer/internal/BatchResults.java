package io.liftoff.producer.internal;

import io.liftoff.producer.ProducerException;
import io.liftoff.producer.SendResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits the broker's answer to one batch request into a result per message: the broker stores a
 * batch's messages at consecutive queue offsets and answers with their offset ids comma-joined.
 */
final class BatchResults {

    private BatchResults() {}

    /**
     * @param part the batch part that was sent
     * @param stored the broker's answer, its ids comma-joined
     * @return one result per message of {@code part}, in order
     */
    static List<SendResult> perMessage(PreparedMessage part, SendResult stored) {
        String[] offsetIds = stored.offsetMessageId().split(",");
        List<String> ids = part.batchIds();
        if (offsetIds.length != ids.size()) {
            throw new ProducerException(
                    "broker stored "
                            + offsetIds.length
                            + " messages of a batch of "
                            + ids.size()
                            + " in queue "
                            + stored.queue());
        }
        List<SendResult> results = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            results.add(
                    new SendResult(
                            stored.status(),
                            ids.get(i),
                            offsetIds[i],
                            stored.queue(),
                            stored.queueOffset() + i,
                            null,
                            stored.region(),
                            null));
        }
        return results;
    }
}
