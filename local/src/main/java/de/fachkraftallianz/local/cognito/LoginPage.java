package de.fachkraftallianz.local.cognito;

import de.fachkraftallianz.web.Html;

/**
 * The provider's pages, in German: the sign-in form and its message pages. Plain HTML (no script, no style, so
 * the strictest CSP holds); every value written into them goes through the project's one escaper.
 */
final class LoginPage {

    /** One message for an unknown user and a wrong password alike: the page never tells which was wrong. */
    static final String WRONG_CREDENTIALS = "Benutzername oder Passwort ist falsch. Bitte prüfen Sie beide Angaben "
            + "und versuchen Sie es noch einmal.";

    private static final String SERVICE = "Lokale Anmeldung (nur zum Entwickeln)";

    private LoginPage() {
    }

    /**
     * The sign-in form for one login transaction; {@code error} (or null) is shown above it, and the user name
     * typed before is filled in again (never the password).
     */
    static String form(String loginId, String username, String error) {
        boolean failed = error != null;
        StringBuilder body = new StringBuilder(1024);
        body.append("<h1>Anmelden</h1>\n");
        body.append("<p>Melden Sie sich mit Ihrem Benutzernamen und Ihrem Passwort an. Diese Anmeldung gibt es nur "
                + "auf Ihrem Rechner; ihre Zugänge gelten nirgends sonst.</p>\n");
        if (failed) {
            body.append("<div role=\"alert\" aria-labelledby=\"fehler-titel\">\n")
                    .append("<h2 id=\"fehler-titel\">Es gibt ein Problem</h2>\n")
                    .append("<p id=\"fehler\"><a href=\"#username\">").append(Html.escape(error)).append("</a></p>\n")
                    .append("</div>\n");
        }
        String invalid = failed ? " aria-invalid=\"true\" aria-describedby=\"fehler\"" : "";
        body.append("<form method=\"post\" action=\"/login\" novalidate>\n")
                .append("<input type=\"hidden\" name=\"login_id\" value=\"").append(Html.escape(loginId)).append("\">\n")
                .append("<p><label for=\"username\">Benutzername</label><br>\n")
                .append("<input id=\"username\" name=\"username\" type=\"text\" autocomplete=\"username\" ")
                .append("autocapitalize=\"none\" spellcheck=\"false\" value=\"").append(Html.escape(username))
                .append('"').append(invalid).append("></p>\n")
                .append("<p><label for=\"password\">Passwort</label><br>\n")
                .append("<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\"")
                .append(invalid).append("></p>\n")
                .append("<p><button type=\"submit\">Anmelden</button></p>\n")
                .append("</form>\n");
        return page((failed ? "Fehler: " : "") + "Anmelden", body.toString());
    }

    /** A page with a heading and one paragraph, for every refusal shown to a person. */
    static String message(String heading, String text) {
        return page(heading, "<h1>" + Html.escape(heading) + "</h1>\n<p>" + Html.escape(text) + "</p>\n");
    }

    private static String page(String title, String main) {
        return "<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + Html.escape(title) + " – " + SERVICE + "</title>\n</head>\n<body>\n<main>\n"
                + main + "</main>\n</body>\n</html>\n";
    }
}
