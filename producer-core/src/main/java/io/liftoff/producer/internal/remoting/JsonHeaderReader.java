package io.liftoff.producer.internal.remoting;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.CorruptedFrameException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON header where it lies in the frame: the one flat object of a remoting command. Reads
 * leniently, as fastjson does: any field order, unknown fields of any shape skipped, the language
 * as name or ordinal, and numbers or booleans in extFields taken as their text; anything that is
 * not JSON is refused. Allocates the header's strings and nothing else, and not even those for the
 * names and values every send answer repeats ({@link SharedHeaderTexts}): brokers answer sends in
 * JSON, and a general parser's set-up per frame cost more than the header it read.
 *
 * <p>One instance per header; not thread-safe.
 */
final class JsonHeaderReader {

    /** The header's own fields, in the order of {@link #readField}'s cases. */
    private static final String[] FIELDS = {
        "code", "language", "version", "opaque", "flag", "remark", "extFields"
    };

    /**
     * How deep unknown fields may nest: a bound, so that hostile bytes cannot exhaust the stack.
     */
    private static final int MAX_DEPTH = 64;

    /** A send answer's six fields: the array's first size, regrown for more. */
    private static final int EXPECTED_FIELDS = 6;

    private final ByteBuf in;
    private final int start;
    private final int end;
    private int position;

    // Whether the number token read last has neither fraction nor exponent.
    private boolean numberIsInteger;

    // The string token read last: where its content starts, its length, and whether it has escapes.
    private int textStart;
    private int textLength;
    private boolean textEscaped;

    private JsonHeaderReader(ByteBuf in, int end) {
        this.in = in;
        this.start = in.readerIndex();
        this.end = end;
        this.position = start;
    }

    /**
     * Reads the header in the {@code length} bytes of {@code in} from its reader index into {@code
     * into}, and moves the reader index past them.
     *
     * @throws CorruptedFrameException if those bytes are not one JSON object of a header
     */
    static void read(ByteBuf in, int length, CommandBuilder into) {
        JsonHeaderReader reader = new JsonHeaderReader(in, in.readerIndex() + length);
        reader.readHeader(into);
        in.readerIndex(reader.end);
    }

    private void readHeader(CommandBuilder builder) {
        skipSpace();
        if (position == end || in.getByte(position) != '{') {
            throw new CorruptedFrameException("JSON header is not an object");
        }
        position++;
        if (!closes('}')) {
            do {
                readField(builder);
            } while (nextMember('}'));
        }
        skipSpace();
        if (position != end) {
            throw new CorruptedFrameException("JSON header has content after its object");
        }
    }

    private void readField(CommandBuilder builder) {
        readString();
        int field =
                textEscaped
                        ? List.of(FIELDS).indexOf(text())
                        : SharedHeaderTexts.indexOf(FIELDS, in, textStart, textLength);
        expect(':');
        switch (field) {
            case 0 -> builder.code(intValue("code"));
            case 1 -> builder.language(language());
            case 2 -> builder.version(intValue("version"));
            case 3 -> builder.opaque(intValue("opaque"));
            case 4 -> builder.flags(intValue("flag"));
            case 5 -> builder.remark(remark());
            case 6 -> builder.extFields(extFields());
            // serializeTypeCurrentRPC is informational: the frame's header-info word decides.
            default -> skipValue(0);
        }
    }

    private int intValue(String field) {
        byte first = peek();
        if (first != '-' && !isDigit(first)) {
            throw notA("an integer", field);
        }
        int number = position;
        if (!readNumber()) {
            throw new CorruptedFrameException(
                    "JSON header field '"
                            + field
                            + "' must be an integer, not "
                            + ascii(number, position - number));
        }
        boolean negative = first == '-';
        long value = 0;
        for (int i = negative ? number + 1 : number; i < position; i++) {
            value = value * 10 + (in.getByte(i) - '0');
            if (value > (long) Integer.MAX_VALUE + 1) {
                break;
            }
        }
        value = negative ? -value : value;
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new CorruptedFrameException(
                    "JSON header field '"
                            + field
                            + "' does not fit an int32: "
                            + ascii(number, position - number));
        }
        return (int) value;
    }

    private String remark() {
        return switch (peek()) {
            case 'n' -> literal("null", null);
            case '"' -> {
                readString();
                yield text();
            }
            default -> throw notA("a string", "remark");
        };
    }

    private int language() {
        byte first = peek();
        if (first == 'n') {
            return literal("null", LanguageCodes.JAVA);
        }
        if (first == '"') {
            readString();
            return textEscaped
                    ? LanguageCodes.code(text())
                    : LanguageCodes.code(in, textStart, textLength);
        }
        if (first == '-' || isDigit(first)) {
            return intValue("language");
        }
        throw notA("a name or an ordinal", "language");
    }

    private Map<String, String> extFields() {
        byte first = peek();
        if (first == 'n') {
            return literal("null", HeaderFields.builder(0).build());
        }
        if (first != '{') {
            throw notA("an object", "extFields");
        }
        position++;
        DecodedExtFields fields = new DecodedExtFields(EXPECTED_FIELDS);
        if (closes('}')) {
            return fields.fields();
        }
        do {
            readString();
            String name = sharedText(SharedHeaderTexts.name(in, textStart, textLength));
            expect(':');
            String value = scalarText(name);
            if (value != null) {
                fields.put(name, value);
            } else {
                // A null value means the field is absent, as it does in the binary header.
                fields.remove(name);
            }
        } while (nextMember('}'));
        return fields.fields();
    }

    /** The text of an extFields value; {@code null} for a JSON null. */
    private String scalarText(String name) {
        byte first = peek();
        switch (first) {
            case '"' -> {
                readString();
                return sharedText(SharedHeaderTexts.value(in, textStart, textLength));
            }
            case 't' -> {
                return literal("true", "true");
            }
            case 'f' -> {
                return literal("false", "false");
            }
            case 'n' -> {
                return literal("null", null);
            }
            default -> {
                if (first != '-' && !isDigit(first)) {
                    throw new CorruptedFrameException(
                            "extFields value of '"
                                    + name
                                    + "' must be a scalar, not "
                                    + describeToken());
                }
                int number = position;
                readNumber();
                String shared = SharedHeaderTexts.value(in, number, position - number);
                return shared != null ? shared : ascii(number, position - number);
            }
        }
    }

    /** Skips a value of any shape, checking that it is JSON. */
    private void skipValue(int depth) {
        switch (peek()) {
            case '"' -> readString();
            case 't' -> literal("true", null);
            case 'f' -> literal("false", null);
            case 'n' -> literal("null", null);
            case '{' -> {
                enter(depth);
                if (!closes('}')) {
                    do {
                        readString();
                        expect(':');
                        skipValue(depth + 1);
                    } while (nextMember('}'));
                }
            }
            case '[' -> {
                enter(depth);
                if (!closes(']')) {
                    do {
                        skipValue(depth + 1);
                    } while (nextMember(']'));
                }
            }
            default -> {
                if (!readNumberIfAny()) {
                    throw malformed("unexpected " + describeToken());
                }
            }
        }
    }

    private void enter(int depth) {
        if (depth >= MAX_DEPTH) {
            throw malformed("it nests deeper than " + MAX_DEPTH + " levels");
        }
        position++;
    }

    /** Reads a number token; returns whether it is an integer (no fraction, no exponent). */
    private boolean readNumber() {
        if (!readNumberIfAny()) {
            throw malformed("a number has no digits at byte " + position);
        }
        return numberIsInteger;
    }

    private boolean readNumberIfAny() {
        int number = position;
        if (position < end && in.getByte(position) == '-') {
            position++;
        }
        if (!skipDigits()) {
            position = number;
            return false;
        }
        numberIsInteger = true;
        if (position < end && in.getByte(position) == '.') {
            position++;
            numberIsInteger = false;
            if (!skipDigits()) {
                throw malformed("a number has no digits after its point");
            }
        }
        if (position < end && (in.getByte(position) == 'e' || in.getByte(position) == 'E')) {
            position++;
            numberIsInteger = false;
            if (position < end && (in.getByte(position) == '+' || in.getByte(position) == '-')) {
                position++;
            }
            if (!skipDigits()) {
                throw malformed("a number has no digits in its exponent");
            }
        }
        return true;
    }

    private boolean skipDigits() {
        int first = position;
        while (position < end && isDigit(in.getByte(position))) {
            position++;
        }
        return position > first;
    }

    /**
     * Reads the string token at the cursor, which must be one, and remembers where its content
     * lies.
     */
    private void readString() {
        expect('"');
        textStart = position;
        textEscaped = false;
        while (true) {
            if (position >= end) {
                throw malformed("a string is not closed");
            }
            byte next = in.getByte(position);
            if (next == '"') {
                break;
            }
            if (next == '\\') {
                textEscaped = true;
                position += 2;
            } else if (next >= 0 && next < 0x20) {
                throw malformed("a string holds control character " + next + " unescaped");
            } else {
                position++;
            }
        }
        textLength = position - textStart;
        position++;
    }

    /** The string token read last, or {@code shared} when given and the token has no escapes. */
    private String sharedText(String shared) {
        return shared != null && !textEscaped ? shared : text();
    }

    /** The content of the string token read last, escapes resolved. */
    private String text() {
        if (!textEscaped) {
            return in.toString(textStart, textLength, StandardCharsets.UTF_8);
        }
        StringBuilder text = new StringBuilder(textLength);
        int textEnd = textStart + textLength;
        int run = textStart;
        int i = textStart;
        while (i < textEnd) {
            if (in.getByte(i) != '\\') {
                i++;
                continue;
            }
            // Escapes are ASCII, so a run between them never splits a UTF-8 sequence.
            text.append(in.toString(run, i - run, StandardCharsets.UTF_8));
            byte escaped = in.getByte(i + 1);
            i += 2;
            switch (escaped) {
                case '"', '\\', '/' -> text.append((char) escaped);
                case 'b' -> text.append('\b');
                case 'f' -> text.append('\f');
                case 'n' -> text.append('\n');
                case 'r' -> text.append('\r');
                case 't' -> text.append('\t');
                case 'u' -> {
                    text.append(hexChar(i, textEnd));
                    i += 4;
                }
                default -> throw malformed("a string has the unknown escape \\" + (char) escaped);
            }
            run = i;
        }
        return text.append(in.toString(run, textEnd - run, StandardCharsets.UTF_8)).toString();
    }

    private char hexChar(int digits, int textEnd) {
        if (textEnd - digits < 4) {
            throw malformed("a \\u escape has fewer than 4 hex digits");
        }
        int value = 0;
        for (int i = digits; i < digits + 4; i++) {
            int digit = Character.digit(in.getByte(i), 16);
            if (digit < 0) {
                throw malformed("a \\u escape has a character that is not a hex digit");
            }
            value = value << 4 | digit;
        }
        return (char) value;
    }

    private <T> T literal(String word, T value) {
        if (end - position < word.length()) {
            throw malformed("unexpected " + describeToken());
        }
        for (int i = 0; i < word.length(); i++) {
            if (in.getByte(position + i) != word.charAt(i)) {
                throw malformed("unexpected " + describeToken());
            }
        }
        position += word.length();
        return value;
    }

    /** Skips whitespace, then reads a {@code close} if it is next. */
    private boolean closes(char close) {
        if (peek() == close) {
            position++;
            return true;
        }
        return false;
    }

    /** After a member: reads a comma (another member follows) or {@code close} (none does). */
    private boolean nextMember(char close) {
        byte next = peek();
        position++;
        if (next == ',') {
            return true;
        }
        if (next == close) {
            return false;
        }
        position--;
        throw malformed("expected ',' or '" + close + "', found " + describeToken());
    }

    private void expect(char expected) {
        if (peek() != expected) {
            throw malformed("expected '" + expected + "', found " + describeToken());
        }
        position++;
    }

    /** Skips whitespace and returns the next byte, which must be there. */
    private byte peek() {
        skipSpace();
        if (position >= end) {
            throw malformed("it ends early");
        }
        return in.getByte(position);
    }

    private void skipSpace() {
        while (position < end) {
            byte next = in.getByte(position);
            if (next != ' ' && next != '\n' && next != '\r' && next != '\t') {
                return;
            }
            position++;
        }
    }

    private CorruptedFrameException notA(String what, String field) {
        return new CorruptedFrameException(
                "JSON header field '" + field + "' must be " + what + ", not " + describeToken());
    }

    private CorruptedFrameException malformed(String problem) {
        return new CorruptedFrameException(
                "malformed JSON header: "
                        + problem
                        + " (at byte "
                        + (position - start)
                        + " of the header)");
    }

    /** The token at the cursor as error text: up to 32 bytes, to the next delimiter. */
    private String describeToken() {
        if (position >= end) {
            return "the end of the header";
        }
        byte first = in.getByte(position);
        if (first == '{' || first == '[') {
            return String.valueOf((char) first);
        }
        int stop = position + 1;
        while (stop < end && stop - position < 32 && !isDelimiter(in.getByte(stop))) {
            stop++;
        }
        return in.toString(position, stop - position, StandardCharsets.UTF_8);
    }

    private String ascii(int from, int length) {
        return in.toString(from, length, StandardCharsets.US_ASCII);
    }

    private static boolean isDelimiter(byte next) {
        return next == ',' || next == '}' || next == ']' || next == ':' || next == ' ';
    }

    private static boolean isDigit(byte next) {
        return next >= '0' && next <= '9';
    }
}
