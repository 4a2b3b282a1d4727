package de.fachkraftallianz.directory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The directory of virtual counselling channels ("Virtuelle Angebote") in one place: where it lives on the site, and
 * which fields of the form {@code beratungsangebot} it shows. An entry's fields carry the form's field names, so what
 * an organisation reported, what the office published and what the site shows are the same data.
 */
public final class Directory {

    /** The form organisations report a channel with; its options are the directory's vocabulary. */
    public static final String FORM_ID = "beratungsangebot";
    /** The site folder (and bucket prefix) the directory owns: nothing else writes below it. */
    public static final String FOLDER = "virtuelle-angebote";
    /** The object key prefix of every directory page ("virtuelle-angebote/"). */
    public static final String PREFIX = FOLDER + "/";
    /** The listing's address. */
    public static final String URL = "/" + PREFIX;

    public static final String TITLE = "angebot_name";
    public static final String TRAEGER = "traeger";
    public static final String DESCRIPTION = "beschreibung";
    public static final String GROUPS = "zielgruppen";
    public static final String CHANNELS = "kanaele";
    public static final String HOURS = "erreichbarkeit";
    public static final String PLATFORM = "plattform";
    public static final String ANONYMOUS = "anonym";
    public static final String FREE = "kostenlos";
    public static final String ENDS = "ende";

    /** Way of contact (a value of {@link #CHANNELS}) -> the form field holding its public address, in the form's order. */
    public static final Map<String, String> ADDRESS_FIELD;

    static {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("telefon", "telefon");
        fields.put("email", "email_oeffentlich");
        fields.put("chat", "chat_adresse");
        fields.put("video", "video_adresse");
        fields.put("social-media", "social_media_adresse");
        ADDRESS_FIELD = java.util.Collections.unmodifiableMap(fields);
    }

    /** The filter folders below {@link #FOLDER}: no entry may take these names. */
    public static final String BY_CHANNEL = "kanal";
    public static final String BY_GROUP = "zielgruppe";
    public static final String PAGE = "seite";

    /** An entry's address segment: lower-case letters, digits and single hyphens (a reference "k7qm-4xrt" fits). */
    public static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private Directory() {
    }

    /** The address of a published submission's entry: its reference in lower case, fixed for good. */
    public static String slugOf(String reference) {
        return reference.toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether a slug may name an entry (not a filter folder or the page folder). */
    public static boolean usableSlug(String slug) {
        return slug != null && SLUG.matcher(slug).matches() && !slug.equals(BY_CHANNEL) && !slug.equals(BY_GROUP)
                && !slug.equals(PAGE);
    }

    /** The entry page's address. */
    public static String entryUrl(String slug) {
        return URL + slug + "/";
    }
}
