package io.liftoff.producer.internal.protocol;

import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.Map;
import org.apache.rocketmq.remoting.CommandCustomHeader;
import org.apache.rocketmq.remoting.annotation.CFNotNull;
import org.apache.rocketmq.remoting.exception.RemotingCommandException;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;

/** The official remoting codec, as the reference our headers are compared with. */
final class OfficialHeaders {

    private OfficialHeaders() {}

    /** The extFields the official client puts on the wire for the header. */
    static Map<String, String> extFields(int code, CommandCustomHeader header) {
        RemotingCommand command = RemotingCommand.createRequestCommand(code, header);
        command.makeCustomHeaderToNet();
        return new HashMap<>(command.getExtFields());
    }

    /** The header as the official decoder (the broker's) reads it from extFields. */
    static <T extends CommandCustomHeader> T decode(
            int code, Map<String, String> fields, Class<T> type) throws RemotingCommandException {
        RemotingCommand command = RemotingCommand.createRequestCommand(code, null);
        command.setExtFields(new HashMap<>(fields));
        return command.decodeCommandCustomHeader(type);
    }

    /**
     * Whether the official header marks the field {@code @CFNotNull}. The official decoder only
     * logs a missing required field, so the annotation, not the decoder, is the contract to compare
     * with.
     */
    static boolean isRequired(Class<? extends CommandCustomHeader> type, String name) {
        // walks up because some fields, e.g. bname in RpcRequestHeader, live in a superclass
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (field.getName().equals(name)) {
                    return field.isAnnotationPresent(CFNotNull.class);
                }
            }
        }
        throw new IllegalArgumentException(type.getSimpleName() + " has no field " + name);
    }
}
