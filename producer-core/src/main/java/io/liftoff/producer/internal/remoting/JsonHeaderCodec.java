package io.liftoff.producer.internal.remoting;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.liftoff.producer.HeaderSerialization;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.EncoderException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * The JSON header (serialization type 0), streamed with jackson-core: no reflection, no tree.
 * Writes the fields in the alphabetical order fastjson uses and leaves out null remark and empty
 * extFields, as the official client does. Reads leniently, as fastjson does: any field order,
 * unknown fields skipped, the language as name or ordinal, and numbers or booleans in extFields
 * taken as their text.
 */
final class JsonHeaderCodec implements HeaderCodec {

    static final JsonHeaderCodec INSTANCE = new JsonHeaderCodec();

    /** A send answer's fields: the array's first size, regrown for more. */
    private static final int EXPECTED_FIELDS = 8;

    // Netty owns the buffers, so the generator and parser must not close them.
    private final JsonFactory factory =
            JsonFactory.builder()
                    .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
                    .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
                    .build();

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
    public CommandBuilder decode(ByteBuf in, int length) {
        try (JsonParser json =
                factory.createParser((InputStream) new ByteBufInputStream(in, length))) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new CorruptedFrameException("JSON header is not an object");
            }
            CommandBuilder builder = new CommandBuilder();
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                json.nextToken();
                readField(json, name, builder);
            }
            if (json.currentToken() != JsonToken.END_OBJECT || json.nextToken() != null) {
                throw new CorruptedFrameException("JSON header has content after its object");
            }
            return builder;
        } catch (IOException e) {
            throw new CorruptedFrameException("malformed JSON header: " + e.getMessage(), e);
        }
    }

    private static void readField(JsonParser json, String name, CommandBuilder builder)
            throws IOException {
        switch (name) {
            case "code" -> builder.code(intValue(json, name));
            case "language" -> builder.language(language(json));
            case "version" -> builder.version(intValue(json, name));
            case "opaque" -> builder.opaque(intValue(json, name));
            case "flag" -> builder.flags(intValue(json, name));
            case "remark" -> builder.remark(stringValue(json, name));
            case "extFields" -> builder.extFields(extFields(json));
            // serializeTypeCurrentRPC is informational: the frame's header-info word decides.
            default -> json.skipChildren();
        }
    }

    private static int intValue(JsonParser json, String name) throws IOException {
        if (json.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw new CorruptedFrameException(
                    "JSON header field '" + name + "' must be an integer, not " + json.getText());
        }
        return json.getIntValue();
    }

    private static String stringValue(JsonParser json, String name) throws IOException {
        return switch (json.currentToken()) {
            case VALUE_NULL -> null;
            case VALUE_STRING -> json.getText();
            default ->
                    throw new CorruptedFrameException(
                            "JSON header field '"
                                    + name
                                    + "' must be a string, not "
                                    + json.getText());
        };
    }

    private static int language(JsonParser json) throws IOException {
        return switch (json.currentToken()) {
            case VALUE_NULL -> LanguageCodes.JAVA;
            case VALUE_STRING -> LanguageCodes.code(json.getText());
            case VALUE_NUMBER_INT -> json.getIntValue();
            default ->
                    throw new CorruptedFrameException(
                            "JSON header field 'language' must be a name or an ordinal, not "
                                    + json.getText());
        };
    }

    private static Map<String, String> extFields(JsonParser json) throws IOException {
        if (json.currentToken() == JsonToken.VALUE_NULL) {
            return HeaderFields.builder(0).build();
        }
        if (json.currentToken() != JsonToken.START_OBJECT) {
            throw new CorruptedFrameException(
                    "JSON header field 'extFields' must be an object, not " + json.getText());
        }
        DecodedExtFields fields = new DecodedExtFields(EXPECTED_FIELDS);
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            switch (json.nextToken()) {
                case VALUE_STRING -> fields.put(name, sharedOrNew(json));
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE ->
                        fields.put(name, json.getText());
                // A null value means the field is absent, as it does in the binary header.
                case VALUE_NULL -> fields.remove(name);
                default ->
                        throw new CorruptedFrameException(
                                "extFields value of '"
                                        + name
                                        + "' must be a scalar, not "
                                        + json.getText());
            }
        }
        return fields.build();
    }

    /** The string value the parser is on, a shared one when it repeats from answer to answer. */
    private static String sharedOrNew(JsonParser json) throws IOException {
        String shared =
                SharedHeaderTexts.of(
                        json.getTextCharacters(), json.getTextOffset(), json.getTextLength());
        return shared != null ? shared : json.getText();
    }
}
