package io.liftoff.producer.internal.remoting;

import io.liftoff.producer.HeaderSerialization;
import java.util.Collections;
import java.util.Map;

/**
 * Collects the fields of a {@link Command} being decoded or derived; not thread-safe. The builder
 * hands its map to the command without copying, so it must not be reused after {@link #build()}
 * unless {@link #reset()} first: a frame decoder reuses one per channel, an object less per frame.
 */
final class CommandBuilder {
    private int code;
    private int language;
    private int version;
    private int opaque;
    private int flags;
    private String remark;
    private Map<String, String> extFields;
    private WritableHeaderFields writableFields;
    private byte[] body;
    private WritableBody writableBody;
    private HeaderSerialization serialization;

    /** A builder with every field at its default ({@link #reset()}). */
    CommandBuilder() {
        reset();
    }

    CommandBuilder code(int code) {
        this.code = code;
        return this;
    }

    CommandBuilder language(int language) {
        this.language = language;
        return this;
    }

    CommandBuilder version(int version) {
        this.version = version;
        return this;
    }

    CommandBuilder opaque(int opaque) {
        this.opaque = opaque;
        return this;
    }

    CommandBuilder flags(int flags) {
        this.flags = flags;
        return this;
    }

    CommandBuilder remark(String remark) {
        this.remark = remark;
        return this;
    }

    CommandBuilder extFields(Map<String, String> extFields) {
        this.extFields = extFields;
        return this;
    }

    CommandBuilder writableFields(WritableHeaderFields writableFields) {
        this.writableFields = writableFields;
        return this;
    }

    CommandBuilder body(byte[] body) {
        this.body = body;
        return this;
    }

    CommandBuilder writableBody(WritableBody writableBody) {
        this.writableBody = writableBody;
        return this;
    }

    CommandBuilder serialization(HeaderSerialization serialization) {
        this.serialization = serialization;
        return this;
    }

    Command build() {
        return new Command(this);
    }

    /** Sets every field back to its default, to collect another command's. */
    CommandBuilder reset() {
        code = 0;
        language = LanguageCodes.JAVA;
        version = 0;
        opaque = 0;
        flags = 0;
        remark = null;
        extFields = Collections.emptyMap();
        writableFields = null;
        body = null;
        writableBody = null;
        serialization = null;
        return this;
    }

    int code() {
        return code;
    }

    int language() {
        return language;
    }

    int version() {
        return version;
    }

    int opaque() {
        return opaque;
    }

    int flags() {
        return flags;
    }

    String remark() {
        return remark;
    }

    Map<String, String> extFields() {
        return extFields;
    }

    WritableHeaderFields writableFields() {
        return writableFields;
    }

    byte[] body() {
        return body;
    }

    WritableBody writableBody() {
        return writableBody;
    }

    HeaderSerialization serialization() {
        return serialization;
    }
}
