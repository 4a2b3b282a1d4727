package de.fachkraftallianz.web;

import java.util.ArrayList;
import java.util.List;

/** Escaping for text and attribute values in HTML; every piece of data written into a page goes through it. */
public final class Html {

    private Html() {
    }

    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Splits plain text at blank lines into paragraphs, the convention of the form definitions' texts; the site
     * bake and the function's own pages both use it, so a text reads the same in both.
     */
    public static List<String> splitParagraphs(String text) {
        List<String> paragraphs = new ArrayList<>();
        if (text == null) {
            return paragraphs;
        }
        for (String paragraph : text.strip().split("\\R\\s*\\R")) {
            if (!paragraph.isBlank()) {
                paragraphs.add(paragraph.strip());
            }
        }
        return paragraphs;
    }

    /** Plain text with blank lines between paragraphs, as escaped {@code <p>} elements. */
    public static String paragraphs(String text) {
        StringBuilder out = new StringBuilder();
        for (String paragraph : splitParagraphs(text)) {
            out.append("<p>").append(escape(paragraph)).append("</p>\n");
        }
        return out.toString();
    }
}
