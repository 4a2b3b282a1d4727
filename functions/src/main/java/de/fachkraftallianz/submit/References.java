package de.fachkraftallianz.submit;

import de.fachkraftallianz.Hashing;
import de.fachkraftallianz.forms.FormDefinition;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reference numbers like {@code K7QM-4XRT}: 8 characters from an alphabet without the look-alikes 0/O and 1/I
 * (40 bits). A reference is derived from the submission's content hash, so a repeated POST of the same content
 * arrives at the same reference; uniqueness is then enforced by the store's conditional write.
 */
public final class References {

    static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    public static final Pattern FORMAT = Pattern.compile("[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}");

    private References() {
    }

    /**
     * The hash that identifies "the same submission": form, calendar day and every cleaned value. Spam-protection
     * fields are not part of it, so a retry with a different fill time is still the same submission.
     */
    public static String contentHash(FormDefinition form, LocalDate day, Map<String, List<String>> values) {
        StringBuilder canonical = new StringBuilder(form.id()).append('\n').append(day).append('\n');
        for (FormDefinition.Field field : form.fields()) {
            List<String> given = values.get(field.name());
            if (given != null) {
                canonical.append(field.name()).append('=').append(String.join("\u001f", given)).append('\u001e');
            }
        }
        return Hashing.sha256Hex(canonical.toString());
    }

    /** The reference to try for the given attempt (0 first; later attempts only after a collision). */
    public static String derive(String contentHash, int attempt) {
        byte[] digest = Hashing.sha256(contentHash + ":" + attempt);
        long bits = 0;
        for (int i = 0; i < 5; i++) {
            bits = (bits << 8) | (digest[i] & 0xff);
        }
        StringBuilder reference = new StringBuilder(9);
        for (int i = 7; i >= 0; i--) {
            reference.append(ALPHABET.charAt((int) ((bits >>> (i * 5)) & 31)));
            if (i == 4) {
                reference.append('-');
            }
        }
        return reference.toString();
    }
}
