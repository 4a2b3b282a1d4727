package de.fachkraftallianz.forms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Example phone numbers in the forms' texts and in the samples can be dialled by someone who reads them: they must
 * be numbers the Bundesnetzagentur keeps unassigned for media ("Drama Numbers", Amtsblatt 7/2021, Mitteilung
 * 148/2021), here Berlin's (0)30 23125 000–999 and the mobile number 0152 28817386.
 */
class ExampleNumbersTest {

    /** A run of digits written like a German phone number (with an area code). */
    private static final Pattern PHONE = Pattern.compile("(?<![\\d-])(?:\\+49|0049|0)[\\s/()0-]*[1-9][\\d\\s/()-]{5,}\\d");
    /** Saxon postcodes in a list ("01809 01814") look like a number but are none. */
    private static final Pattern POSTCODES = Pattern.compile("0\\d{4}(?:[\\s,]+0\\d{4})+");
    private static final Pattern DRAMA = Pattern.compile("(?:\\+49|0049|0)(?:\\(0\\))?3023125\\d{0,3}|(?:\\+49|0049|0)15228817386");

    @Test
    void every_example_number_is_one_that_reaches_nobody() throws IOException {
        List<String> dialable = new ArrayList<>();
        for (Path directory : List.of(Path.of("src/main/resources/forms"), Path.of("src/test/resources/forms"))) {
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                    Matcher phone = PHONE.matcher(Files.readString(file, StandardCharsets.UTF_8));
                    while (phone.find()) {
                        String digits = phone.group().replaceAll("[\\s/()-]", "").replace("(0)", "");
                        boolean postcodes = POSTCODES.matcher(phone.group()).matches();
                        if (!postcodes && !DRAMA.matcher(digits).matches()) {
                            dialable.add(file.getFileName() + ": " + phone.group());
                        }
                    }
                }
            }
        }
        assertThat(dialable).isEmpty();
    }

    @Test
    void the_check_recognises_a_real_looking_number() {
        Matcher phone = PHONE.matcher("zum Beispiel 03501 123456.");
        assertThat(phone.find()).isTrue();
        assertThat(DRAMA.matcher(phone.group().replaceAll("[\\s/()-]", "")).matches()).isFalse();
        Matcher drama = PHONE.matcher("zum Beispiel 030 23125 456.");
        assertThat(drama.find()).isTrue();
        assertThat(DRAMA.matcher(drama.group().replaceAll("[\\s/()-]", "")).matches()).isTrue();
    }
}
