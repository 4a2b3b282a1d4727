package de.fachkraftallianz.directory;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How the directory turns a channel's public contact data into something to tap: a phone number as people write it
 * into a {@code tel:} link, a web address into an {@code https:} link and its short text. Anything that is not clearly
 * one of these gets no link (and cannot be published: see {@link PublicationCheck}).
 */
public final class Contacts {

    /** Separators people write inside a number: spaces, slash, hyphen, dot, brackets. */
    private static final Pattern SEPARATORS = Pattern.compile("[\\s/().-]");
    /** Only digits, an optional leading +, and the separators. */
    private static final Pattern WRITTEN = Pattern.compile("\\+?[0-9\\s/().-]{6,30}");
    private static final Pattern EMAIL = Pattern.compile("[^\\s@<>\"]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");

    private Contacts() {
    }

    /**
     * A German number as people write it ("030 23125 101", "+49 30 23125 101", "0049 (0)30 23125-101") as the
     * {@code tel:} link that dials it ({@code tel:+493023125101}); empty if it is not such a number.
     */
    public static Optional<String> telHref(String written) {
        if (written == null) {
            return Optional.empty();
        }
        String text = written.strip();
        if (!WRITTEN.matcher(text).matches()) {
            return Optional.empty();
        }
        String digits = SEPARATORS.matcher(text.replace("(0)", "")).replaceAll("");
        String national;
        if (digits.startsWith("+49")) {
            national = digits.substring(3);
        } else if (digits.startsWith("0049")) {
            national = digits.substring(4);
        } else if (digits.startsWith("0") && !digits.startsWith("00")) {
            national = digits.substring(1);
        } else {
            return Optional.empty();
        }
        // Area code (no leading 0) and subscriber number: 6 to 14 digits after the country code.
        if (!national.matches("[1-9][0-9]{5,13}")) {
            return Optional.empty();
        }
        return Optional.of("tel:+49" + national);
    }

    /** A full https address with a host ("https://chat.example.org/jugend"), or empty. */
    public static Optional<URI> httpsLink(String written) {
        if (written == null) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(written.strip());
            if (!"https".equals(uri.getScheme()) || uri.getHost() == null || !uri.getHost().contains(".")
                    || uri.getRawUserInfo() != null) {
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** A public e-mail address as a {@code mailto:} link, or empty. */
    public static Optional<String> mailtoHref(String written) {
        if (written == null || !EMAIL.matcher(written.strip()).matches()) {
            return Optional.empty();
        }
        return Optional.of("mailto:" + written.strip());
    }

    /** What a link shows: host and path, without the scheme and a trailing slash ("chat.example.org/jugend"). */
    public static String linkText(URI link) {
        String path = link.getPath() == null ? "" : link.getPath();
        String text = link.getHost() + path;
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    /** The second-level names RFC 2606 reserves for examples, and their subdomains. */
    public static boolean reservedForExamples(String host) {
        String h = host == null ? "" : host.toLowerCase(Locale.ROOT);
        for (String domain : new String[] {"example.org", "example.com", "example.net"}) {
            if (h.equals(domain) || h.endsWith("." + domain)) {
                return true;
            }
        }
        return false;
    }
}
