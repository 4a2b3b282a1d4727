package de.fachkraftallianz.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The site's page frame ({@code web/page.html}: head, header, navigation, footer), shared with the JBake
 * templates, so a page the function renders looks like every baked page. It has two placeholders:
 * {@code {{title}}} (escaped text) and {@code {{content}}} (HTML the caller built from escaped parts).
 */
public final class PageShell {

    private final String before;
    private final String between;
    private final String after;

    private PageShell(String template) {
        int title = template.indexOf("{{title}}");
        int content = template.indexOf("{{content}}");
        if (title < 0 || content < title) {
            throw new IllegalStateException("web/page.html needs {{title}} before {{content}}");
        }
        this.before = template.substring(0, title);
        this.between = template.substring(title + "{{title}}".length(), content);
        this.after = template.substring(content + "{{content}}".length());
    }

    /** The shell from the classpath, read on first use (a JSON-only request never needs it). */
    public static PageShell shared() {
        return Shared.SHELL;
    }

    private static final class Shared {
        static final PageShell SHELL = load();
    }

    public static PageShell load() {
        try (InputStream in = PageShell.class.getClassLoader().getResourceAsStream("web/page.html")) {
            if (in == null) {
                throw new IllegalStateException("web/page.html missing on the classpath");
            }
            return new PageShell(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String render(String title, String contentHtml) {
        return before + Html.escape(title) + between + contentHtml + after;
    }
}
