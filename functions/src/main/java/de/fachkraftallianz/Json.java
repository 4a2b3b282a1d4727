package de.fachkraftallianz;

import software.amazon.awssdk.thirdparty.jackson.core.JsonFactory;
import software.amazon.awssdk.thirdparty.jackson.core.JsonGenerator;
import software.amazon.awssdk.thirdparty.jackson.core.JsonParser;
import software.amazon.awssdk.thirdparty.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON as plain maps, lists, strings, numbers and booleans, on Jackson's streaming core; a key repeated within one
 * object is refused. The function needs
 * nothing more (events, form definitions, responses, log lines), and the streaming core alone starts measurably
 * faster than a data-binding layer on top of it (see the benchmark in local/).
 */
public final class Json {

    /** Strict: a key given twice in one object is an error, not "the last one wins". */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(software.amazon.awssdk.thirdparty.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private Json() {
    }

    /** Reads one JSON value; throws IOException (Jackson's parse exceptions are IOExceptions) if it is not JSON. */
    public static Object read(InputStream in) throws IOException {
        try (JsonParser parser = FACTORY.createParser(in)) {
            return readDocument(parser);
        }
    }

    public static Object read(byte[] json) throws IOException {
        try (JsonParser parser = FACTORY.createParser(json)) {
            return readDocument(parser);
        }
    }

    /** Reads a JSON object; anything else is an IOException. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> readObject(InputStream in) throws IOException {
        Object value = read(in);
        if (!(value instanceof Map)) {
            throw new IOException("JSON object expected");
        }
        return (Map<String, Object>) value;
    }

    private static Object readDocument(JsonParser parser) throws IOException {
        if (parser.nextToken() == null) {
            throw new IOException("empty JSON");
        }
        Object value = readValue(parser);
        if (parser.nextToken() != null) {
            throw new IOException("trailing content after JSON value");
        }
        return value;
    }

    private static Object readValue(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT: {
                Map<String, Object> object = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.put(name, readValue(parser));
                }
                return object;
            }
            case START_ARRAY: {
                List<Object> array = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(readValue(parser));
                }
                return array;
            }
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                return parser.getNumberValue();
            case VALUE_NUMBER_FLOAT:
                return parser.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IOException("unexpected JSON token " + token);
        }
    }

    public static void write(Object value, OutputStream out) throws IOException {
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            writeValue(generator, value);
        }
    }

    public static String write(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try {
            write(value, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void writeValue(JsonGenerator generator, Object value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else if (value instanceof String text) {
            generator.writeString(text);
        } else if (value instanceof Map<?, ?> map) {
            generator.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                generator.writeFieldName(String.valueOf(entry.getKey()));
                writeValue(generator, entry.getValue());
            }
            generator.writeEndObject();
        } else if (value instanceof Iterable<?> items) {
            generator.writeStartArray();
            for (Object item : items) {
                writeValue(generator, item);
            }
            generator.writeEndArray();
        } else if (value instanceof Boolean bool) {
            generator.writeBoolean(bool);
        } else if (value instanceof Integer || value instanceof Long) {
            generator.writeNumber(((Number) value).longValue());
        } else if (value instanceof Number number) {
            generator.writeNumber(number.doubleValue());
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }
}
