package de.fachkraftallianz.web;

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

    /** Plain text with blank lines between paragraphs, as {@code <p>} elements. */
    public static String paragraphs(String text, String cssClass) {
        StringBuilder out = new StringBuilder();
        for (String paragraph : text.strip().split("\\n\\s*\\n")) {
            out.append("<p").append(cssClass == null ? "" : " class=\"" + cssClass + "\"").append('>')
                    .append(escape(paragraph.strip())).append("</p>\n");
        }
        return out.toString();
    }
}
