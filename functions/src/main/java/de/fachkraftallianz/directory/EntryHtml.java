package de.fachkraftallianz.directory;

import static de.fachkraftallianz.web.Html.escape;

import de.fachkraftallianz.forms.FormDefinition;
import de.fachkraftallianz.forms.FormDefinition.Field;
import de.fachkraftallianz.forms.FormDefinition.Option;
import de.fachkraftallianz.web.FormPages;
import de.fachkraftallianz.web.Html;
import java.net.URI;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The markup of one directory entry, escaped: its card on the listing pages, its heading and the details of its own
 * page. The site's pages (the bake and the publisher, through the directory templates) and the office's preview use
 * this one class, so the office sees exactly what the site will show. Labels come from the form definition; an
 * example's ways are text only, and a way whose address is not a valid phone number, e-mail or https address is
 * shown without a link.
 */
public final class EntryHtml {

    private static final DateTimeFormatter GERMAN_DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    /** „Beispiel“ after an example's name; the brackets are for screen readers and text browsers. */
    static final String BADGE = " <span class=\"badge\"><span class=\"visually-hidden\">(</span>Beispiel"
            + "<span class=\"visually-hidden\">)</span></span>";

    private final FormDefinition form;

    public EntryHtml(FormDefinition form) {
        this.form = form;
    }

    /** The entry in a list: name (a link to its page), organisation, kinds of contact, audience, hours, last check. */
    public String card(Entry entry) {
        StringBuilder out = new StringBuilder(600);
        out.append("<li class=\"angebot\" id=\"angebot-").append(escape(entry.slug())).append("\">\n")
                .append("<h3 class=\"angebot__title\"><a href=\"").append(escape(entry.url())).append("\">")
                .append(escape(entry.title())).append("</a>").append(entry.example() ? BADGE : "").append("</h3>\n")
                .append("<p class=\"angebot__traeger\">").append(escape(entry.value(Directory.TRAEGER))).append("</p>\n")
                .append("<dl class=\"angebot__kurz\">\n");
        fact(out, "Kontakt", kinds(entry));
        fact(out, "Für", labels(entry, Directory.GROUPS));
        fact(out, "Erreichbar", entry.value(Directory.HOURS));
        out.append("</dl>\n");
        checked(out, entry);
        return out.append("</li>\n").toString();
    }

    /** The heading of the entry's own page. */
    public String heading(Entry entry) {
        return "<h1>" + escape(entry.title()) + (entry.example() ? BADGE : "") + "</h1>\n";
    }

    /** Everything on the entry's page below its heading: organisation, description, how to reach it, facts. */
    public String details(Entry entry) {
        StringBuilder out = new StringBuilder(1500);
        out.append("<div class=\"angebot angebot--page\">\n")
                .append("<p class=\"angebot__traeger\">").append(escape(entry.value(Directory.TRAEGER))).append("</p>\n");
        for (String paragraph : Html.splitParagraphs(entry.value(Directory.DESCRIPTION))) {
            out.append("<p class=\"angebot__text\">").append(escape(paragraph.replaceAll("\\s+", " "))).append("</p>\n");
        }
        out.append("<dl class=\"angebot__fakten\">\n<div>\n<dt>So erreichen Sie das Angebot</dt>\n<dd>\n")
                .append("<ul class=\"angebot__wege\">\n");
        List<String> ways = ways(entry);
        if (ways.isEmpty()) {
            out.append("<li>Keine Kontaktdaten: Dieser Eintrag ist ein ausgedachtes Beispiel.</li>\n");
        }
        ways.forEach(way -> out.append("<li>").append(way).append("</li>\n"));
        out.append("</ul>\n</dd>\n</div>\n");
        fact(out, "Art des Angebots", kinds(entry));
        fact(out, "Erreichbar", entry.value(Directory.HOURS));
        fact(out, "Für wen", labels(entry, Directory.GROUPS));
        for (String name : List.of(Directory.ANONYMOUS, Directory.FREE, Directory.ENDS)) {
            Optional<Field> field = form.field(name);
            String value = entry.value(name);
            if (field.isPresent() && value != null) {
                fact(out, field.get().label(), FormPages.shown(field.get(), value));
            }
        }
        out.append("</dl>\n");
        checked(out, entry);
        return out.append("</div>\n").toString();
    }

    /** The ways to reach the entry, each "Kind: address" with a link unless it is an example or not linkable. */
    List<String> ways(Entry entry) {
        List<String> ways = new ArrayList<>();
        for (Option option : options(Directory.CHANNELS)) {
            String kind = option.value();
            if (!entry.values(Directory.CHANNELS).contains(kind)) {
                continue;
            }
            String field = Directory.ADDRESS_FIELD.get(kind);
            String address = field == null ? null : entry.value(field);
            if (address == null) {
                continue;
            }
            String label = kindLabel(entry, kind);
            String text = address;
            String href = null;
            if (kind.equals("telefon")) {
                href = Contacts.telHref(address).orElse(null);
            } else if (kind.equals("email")) {
                href = Contacts.mailtoHref(address).orElse(null);
            } else {
                Optional<URI> link = Contacts.httpsLink(address);
                if (link.isPresent()) {
                    text = Contacts.linkText(link.get());
                    href = link.get().toString();
                }
            }
            StringBuilder way = new StringBuilder().append(escape(label)).append(": ");
            if (entry.example()) {
                way.append(escape(text)).append(" (Beispiel, nicht erreichbar)");
            } else if (href == null) {
                way.append(escape(text));
            } else {
                way.append("<a href=\"").append(escape(href)).append("\">").append(escape(text)).append("</a>");
            }
            ways.add(way.toString());
        }
        return ways;
    }

    /** The kinds of contact in the form's order, social media under its platform's name: "Telefon, Instagram". */
    private String kinds(Entry entry) {
        List<String> kinds = new ArrayList<>();
        for (Option option : options(Directory.CHANNELS)) {
            if (entry.values(Directory.CHANNELS).contains(option.value())) {
                kinds.add(kindLabel(entry, option.value()));
            }
        }
        return String.join(", ", kinds);
    }

    private String kindLabel(Entry entry, String kind) {
        String label = options(Directory.CHANNELS).stream().filter(o -> o.value().equals(kind)).map(Option::label)
                .findFirst().orElse(kind);
        String platform = entry.value(Directory.PLATFORM);
        return kind.equals("social-media") && platform != null ? label + " (" + platform + ")" : label;
    }

    private String labels(Entry entry, String field) {
        List<String> labels = new ArrayList<>();
        for (Option option : options(field)) {
            if (entry.values(field).contains(option.value())) {
                labels.add(option.label());
            }
        }
        return String.join(", ", labels);
    }

    private List<Option> options(String field) {
        return form.field(field).map(Field::options).orElse(List.of());
    }

    private static void fact(StringBuilder out, String term, String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        out.append("<div><dt>").append(escape(term)).append("</dt><dd>").append(escape(value)).append("</dd></div>\n");
    }

    private static void checked(StringBuilder out, Entry entry) {
        out.append("<p class=\"angebot__geprueft\">Zuletzt geprüft am <time datetime=\"").append(entry.checked())
                .append("\">").append(entry.checked().format(GERMAN_DATE)).append("</time></p>\n");
    }

    /** The values of the entry's option fields in the form's order (so that "telefon, chat" and "chat, telefon" agree). */
    public static Map<String, List<String>> inFormOrder(FormDefinition form, Map<String, List<String>> fields) {
        Map<String, List<String>> ordered = new java.util.LinkedHashMap<>();
        for (Field field : form.fields()) {
            List<String> values = fields.get(field.name());
            if (values == null) {
                continue;
            }
            if (field.type().hasOptions() && field.type().isMultiValued()) {
                List<String> sorted = new ArrayList<>();
                for (Option option : field.options()) {
                    if (values.contains(option.value())) {
                        sorted.add(option.value());
                    }
                }
                values = sorted;
            }
            ordered.put(field.name(), values);
        }
        return ordered;
    }
}
