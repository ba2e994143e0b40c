package io.liftoff.producer.internal.remoting;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.liftoff.producer.HeaderSerialization;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.handler.codec.EncoderException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * The JSON header (serialization type 0). Writes with jackson-core's generator (no reflection, no
 * tree) the fields in the alphabetical order fastjson uses and leaves out null remark and empty
 * extFields, as the official client does. Reads with {@link JsonHeaderReader}, leniently as
 * fastjson does.
 */
final class JsonHeaderCodec implements HeaderCodec {

    static final JsonHeaderCodec INSTANCE = new JsonHeaderCodec();

    // Netty owns the buffers, so the generator must not close them.
    private final JsonFactory factory =
            JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private JsonHeaderCodec() {}

    @Override
    public void encode(Command command, ByteBuf out) {
        try (JsonGenerator json =
                factory.createGenerator(
                        (OutputStream) new ByteBufOutputStream(out), JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeNumberField("code", command.code());
            if (!command.extFields().isEmpty()) {
                json.writeObjectFieldStart("extFields");
                for (Map.Entry<String, String> field : command.extFields().entrySet()) {
                    json.writeStringField(field.getKey(), field.getValue());
                }
                json.writeEndObject();
            }
            json.writeNumberField("flag", command.flags());
            String language = LanguageCodes.name(command.language());
            if (language != null) {
                json.writeStringField("language", language);
            } else {
                // fastjson reads an enum from its ordinal too, so an unnamed code still travels.
                json.writeNumberField("language", command.language());
            }
            json.writeNumberField("opaque", command.opaque());
            if (command.remark() != null) {
                json.writeStringField("remark", command.remark());
            }
            json.writeStringField("serializeTypeCurrentRPC", HeaderSerialization.JSON.name());
            json.writeNumberField("version", command.version());
            json.writeEndObject();
        } catch (IOException e) {
            throw new EncoderException("cannot write the JSON header of " + command, e);
        }
    }

    @Override
    public void decode(ByteBuf in, int length, CommandBuilder into) {
        JsonHeaderReader.read(in, length, into);
    }
}
