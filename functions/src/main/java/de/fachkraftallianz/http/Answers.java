package de.fachkraftallianz.http;

import static de.fachkraftallianz.web.Html.escape;

import de.fachkraftallianz.web.Html;
import de.fachkraftallianz.web.PageShell;
import java.util.Map;

/**
 * The German answers every function gives when it cannot do what was asked: a short page in the site's frame for a
 * browser, {@code {"message": …}} for a script. One place, so a visitor never meets an English or bare error.
 */
public final class Answers {

    public static final String START_PAGE = "/";

    private Answers() {
    }

    /** A message page with a link back to the start page. */
    public static ApiResponse message(ApiRequest request, int status, String title, String text) {
        return message(request, status, title, text, START_PAGE, "Zur Startseite");
    }

    /**
     * @param request the request, or null when it could not be read (then the answer is a page)
     * @param backHref where the page's one link leads (a site path)
     */
    public static ApiResponse message(ApiRequest request, int status, String title, String text, String backHref,
            String backText) {
        if (request != null && request.wantsJson()) {
            return ApiResponse.json(status, Map.of("message", text));
        }
        return ApiResponse.html(status, page(title, text, backHref, backText));
    }

    /** The page alone: heading, paragraphs, one link. */
    public static String page(String title, String text, String backHref, String backText) {
        String content = "<h1>" + escape(title) + "</h1>\n" + Html.paragraphs(text)
                + "<p><a href=\"" + escape(backHref) + "\">" + escape(backText) + "</a></p>\n";
        return PageShell.shared().render(title, content);
    }

    public static ApiResponse notFound(ApiRequest request) {
        return message(request, 404, "Seite nicht gefunden", "Diese Adresse gibt es bei uns nicht. Vielleicht hat "
                + "sich ein Tippfehler eingeschlichen, oder der Link ist veraltet. Auf der Startseite finden Sie "
                + "alle Angebote und Formulare der Fachkraftallianz.");
    }

    public static ApiResponse unreadable(ApiRequest request) {
        return message(request, 400, "Anfrage nicht lesbar", "Ihre Anfrage konnte nicht gelesen werden. Bitte "
                + "versuchen Sie es noch einmal über unsere Internetseite.");
    }

    public static ApiResponse notThroughSite(ApiRequest request) {
        return message(request, 403, "Kein Zugang über diese Adresse", "Diese Adresse ist nur über die "
                + "Internetseite der Fachkraftallianz erreichbar. Bitte öffnen Sie die Startseite und wählen Sie dort "
                + "das gewünschte Angebot.");
    }

    public static ApiResponse unexpected(ApiRequest request) {
        return message(request, 500, "Ein Fehler ist aufgetreten", "Bei uns ist ein unerwarteter Fehler "
                + "aufgetreten. Bitte versuchen Sie es in einigen Minuten noch einmal. Wenn Sie ein Formular "
                + "ausgefüllt haben: Mit der Zurück-Funktion Ihres Browsers kommen Sie zu Ihren Eingaben.");
    }
}
