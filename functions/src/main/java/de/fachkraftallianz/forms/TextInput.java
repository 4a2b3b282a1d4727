package de.fachkraftallianz.forms;

import java.text.Normalizer;

/**
 * What a typed (or pasted) value becomes before validation, so that what reaches the table is safe to show in the
 * office: Unicode NFC; line breaks as \n; control characters removed; every kind of space and invisible character
 * trimmed at both ends, so a value of only invisible characters is empty; inside a single-line value every kind of
 * space becomes a plain space. Refused (a {@link Problem}, with the characters removed from the text shown again):
 * lone surrogates anywhere; bidirectional controls anywhere (they make a shown text read differently from what it
 * holds); zero-width characters in single-line fields (names, e-mail, phone, web address), where they have no
 * business. In a multi-line text, zero-width joiners stay (emoji, some scripts) and other zero-width characters are
 * dropped.
 */
public final class TextInput {

    /** Why a value was refused. */
    public enum Problem {
        NONE, INVISIBLE_OR_CONTROL, UNREADABLE
    }

    public record Cleaned(String text, Problem problem) {
    }

    private TextInput() {
    }

    public static Cleaned clean(String raw, boolean multiLine) {
        String value = nfc(raw == null ? "" : raw);
        StringBuilder out = new StringBuilder(value.length());
        Problem problem = Problem.NONE;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                out.append(c).append(value.charAt(i + 1));
                i++;
            } else if (Character.isSurrogate(c)) {
                problem = Problem.UNREADABLE;
            } else if (c == '\r') {
                out.append(multiLine ? '\n' : ' ');
                if (i + 1 < value.length() && value.charAt(i + 1) == '\n') {
                    i++;
                }
            } else if (c == '\n' || c == '\t') {
                out.append(multiLine ? c : ' ');
            } else if (Character.getType(c) == Character.CONTROL) {
                // Dropped: no one means to type a control character.
            } else if (isBidiControl(c)) {
                problem = worse(problem, Problem.INVISIBLE_OR_CONTROL);
            } else if (isZeroWidth(c)) {
                if (multiLine) {
                    if (c == '\u200c' || c == '\u200d') {
                        out.append(c);
                    }
                } else {
                    out.append(c); // kept until trimming: only those inside the value are refused
                }
            } else if (!multiLine && Character.getType(c) == Character.SPACE_SEPARATOR) {
                out.append(' ');
            } else {
                out.append(c);
            }
        }
        String text = trim(out);
        if (!multiLine && problem == Problem.NONE) {
            for (int i = 0; i < text.length(); i++) {
                if (isZeroWidth(text.charAt(i))) {
                    problem = Problem.INVISIBLE_OR_CONTROL;
                    break;
                }
            }
        }
        if (!multiLine && problem != Problem.NONE) {
            text = withoutZeroWidth(text);
        }
        return new Cleaned(text, problem);
    }

    /** Whether the character is a kind of space or invisible (trimmed at both ends of every value). */
    static boolean isBlank(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || isZeroWidth(c) || isBidiControl(c);
    }

    /** Zero-width and other invisible formatting characters (not bidirectional controls). */
    static boolean isZeroWidth(char c) {
        return (c >= '\u200b' && c <= '\u200d') || c == '\u2060' || c == '\ufeff' || c == '\u00ad'
                || c == '\u180e' || (c >= '\u2061' && c <= '\u2064');
    }

    /** Marks, embeddings, overrides and isolates of the Unicode bidirectional algorithm. */
    static boolean isBidiControl(char c) {
        return c == '\u200e' || c == '\u200f' || c == '\u061c' || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069');
    }

    private static String trim(CharSequence text) {
        int start = 0;
        int end = text.length();
        while (start < end && isBlank(text.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(text.charAt(end - 1))) {
            end--;
        }
        return text.subSequence(start, end).toString();
    }

    private static String withoutZeroWidth(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            if (!isZeroWidth(text.charAt(i))) {
                out.append(text.charAt(i));
            }
        }
        return out.toString();
    }

    private static Problem worse(Problem a, Problem b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    /**
     * Unicode NFC, so "ä" typed as a + combining mark is stored like "ä". Text without characters from U+0300 on
     * (German text typed on a German keyboard) is already NFC, which saves loading the normaliser on a cold start.
     */
    private static String nfc(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) >= '\u0300') {
                return Normalizer.normalize(value, Normalizer.Form.NFC);
            }
        }
        return value;
    }
}
