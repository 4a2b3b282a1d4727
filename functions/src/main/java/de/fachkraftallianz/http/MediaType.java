package de.fachkraftallianz.http;

import java.util.Locale;

/**
 * A Content-Type header read once: the media type without parameters (lower case, "" if none was sent) and its
 * charset parameter (null if none). The one parser of content types, for the functions and the local gateway alike.
 */
public record MediaType(String type, String charset) {

    private static final MediaType NONE = new MediaType("", null);

    public static MediaType parse(String header) {
        if (header == null || header.isBlank()) {
            return NONE;
        }
        String[] parts = header.split(";");
        String charset = null;
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            int equals = parameter.indexOf('=');
            if (equals > 0 && parameter.substring(0, equals).strip().equalsIgnoreCase("charset")) {
                charset = parameter.substring(equals + 1).replace("\"", "").strip();
            }
        }
        return new MediaType(parts[0].strip().toLowerCase(Locale.ROOT), charset);
    }

    public boolean is(String mediaType) {
        return type.equals(mediaType);
    }

    /** No charset, or UTF-8 (in any spelling of its name). */
    public boolean isUtf8OrUnspecified() {
        return charset == null || charset.equalsIgnoreCase("utf-8") || charset.equalsIgnoreCase("utf8");
    }

    /**
     * Whether API Gateway passes a body of this type as text rather than base64: text/*, JSON, XML and JavaScript.
     * Everything else, form posts included, arrives base64-encoded.
     */
    public boolean isText() {
        return type.startsWith("text/") || type.equals("application/json") || type.equals("application/xml")
                || type.equals("application/javascript");
    }
}
