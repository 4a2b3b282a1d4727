package de.fachkraftallianz.site;

import de.fachkraftallianz.directory.Directory;
import de.fachkraftallianz.directory.Entry;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Made-up published entries in any number, for the tests and the benchmark of a directory with hundreds of entries:
 * the same every time (seeded), with the lengths real entries have (names of 20 to 70 characters, descriptions of
 * 150 to 600, one to three ways and target groups), or with every field at the longest the form allows. Every
 * number is one of the unassigned numbers for media use (030 23125 xxx), every address on example.org.
 */
public final class DirectoryFixture {

    private static final String[] WORDS = {"Beratung", "Jugendclub", "Elterntelefon", "Lernhilfe", "Familienzentrum",
        "Sorgentelefon", "Medienwerkstatt", "Chat", "Treffpunkt", "Sprechstunde", "Ausbildung", "Freizeit", "Sport",
        "Musik", "Schule", "Alltag", "Zuhause", "Osterzgebirge", "Elbtal", "Sächsische", "Schweiz", "online",
        "digital", "für", "und", "mit", "junge", "Leute", "Kinder", "Eltern"};
    private static final String[] CHANNELS = {"telefon", "email", "chat", "video", "social-media"};
    private static final String[] GROUPS = {"kinder", "jugendliche", "junge-erwachsene", "eltern-familien",
        "fachkraefte"};

    private DirectoryFixture() {
    }

    /** {@code count} entries of realistic length. */
    public static List<Entry> realistic(int count) {
        Random random = new Random(2020);
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<String> channels = pick(random, CHANNELS, 1 + random.nextInt(3));
            List<String> groups = pick(random, GROUPS, 1 + random.nextInt(3));
            entries.add(entry(i, text(random, 20, 70), text(random, 20, 70), text(random, 150, 600),
                    text(random, 20, 70), channels, groups, "Instagram"));
        }
        return entries;
    }

    /** {@code count} entries with every way, every group and every text at the longest the form allows. */
    public static List<Entry> longest(int count) {
        Random random = new Random(2021);
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(entry(i, text(random, 120, 120), text(random, 120, 120), text(random, 600, 600),
                    text(random, 200, 200), List.of(CHANNELS), List.of(GROUPS), "x".repeat(60)));
        }
        return entries;
    }

    private static Entry entry(int i, String title, String traeger, String description, String hours,
            List<String> channels, List<String> groups, String platform) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        fields.put(Directory.TRAEGER, List.of(traeger));
        fields.put(Directory.TITLE, List.of(title));
        fields.put(Directory.DESCRIPTION, List.of(description));
        fields.put(Directory.GROUPS, groups);
        fields.put(Directory.ANONYMOUS, List.of(i % 2 == 0 ? "ja" : "nein"));
        fields.put(Directory.FREE, List.of("ja"));
        fields.put(Directory.CHANNELS, channels);
        String suffix = String.format("%03d", i % 1000);
        for (String channel : channels) {
            String field = Directory.ADDRESS_FIELD.get(channel);
            switch (channel) {
                case "telefon" -> fields.put(field, List.of("030 23125 " + (100 + i % 900)));
                case "email" -> fields.put(field, List.of("angebot" + suffix + "@example.org"));
                case "social-media" -> {
                    fields.put(Directory.PLATFORM, List.of(platform));
                    fields.put(field, List.of(link(channel, suffix, platform.length() > 20 ? 300 : 0)));
                }
                default -> fields.put(field, List.of(link(channel, suffix, platform.length() > 20 ? 300 : 0)));
            }
        }
        fields.put(Directory.HOURS, List.of(hours));
        String slug = String.format("e%03d-%s", i, Integer.toString(i * 7919 % 10000, 36));
        return new Entry(slug, fields, LocalDate.of(2020, 4, 1).plusDays(i % 60), false);
    }

    /** An https address on example.org, padded to {@code length} characters if that is more. */
    private static String link(String channel, String suffix, int length) {
        String link = "https://" + channel + ".example.org/angebot-" + suffix;
        return link.length() >= length ? link : link + "/" + "a".repeat(length - link.length() - 1);
    }

    private static List<String> pick(Random random, String[] from, int count) {
        List<String> all = new ArrayList<>(List.of(from));
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            picked.add(all.remove(random.nextInt(all.size())));
        }
        List<String> ordered = new ArrayList<>();
        for (String value : from) {
            if (picked.contains(value)) {
                ordered.add(value);
            }
        }
        return ordered;
    }

    /** Words until the text has between {@code min} and {@code max} characters (exactly max if min == max). */
    private static String text(Random random, int min, int max) {
        int length = min + (max > min ? random.nextInt(max - min + 1) : 0);
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(WORDS[random.nextInt(WORDS.length)]);
        }
        String result = text.substring(0, length).strip();
        return result.length() < length ? result + "x".repeat(length - result.length()) : result;
    }
}
