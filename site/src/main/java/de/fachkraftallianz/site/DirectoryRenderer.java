package de.fachkraftallianz.site;

import de.fachkraftallianz.directory.Directory;
import de.fachkraftallianz.directory.Entry;
import de.fachkraftallianz.directory.EntryHtml;
import de.fachkraftallianz.forms.FormCatalog;
import de.fachkraftallianz.forms.FormDefinition;
import de.fachkraftallianz.forms.FormDefinition.Field;
import de.fachkraftallianz.forms.FormDefinition.Option;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.text.Collator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TimeZone;
import java.util.TreeMap;

/**
 * Renders the whole directory of virtual channels from a list of entries: the listing in pages of
 * {@link #PAGE_SIZE}, the same for every channel type, every target group and every combination of both (so the
 * filters combine without JavaScript, at stable addresses), one page per entry, and the directory's sitemap. The
 * templates are the site's (the page shell, breadcrumbs, the box „Hilfe sofort“ and the directory's own), the data
 * the kit's, and each entry's markup {@link EntryHtml}'s, which the office's preview shows too.
 *
 * <p>The bake and the publisher both call this with the same kit, so for the same entries they write the same bytes.
 * The output depends on nothing but the kit and the entries (no clock, no environment). JBake never sees the
 * directory: it costs the bake no document per entry.
 *
 * <p>Addresses: {@code /virtuelle-angebote/} (listing), {@code …/kanal/<way>/}, {@code …/zielgruppe/<group>/},
 * {@code …/kanal/<way>/zielgruppe/<group>/}, each followed by {@code seite/<n>/} from page 2 on; an entry at
 * {@code /virtuelle-angebote/<slug>/}. Every filter page exists for every option of the form, with or without
 * entries, so no filter address ever disappears.
 */
public final class DirectoryRenderer {

    /** Entries per listing page at most. */
    public static final int PAGE_SIZE = 20;
    /** The cards of one listing page at most (bytes): with the page's frame and the style sheet within 40 KB. */
    public static final int CARDS_BUDGET = 10_000;
    static final String LISTING_TEMPLATE = "verzeichnis.ftl";
    static final String ENTRY_TEMPLATE = "verzeichnis-eintrag.ftl";
    /** The directory's own sitemap (robots.txt names it next to the site's). */
    public static final String SITEMAP = Directory.PREFIX + "sitemap.xml";

    private final DirectoryKit kit;
    private final EntryHtml html;
    private final Configuration freemarker;
    private final List<Option> channels;
    private final List<Option> groups;

    public DirectoryRenderer(DirectoryKit kit, FormCatalog forms) {
        this.kit = kit;
        FormDefinition form = forms.find(Directory.FORM_ID).orElseThrow(
                () -> new IllegalStateException("no form " + Directory.FORM_ID + " for the directory"));
        this.html = new EntryHtml(form);
        this.channels = options(form, Directory.CHANNELS);
        this.groups = options(form, Directory.GROUPS);
        // As JBake configures FreeMarker for the rest of the site, so the shared templates behave the same.
        Configuration config = new Configuration(Configuration.DEFAULT_INCOMPATIBLE_IMPROVEMENTS);
        config.setTemplateLoader(kit.templates());
        config.setDefaultEncoding("UTF-8");
        config.setOutputEncoding("UTF-8");
        config.setLocale(Locale.GERMANY);
        config.setTimeZone(TimeZone.getTimeZone("Europe/Berlin"));
        config.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        config.setLogTemplateExceptions(false);
        this.freemarker = config;
    }

    public DirectoryKit kit() {
        return kit;
    }

    /**
     * Every file of the directory: object key ("virtuelle-angebote/kanal/telefon/index.html") -> bytes, sorted.
     *
     * @param published the entries from the table (the kit's examples are added)
     */
    public SortedMap<String, byte[]> render(List<Entry> published) {
        List<Entry> entries = new ArrayList<>(kit.examples());
        entries.addAll(published);
        Set<String> slugs = new HashSet<>();
        for (Entry entry : entries) {
            if (!slugs.add(entry.slug())) {
                throw new IllegalArgumentException("two entries at the address " + entry.url());
            }
        }
        Collator german = Collator.getInstance(Locale.GERMAN);
        entries.sort(Comparator.comparing(Entry::title, german).thenComparing(Entry::slug));

        Map<String, Object> directory = directoryModel(entries);
        // Each card once: the pagination weighs it and every page it is on shows it.
        Map<String, String> cards = new java.util.HashMap<>();
        for (Entry entry : entries) {
            cards.put(entry.slug(), html.card(entry));
        }
        List<Option> channelChoices = withAll(channels);
        List<Option> groupChoices = withAll(groups);
        // Each selection's entries once: the filter links' counts and the pages read them.
        Map<String, List<Entry>> selections = new LinkedHashMap<>();
        for (Option channel : channelChoices) {
            for (Option group : groupChoices) {
                selections.put(path(channel, group, 1), entries.stream().filter(e -> matches(e, channel, group))
                        .toList());
            }
        }
        // Every page is an independent job (the templates and the model are only read): on several cores, in parallel.
        List<java.util.function.Supplier<Map.Entry<String, byte[]>>> jobs = new ArrayList<>();
        for (Option channel : channelChoices) {
            for (Option group : groupChoices) {
                List<Entry> shown = selections.get(path(channel, group, 1));
                List<List<Entry>> pages = paginate(shown, cards);
                for (int i = 0; i < pages.size(); i++) {
                    int page = i + 1;
                    List<Entry> onPage = pages.get(i);
                    jobs.add(() -> Map.entry(path(channel, group, page) + "index.html", render(LISTING_TEMPLATE,
                            listingModel(directory, entries.size(), selections, channel, group, shown.size(), page,
                                    pages.size(), onPage, cards))));
                }
            }
        }
        for (Entry entry : entries) {
            jobs.add(() -> Map.entry(Directory.PREFIX + entry.slug() + "/index.html",
                    render(ENTRY_TEMPLATE, entryModel(directory, entry))));
        }
        SortedMap<String, byte[]> files = new TreeMap<>();
        for (Map.Entry<String, byte[]> file : runAll(jobs)) {
            files.put(file.getKey(), file.getValue());
        }
        List<String> urls = new ArrayList<>();
        for (String key : files.keySet()) {
            urls.add(de.fachkraftallianz.web.SitePaths.pathOf(key));
        }
        urls.sort(null);
        files.put(SITEMAP, SiteMap.sitemap(kit.host(), urls).getBytes(StandardCharsets.UTF_8));
        return files;
    }

    // -------------------------------------------------------------------------------------------------------------
    // Models
    // -------------------------------------------------------------------------------------------------------------

    private Map<String, Object> directoryModel(List<Entry> entries) {
        Map<String, Object> listing = kit.map("listing");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("titel", listing.get("title"));
        m.put("url", Directory.URL);
        m.put("formular", "/formulare/" + Directory.FORM_ID + "/");
        m.put("einleitung", listing.getOrDefault("einleitung", ""));
        m.put("einstiegeGruppe", listing.getOrDefault("einstiege", ""));
        m.put("einstiegeTitel", listing.getOrDefault("einstiegeTitel", "Für Träger"));
        m.put("beispiele", entries.stream().anyMatch(Entry::example));
        m.put("anzahl", entries.size());
        return m;
    }

    private Map<String, Object> listingModel(Map<String, Object> directory, int total,
            Map<String, List<Entry>> selections, Option channel, Option group, int count, int page, int pages,
            List<Entry> onPage, Map<String, String> cards) {
        Map<String, Object> listing = kit.map("listing");
        String listingTitle = String.valueOf(listing.get("title"));
        String selection = selection(channel, group);
        String pageSuffix = page > 1 ? "Seite " + page : "";
        String label = join(selection, pageSuffix);

        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("uri", path(channel, group, page) + "index.html");
        doc.put("title", listingTitle);
        if (label.isEmpty()) {
            doc.put("navTitle", listing.getOrDefault("navTitle", listingTitle));
        } else {
            doc.put("parent", Directory.URL);
            doc.put("navTitle", capitalize(label));
        }

        Map<String, Object> auswahl = new LinkedHashMap<>();
        auswahl.put("ueberschrift", selection.isEmpty() ? "Alle Angebote" : capitalize(selection));
        auswahl.put("anzahl", count);
        auswahl.put("anzahlText", countText(count, total, channel == null && group == null));
        auswahl.put("leer", total == 0);

        Map<String, Object> filter = new LinkedHashMap<>();
        List<Map<String, Object>> byChannel = new ArrayList<>();
        for (Option c : withAll(channels)) {
            byChannel.add(filterLink(c == null ? "Alle Wege" : c.label(), c, group, selections,
                    sameOption(c, channel)));
        }
        List<Map<String, Object>> byGroup = new ArrayList<>();
        for (Option g : withAll(groups)) {
            byGroup.add(filterLink(g == null ? "Alle" : g.label(), channel, g, selections, sameOption(g, group)));
        }
        filter.put("kanal", byChannel);
        filter.put("zielgruppe", byGroup);

        StringBuilder cardsHtml = new StringBuilder();
        for (Entry entry : onPage) {
            cardsHtml.append(cards.get(entry.slug()));
        }

        Map<String, Object> model = base(doc);
        model.put("seitentitel", label.isEmpty() ? listingTitle : listingTitle + ": " + label);
        model.put("verzeichnis", directory);
        model.put("auswahl", auswahl);
        model.put("filter", filter);
        model.put("seiten", pages > 1 ? pagination(channel, group, page, pages) : null);
        model.put("html", Map.of("karten", cardsHtml.toString()));
        return model;
    }

    private static Map<String, Object> filterLink(String label, Option channel, Option group,
            Map<String, List<Entry>> selections, boolean current) {
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("label", label);
        link.put("url", "/" + path(channel, group, 1));
        link.put("anzahl", Integer.toString(selections.get(path(channel, group, 1)).size()));
        link.put("aktuell", current);
        return link;
    }

    private Map<String, Object> pagination(Option channel, Option group, int page, int pages) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nummer", Integer.toString(page));
        m.put("anzahl", Integer.toString(pages));
        if (page > 1) {
            m.put("vorher", "/" + path(channel, group, page - 1));
        }
        if (page < pages) {
            m.put("nachher", "/" + path(channel, group, page + 1));
        }
        List<Map<String, Object>> links = new ArrayList<>();
        int last = 0;
        for (int n = 1; n <= pages; n++) {
            if (n != 1 && n != pages && Math.abs(n - page) > 2) {
                continue;
            }
            if (last != 0 && n > last + 1) {
                links.add(Map.of("luecke", true));
            }
            links.add(Map.of("luecke", false, "nummer", Integer.toString(n), "url", "/" + path(channel, group, n),
                    "aktuell", n == page));
            last = n;
        }
        m.put("links", links);
        return m;
    }

    private Map<String, Object> entryModel(Map<String, Object> directory, Entry entry) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("uri", Directory.PREFIX + entry.slug() + "/index.html");
        doc.put("title", entry.title());
        doc.put("parent", Directory.URL);
        Map<String, Object> model = base(doc);
        model.put("titel", entry.title());
        model.put("beispiel", entry.example());
        model.put("verzeichnis", directory);
        model.put("html", Map.of("ueberschrift", html.heading(entry), "details", html.details(entry)));
        return model;
    }

    /** What every directory page's model has: the page's document and what the shared templates read. */
    private Map<String, Object> base(Map<String, Object> doc) {
        Map<String, Object> listing = kit.map("listing");
        Map<String, Object> start = new LinkedHashMap<>(kit.map("start"));
        start.put("uri", "index.html");
        Map<String, Object> listingDoc = new LinkedHashMap<>();
        listingDoc.put("uri", Directory.PREFIX + "index.html");
        listingDoc.put("title", listing.get("title"));
        if (listing.containsKey("navTitle")) {
            listingDoc.put("navTitle", listing.get("navTitle"));
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("doc", doc);
        // The documents the breadcrumbs and the navigation look parents up in (site.ftl reads JBake's list).
        model.put("published_content", List.of(start, listingDoc));
        model.put("data", new DataFiles(kit.map("data")));
        return model;
    }

    /** The data files as JBake offers them to templates: {@code data.get('county.yaml')}. */
    public static final class DataFiles {
        private final Map<String, Object> files;

        DataFiles(Map<String, Object> files) {
            this.files = files;
        }

        public Object get(String name) {
            Object file = files.get(name);
            if (file == null) {
                throw new IllegalArgumentException("no data file " + name + " in the directory kit");
            }
            return file;
        }
    }

    private byte[] render(String template, Map<String, Object> model) {
        try {
            Template t = freemarker.getTemplate(template);
            StringWriter out = new StringWriter(16 * 1024);
            t.process(model, out);
            return out.toString().getBytes(StandardCharsets.UTF_8);
        } catch (IOException | TemplateException e) {
            throw new IllegalStateException("The directory page " + model.get("doc") + " could not be rendered with "
                    + template + ": " + e.getMessage(), e);
        }
    }

    /**
     * The entries in pages: at most {@link #PAGE_SIZE} a page, and fewer where their cards are long, so that the cards
     * of one page never exceed {@link #CARDS_BUDGET} bytes (a card alone may, and then has a page to itself). So every
     * listing page stays within the site's 40 KB, whatever organisations write into the fields the form allows.
     */
    static List<List<Entry>> paginate(List<Entry> shown, Map<String, String> cards) {
        List<List<Entry>> pages = new ArrayList<>();
        List<Entry> page = new ArrayList<>();
        int bytes = 0;
        for (Entry entry : shown) {
            int size = cards.get(entry.slug()).getBytes(StandardCharsets.UTF_8).length;
            if (!page.isEmpty() && (page.size() == PAGE_SIZE || bytes + size > CARDS_BUDGET)) {
                pages.add(page);
                page = new ArrayList<>();
                bytes = 0;
            }
            page.add(entry);
            bytes += size;
        }
        if (!page.isEmpty() || pages.isEmpty()) {
            pages.add(page);
        }
        return pages;
    }

    /** Runs the jobs on up to as many threads as there are cores, and returns their results in order. */
    private static <T> List<T> runAll(List<java.util.function.Supplier<T>> jobs) {
        int threads = Math.max(1, Math.min(jobs.size(), Runtime.getRuntime().availableProcessors()));
        if (threads == 1) {
            return jobs.stream().map(java.util.function.Supplier::get).toList();
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "directory-renderer");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<java.util.concurrent.Future<T>> futures = new ArrayList<>();
            for (java.util.function.Supplier<T> job : jobs) {
                futures.add(pool.submit(job::get));
            }
            List<T> results = new ArrayList<>();
            for (java.util.concurrent.Future<T> future : futures) {
                try {
                    results.add(future.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while rendering the directory", e);
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    // -------------------------------------------------------------------------------------------------------------
    // Addresses and words
    // -------------------------------------------------------------------------------------------------------------

    /** "virtuelle-angebote/kanal/telefon/zielgruppe/kinder/seite/2/" (no leading slash, a trailing one). */
    static String path(Option channel, Option group, int page) {
        StringBuilder path = new StringBuilder(Directory.PREFIX);
        if (channel != null) {
            path.append(Directory.BY_CHANNEL).append('/').append(channel.value()).append('/');
        }
        if (group != null) {
            path.append(Directory.BY_GROUP).append('/').append(group.value()).append('/');
        }
        if (page > 1) {
            path.append(Directory.PAGE).append('/').append(page).append('/');
        }
        return path.toString();
    }

    private static boolean matches(Entry entry, Option channel, Option group) {
        return (channel == null || entry.values(Directory.CHANNELS).contains(channel.value()))
                && (group == null || entry.values(Directory.GROUPS).contains(group.value()));
    }

    /** "per Telefon", "für Kinder", "per Telefon, für Kinder", or "" for everything. */
    static String selection(Option channel, Option group) {
        return join(channel == null ? "" : "per " + channel.label(), group == null ? "" : "für " + group.label());
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + ", " + b;
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** "8 Angebote", "1 Angebot", "3 von 8 Angeboten". */
    static String countText(int shown, int total, boolean all) {
        if (all) {
            return shown == 1 ? "1 Angebot" : shown + " Angebote";
        }
        return shown + " von " + total + (total == 1 ? " Angebot" : " Angeboten");
    }

    private static boolean sameOption(Option a, Option b) {
        return a == null ? b == null : b != null && a.value().equals(b.value());
    }

    private static List<Option> withAll(List<Option> options) {
        List<Option> all = new ArrayList<>();
        all.add(null);
        all.addAll(options);
        return all;
    }

    private static List<Option> options(FormDefinition form, String field) {
        List<Option> options = form.field(field).map(Field::options).orElse(List.of());
        if (options.isEmpty()) {
            throw new IllegalStateException("the form " + Directory.FORM_ID + " has no options for " + field);
        }
        return options;
    }
}
