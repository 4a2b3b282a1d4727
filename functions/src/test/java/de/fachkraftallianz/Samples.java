package de.fachkraftallianz;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Valid sample submissions (test resources forms/&lt;id&gt;.valid.json) with "{{today+N}}" dates resolved. A sample
 * holds only the questions that apply to its answers; where a form's answers exclude each other (telephone or e-mail),
 * further samples forms/&lt;id&gt;.valid-2.json, -3 … answer the other way, so that every question applies in one of them.
 */
public final class Samples {

    private static final Pattern RELATIVE_DATE = Pattern.compile("\\{\\{today\\+(\\d+)}}");

    private Samples() {
    }

    /** The sample as the enhanced form would send it: JSON text. */
    public static String json(String formId, LocalDate today) {
        return json(formId, 1, today);
    }

    /** Every sample of the form: the main one (valid.json) first, then valid-2.json, valid-3.json … as long as found. */
    public static List<Map<String, List<String>>> all(String formId, LocalDate today) {
        List<Map<String, List<String>>> all = new ArrayList<>();
        for (int number = 1; number == 1 || exists(formId, number); number++) {
            all.add(values(json(formId, number, today)));
        }
        return all;
    }

    private static String path(String formId, int number) {
        return "forms/" + formId + (number == 1 ? ".valid.json" : ".valid-" + number + ".json");
    }

    private static boolean exists(String formId, int number) {
        return Samples.class.getClassLoader().getResource(path(formId, number)) != null;
    }

    private static String json(String formId, int number, LocalDate today) {
        String path = path(formId, number);
        try (InputStream in = Samples.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = RELATIVE_DATE.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, today.plusDays(Integer.parseInt(m.group(1))).toString());
            }
            return m.appendTail(out).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample as field name → values. */
    public static Map<String, List<String>> values(String formId, LocalDate today) {
        return values(json(formId, today));
    }

    private static Map<String, List<String>> values(String json) {
        try {
            Map<String, List<String>> values = new LinkedHashMap<>();
            JSON.std.mapFrom(json).forEach((name, value) -> values.put(name,
                    value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of(String.valueOf(value))));
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample as the plain HTML form would send it: application/x-www-form-urlencoded. */
    public static String urlEncoded(Map<String, List<String>> values) {
        List<String> pairs = new ArrayList<>();
        values.forEach((name, list) -> list.forEach(v -> pairs.add(
                java.net.URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                        + java.net.URLEncoder.encode(v, StandardCharsets.UTF_8))));
        return String.join("&", pairs);
    }
}
