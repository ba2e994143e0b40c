package io.liftoff.producer.internal.remoting;

import io.liftoff.producer.HeaderSerialization;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable remoting command: a request or a response, with its header fields, its {@code
 * extFields} and its body.
 *
 * <p>Instances are safe to share between threads. The body array is handed over, not copied, so
 * that message bytes are copied only once, into the frame's direct buffer: whoever passes an array
 * in must not change it afterwards, and whoever reads {@link #body()} must not change it either. A
 * request may instead carry a {@link WritableBody}, e.g. a view of a message's bytes, which goes
 * into the frame without any copy before it.
 *
 * <p>Commands built with {@link #request} or {@link #response} carry opaque 0 and version 0; the
 * {@link RemotingClient} assigns the opaque and stamps its configured protocol version when it
 * sends them.
 */
public final class Command {

    /** Flag bit 0: the command is a response. */
    static final int FLAG_RESPONSE = 1;

    /** Flag bit 1: the request is oneway, and the receiver never answers. */
    static final int FLAG_ONEWAY = 1 << 1;

    private final int code;
    private final int language;
    private final int version;
    private final int opaque;
    private final int flags;
    private final String remark;
    private final Map<String, String> extFields;
    // set instead of extFields when the fields write themselves into a binary header
    private final WritableHeaderFields writableFields;
    private final byte[] body;
    // set instead of body when the body writes itself into the frame
    private final WritableBody writableBody;
    private final HeaderSerialization serialization;

    Command(CommandBuilder builder) {
        this.code = builder.code();
        this.language = builder.language();
        this.version = builder.version();
        this.opaque = builder.opaque();
        this.flags = builder.flags();
        this.remark = builder.remark();
        Map<String, String> fields = builder.extFields();
        if (fields.isEmpty()) {
            this.extFields = Collections.emptyMap();
        } else if (fields instanceof HeaderFields) {
            this.extFields = fields;
        } else {
            this.extFields = Collections.unmodifiableMap(fields);
        }
        this.writableFields = builder.writableFields();
        this.body = builder.body();
        this.writableBody = builder.writableBody();
        this.serialization = builder.serialization();
    }

    /**
     * A request whose fields write themselves, built without a {@link CommandBuilder}: on the send
     * path the builder was not scalar-replaced, an object per send.
     */
    private Command(int code, WritableHeaderFields writableFields, WritableBody writableBody) {
        this.code = code;
        this.language = LanguageCodes.JAVA;
        this.version = 0;
        this.opaque = 0;
        this.flags = 0;
        this.remark = null;
        this.extFields = Collections.emptyMap();
        this.writableFields = writableFields;
        this.body = null;
        this.writableBody = writableBody;
        this.serialization = null;
    }

    /**
     * Builds a two-way request.
     *
     * @param code the request code, e.g. 310 for SEND_MESSAGE_V2
     * @param extFields the header fields; copied (unless they are {@link HeaderFields}, which are
     *     immutable and shared), insertion order kept; may be empty; must not be {@code null} and
     *     must hold no {@code null} key or value
     * @param body the body, or {@code null} for none; not copied
     * @return the request
     * @throws IllegalArgumentException if {@code extFields} is {@code null} or holds a {@code null}
     */
    public static Command request(int code, Map<String, String> extFields, byte[] body) {
        return new CommandBuilder().code(code).extFields(copyOf(extFields)).body(body).build();
    }

    /**
     * Builds a two-way request whose body is a view of bytes that stay unchanged, e.g. a message's
     * body, so that it is not copied before it goes into the frame.
     *
     * @param code the request code
     * @param extFields the header fields, as for {@link #request(int, Map, byte[])}
     * @param body the body from its position to its limit; not copied, and its position is never
     *     moved; whoever passes it in must not change its bytes afterwards
     * @return the request
     * @throws IllegalArgumentException if {@code extFields} is {@code null} or holds a {@code null}
     *     name or value, or {@code body} is {@code null}
     */
    public static Command requestWithBodyView(
            int code, Map<String, String> extFields, ByteBuffer body) {
        return new CommandBuilder()
                .code(code)
                .extFields(copyOf(extFields))
                .writableBody(WritableBody.of(body))
                .build();
    }

    /**
     * Builds a two-way request whose fields and body write themselves into the frame. A send takes
     * this path: its header goes into the frame without a map of strings first, and its body
     * without a copy before it.
     *
     * @param code the request code
     * @param fields the header fields; {@link #extFields()} is their {@link
     *     WritableHeaderFields#toExtFields()}
     * @param body the body
     * @return the request
     * @throws IllegalArgumentException if {@code fields} or {@code body} is {@code null}
     */
    public static Command requestWithBody(
            int code, WritableHeaderFields fields, WritableBody body) {
        if (fields == null) {
            throw new IllegalArgumentException("fields must not be null; pass the header to send");
        }
        if (body == null) {
            throw new IllegalArgumentException("body must not be null; pass the bytes to send");
        }
        return new Command(code, fields, body);
    }

    /**
     * Builds a response, as returned by a {@link RequestHandler}.
     *
     * @param code the response code, e.g. 0 for SUCCESS
     * @param remark the remark (usually error text), or {@code null}
     * @param extFields the header fields; copied, insertion order kept; may be empty; must not be
     *     {@code null} and must hold no {@code null} key or value
     * @param body the body, or {@code null} for none; not copied
     * @return the response
     * @throws IllegalArgumentException if {@code extFields} is {@code null} or holds a {@code null}
     */
    public static Command response(
            int code, String remark, Map<String, String> extFields, byte[] body) {
        return new CommandBuilder()
                .code(code)
                .flags(FLAG_RESPONSE)
                .remark(remark)
                .extFields(copyOf(extFields))
                .body(body)
                .build();
    }

    /**
     * Returns a copy carrying the identity it gets on the wire: the opaque that matches a response
     * to its request, the sender's protocol version and the flag bits.
     */
    public Command stamped(int opaque, int version, int flags) {
        return new Command(this, opaque, version, flags);
    }

    /**
     * A copy with another wire identity, built without a {@link CommandBuilder}: every request is
     * stamped, and the builder was not scalar-replaced there. The map is already unmodifiable, so
     * the copy shares it.
     */
    private Command(Command source, int opaque, int version, int flags) {
        this.code = source.code;
        this.language = source.language;
        this.version = version;
        this.opaque = opaque;
        this.flags = flags;
        this.remark = source.remark;
        this.extFields = source.extFields;
        this.writableFields = source.writableFields;
        this.body = source.body;
        this.writableBody = source.writableBody;
        this.serialization = source.serialization;
    }

    /**
     * Returns a copy with other header fields, e.g. those of a signed request.
     *
     * @param fields the new fields, handed over without a copy: the caller must not keep them
     */
    Command withExtFields(Map<String, String> fields) {
        return new CommandBuilder()
                .code(code)
                .language(language)
                .version(version)
                .opaque(opaque)
                .flags(flags)
                .remark(remark)
                .extFields(Collections.unmodifiableMap(fields))
                .body(body)
                .writableBody(writableBody)
                .serialization(serialization)
                .build();
    }

    /** Returns the request code of a request, or the response code of a response. */
    public int code() {
        return code;
    }

    /** Returns the sender's {@code LanguageCode} as a number (0 = JAVA). */
    public int language() {
        return language;
    }

    /** Returns the sender's protocol version ({@code MQVersion} ordinal, e.g. 479 for 5.3.3). */
    public int version() {
        return version;
    }

    /** Returns the id that matches a response to its request. */
    public int opaque() {
        return opaque;
    }

    /** Returns the flag bits: bit 0 = response, bit 1 = oneway. */
    public int flags() {
        return flags;
    }

    /** Returns the remark (usually error text), or {@code null} if there is none. */
    public String remark() {
        return remark;
    }

    /**
     * Returns the header fields.
     *
     * @return an unmodifiable map in insertion (or wire) order, built anew on each call for fields
     *     that write themselves; never {@code null}
     */
    public Map<String, String> extFields() {
        return writableFields != null ? writableFields.toExtFields() : extFields;
    }

    /** Returns the fields that write themselves into a binary header, or {@code null}. */
    WritableHeaderFields writableFields() {
        return writableFields;
    }

    /**
     * Returns one header field.
     *
     * @param name the field name
     * @return the value, or {@code null} if the field is absent
     */
    public String extField(String name) {
        return extFields().get(name);
    }

    /**
     * Returns the body without copying it; callers must not modify the array. A request built with
     * a {@link WritableBody} returns a copy of its bytes.
     *
     * @return the body, or {@code null} if the command has none
     */
    public byte[] body() {
        if (writableBody == null) {
            return body;
        }
        // Room to grow: a body may reserve more than it writes (Netty's UTF-8 writer does).
        ByteBuf copy = Unpooled.buffer(writableBody.length());
        writeBodyTo(copy);
        return ByteBufUtil.getBytes(copy);
    }

    /** Returns the body as a buffer of its own position; {@code null} for none. */
    ByteBuffer bodyBuffer() {
        if (writableBody instanceof BodyView view) {
            return view.duplicate();
        }
        if (writableBody instanceof ArrayBody array) {
            return array.buffer();
        }
        byte[] bytes = body();
        return bytes == null ? null : ByteBuffer.wrap(bytes);
    }

    /** The number of body bytes, 0 for none. */
    int bodyLength() {
        if (writableBody != null) {
            return writableBody.length();
        }
        return body == null ? 0 : body.length;
    }

    /** Writes the body, if any, to {@code out} without copying it first. */
    void writeBodyTo(ByteBuf out) {
        if (writableBody != null) {
            int start = out.writerIndex();
            writableBody.writeTo(out);
            // The frame's length word was written from length(): a body that wrote otherwise
            // would corrupt the stream, so it fails this request instead.
            if (out.writerIndex() - start != writableBody.length()) {
                throw new IllegalStateException(
                        "body wrote "
                                + (out.writerIndex() - start)
                                + " bytes, not the "
                                + writableBody.length()
                                + " it announced: "
                                + writableBody);
            }
        } else if (body != null) {
            out.writeBytes(body);
        }
    }

    /** Returns whether flag bit 0 is set, i.e. this command answers a request. */
    public boolean isResponse() {
        return (flags & FLAG_RESPONSE) != 0;
    }

    /** Returns whether flag bit 1 is set, i.e. the receiver must not answer. */
    public boolean isOneway() {
        return (flags & FLAG_ONEWAY) != 0;
    }

    /**
     * Returns the header serialization this command arrived in.
     *
     * @return the serialization of a decoded command; {@code null} for one built locally
     */
    public HeaderSerialization serialization() {
        return serialization;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Command that)) {
            return false;
        }
        return code == that.code
                && language == that.language
                && version == that.version
                && opaque == that.opaque
                && flags == that.flags
                && Objects.equals(remark, that.remark)
                && extFields().equals(that.extFields())
                && Arrays.equals(body(), that.body())
                && serialization == that.serialization;
    }

    @Override
    public int hashCode() {
        int result = Objects.hash(code, language, version, opaque, flags, remark, extFields());
        return 31 * result + Arrays.hashCode(body());
    }

    @Override
    public String toString() {
        return "Command[code="
                + code
                + ", opaque="
                + opaque
                + ", flags="
                + flags
                + ", version="
                + version
                + ", language="
                + language
                + ", remark="
                + remark
                + ", extFields="
                + extFields()
                + ", body="
                + (body == null && writableBody == null ? "none" : bodyLength() + " bytes")
                + ", serialization="
                + serialization
                + "]";
    }

    private static Map<String, String> copyOf(Map<String, String> extFields) {
        if (extFields == null) {
            throw new IllegalArgumentException(
                    "extFields must not be null; pass an empty map for no header fields");
        }
        if (extFields instanceof HeaderFields immutable) {
            // Null-free and unchangeable by construction: nothing to check, nothing to copy.
            return immutable;
        }
        Map<String, String> copy = new LinkedHashMap<>(extFields);
        copy.forEach(
                (name, value) -> {
                    if (name == null || value == null) {
                        throw HeaderFields.nullField(name, value);
                    }
                });
        return copy;
    }
}
