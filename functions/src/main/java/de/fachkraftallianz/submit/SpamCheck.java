package de.fachkraftallianz.submit;

import java.util.Optional;

/**
 * Spam heuristics without a CAPTCHA: a honeypot field people never see, and a minimum time between loading the
 * form and sending it (reported by the form's script; a plain HTML form without script has no such time and is
 * judged by the honeypot alone). Suspected spam is still stored, flagged, so the office can find false positives.
 */
public final class SpamCheck {

    private final long minFillMillis;

    public SpamCheck(long minFillMillis) {
        this.minFillMillis = minFillMillis;
    }

    /** @return the reason to flag the submission, if any */
    public Optional<String> reason(String honeypot, String fillMillis) {
        if (honeypot != null && !honeypot.isBlank()) {
            return Optional.of("honeypot");
        }
        if (fillMillis != null) {
            try {
                if (Long.parseLong(fillMillis.strip()) < minFillMillis) {
                    return Optional.of("too-fast");
                }
            } catch (NumberFormatException e) {
                return Optional.of("fill-time-invalid");
            }
        }
        return Optional.empty();
    }
}
