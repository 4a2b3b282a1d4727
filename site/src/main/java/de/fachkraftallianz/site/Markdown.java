package de.fachkraftallianz.site;

import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.parser.PegdownExtensions;
import com.vladsch.flexmark.profile.pegdown.PegdownOptionsAdapter;
import com.vladsch.flexmark.util.data.DataHolder;

/**
 * Markdown as JBake renders the pages' bodies (flexmark with its pegdown profile and the extensions of
 * jbake.properties, {@code markdown.extensions=AUTOLINKS,TABLES}), for the one text the directory's pages take from a
 * content file: the listing's introduction.
 */
final class Markdown {

    private static final DataHolder OPTIONS =
            PegdownOptionsAdapter.flexmarkOptions(PegdownExtensions.AUTOLINKS | PegdownExtensions.TABLES);

    private Markdown() {
    }

    static String toHtml(String markdown) {
        return HtmlRenderer.builder(OPTIONS).build().render(Parser.builder(OPTIONS).build().parse(markdown));
    }
}
