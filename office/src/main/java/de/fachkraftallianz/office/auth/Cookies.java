package de.fachkraftallianz.office.auth;

import java.time.Duration;

/**
 * The office's two cookies. The session cookie carries only the session's random id: {@code __Host-} (only this
 * host, path /, Secure), HttpOnly (no script reads it), SameSite=Strict (never sent from another site). The sign-in
 * cookie binds the identity provider's answer to this browser; it must come along when the provider redirects
 * back, a cross-site navigation, so it is SameSite=Lax, and it lasts ten minutes.
 */
public final class Cookies {

    public static final String SESSION = "__Host-fka-session";
    public static final String LOGIN = "__Host-fka-login";

    private Cookies() {
    }

    public static String session(String id) {
        return SESSION + "=" + id + "; Path=/; Secure; HttpOnly; SameSite=Strict";
    }

    public static String login(String state, Duration valid) {
        return LOGIN + "=" + state + "; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=" + valid.toSeconds();
    }

    public static String clear(String name) {
        return name + "=; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=0";
    }
}
