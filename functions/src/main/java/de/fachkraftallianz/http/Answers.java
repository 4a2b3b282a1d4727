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

    /** Where a visitor who met a missing page most likely wanted to go. */
    private static final String[][] NOT_FOUND_LINKS = {
        {"/", "Zur Startseite"},
        {"/hilfe-anfragen/einrichtungen/", "Hilfe anfragen als Einrichtung"},
        {"/hilfe-anfragen/pflegefamilien/", "Hilfe anfragen als Pflegefamilie"},
        {"/fachkraefte-anbieten/", "Fachkräfte anbieten"},
        {"/virtuelle-angebote/", "Virtuelle Angebote finden"},
        {"/kontakt/", "Kontakt"},
    };

    private static final String NOT_FOUND_TEXT = "Die Seite, die Sie aufrufen wollten, gibt es nicht. Vielleicht hat "
            + "sich die Adresse geändert, oder sie enthält einen Tippfehler.";

    /**
     * Every "not found" of the public side: a path the site bucket lacks (the distribution's origin group asks the
     * API then, whose $default route answers this) and any API path no route takes. One page, so the site and the
     * API cannot tell a missing page differently.
     */
    public static ApiResponse notFound(ApiRequest request) {
        if (request != null && request.wantsJson()) {
            return ApiResponse.json(404, Map.of("message", NOT_FOUND_TEXT));
        }
        return ApiResponse.html(404, notFoundPage());
    }

    /** The not-found page: what happened, where to go on, and how to report a broken link. */
    public static String notFoundPage() {
        StringBuilder content = new StringBuilder(1024).append("<h1>Seite nicht gefunden</h1>\n")
                .append("<div class=\"prose\">\n").append(Html.paragraphs(NOT_FOUND_TEXT))
                .append("<p>Hier geht es weiter:</p>\n<ul>\n");
        for (String[] link : NOT_FOUND_LINKS) {
            content.append("<li><a href=\"").append(escape(link[0])).append("\">").append(escape(link[1]))
                    .append("</a></li>\n");
        }
        content.append("</ul>\n<p>Sie kamen über einen Link auf dieser Website hierher? Dann ist der Link falsch. Bitte ")
                .append("sagen Sie es uns über das Formular <a href=\"/formulare/barriere-melden/\">Barriere melden</a> ")
                .append("oder über die Seite <a href=\"/kontakt/\">Kontakt</a>.</p>\n</div>\n");
        return PageShell.shared().render("Seite nicht gefunden", content.toString());
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
