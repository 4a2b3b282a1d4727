package de.fachkraftallianz;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nu.validator.validation.SimpleDocumentValidator;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The Nu HTML checker (the engine behind validator.w3.org/nu), in-process and offline: its schemas ship inside
 * the jar. Checks HTML documents as text/html (and style sheets) and returns the errors; warnings are ignored,
 * as with the checker's {@code --errors-only}. Not thread-safe: one instance per test class.
 */
public final class HtmlChecker {

    private static final String HTML_SCHEMA = "http://s.validator.nu/html5-all.rnc";

    private final SimpleDocumentValidator validator;
    private final Collector collector = new Collector();

    public HtmlChecker() {
        // The checker logs through log4j 1.2; without this it warns about missing appenders on every run.
        org.apache.log4j.BasicConfigurator.configure(new org.apache.log4j.varia.NullAppender());
        // No log4j set-up of its own, no URL logging, no language detection (it only ever warns).
        validator = new SimpleDocumentValidator(false, false, false);
        try {
            validator.setUpMainSchema(HTML_SCHEMA, collector);
            validator.setUpValidatorAndParsers(collector, false, false);
        } catch (Exception e) {
            throw new IllegalStateException("The HTML checker could not load its schemas", e);
        }
    }

    /** The errors in an HTML document, each as "name:line:column: message"; empty when it is valid. */
    public List<String> check(String name, String html) {
        return run(name, () -> {
            InputSource source = new InputSource(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
            source.setSystemId(name);
            validator.checkHtmlInputSource(source);
        });
    }

    /** The errors in an HTML file (read as UTF-8). */
    public List<String> check(Path file) {
        try {
            return check(file.toString(), Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The errors in a CSS file. */
    public List<String> checkCss(Path file) {
        return run(file.toString(), () -> validator.checkCssFile(file.toFile(), true));
    }

    private List<String> run(String name, Check check) {
        collector.start(name);
        try {
            check.run();
        } catch (SAXException e) {
            // A fatal error is reported to the collector first and then thrown; anything else is a finding too.
            if (collector.errors.isEmpty()) {
                collector.errors.add(name + ": " + e.getMessage());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(collector.errors);
    }

    private interface Check {
        void run() throws IOException, SAXException;
    }

    private static final class Collector implements ErrorHandler {

        private String name;
        private final List<String> errors = new ArrayList<>();

        void start(String documentName) {
            name = documentName;
            errors.clear();
        }

        @Override
        public void warning(SAXParseException e) {
            // Ignored, like --errors-only.
        }

        @Override
        public void error(SAXParseException e) {
            errors.add(name + ":" + e.getLineNumber() + ":" + e.getColumnNumber() + ": " + e.getMessage());
        }

        @Override
        public void fatalError(SAXParseException e) {
            error(e);
        }
    }
}
