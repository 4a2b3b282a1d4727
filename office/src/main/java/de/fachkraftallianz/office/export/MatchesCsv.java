package de.fachkraftallianz.office.export;

import de.fachkraftallianz.matching.Match;
import de.fachkraftallianz.matching.MatchFile;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The matches of a request form's submissions as a CSV file for German Excel, written like {@link CsvExport} (BOM,
 * {@code ;}, CRLF, formula guard): one row per match that came about (active or cancelled), from the request's own
 * record of it, which decides whether a match exists. Offers appear by reference only (each department finds them in
 * the office); nothing of the request's answers.
 */
public final class MatchesCsv implements AutoCloseable {

    static final List<String> HEADER = List.of("Anfrage", "Angebot", "Fachkräfte", "Von", "Bis",
            "Stunden je Woche und Fachkraft", "Stand", "Vermittelt am", "Vermittelt von", "Aufgehoben am",
            "Aufgehoben von", "Grund der Aufhebung");
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm").withZone(ZONE);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final CsvWriter csv;
    private int rows;

    /** Writes the byte order mark and the header row. */
    public MatchesCsv(OutputStream out) throws IOException {
        out.write(BOM);
        this.csv = CsvWriter.builder().fieldSeparator(';').lineDelimiter(LineDelimiter.CRLF).build(out,
                StandardCharsets.UTF_8);
        csv.writeRecord(HEADER);
    }

    /** The rows of one request: its matches that came about, oldest first. */
    public void write(MatchFile request) {
        if (request.entries() == null || !request.isRequest()) {
            return;
        }
        List<Match> matches = new ArrayList<>(request.entries().values());
        matches.sort((a, b) -> a.at() == null || b.at() == null ? 0 : a.at().compareTo(b.at()));
        for (Match match : matches) {
            if (match.state() != Match.State.ACTIVE && match.state() != Match.State.CANCELLED) {
                continue;
            }
            csv.writeRecord(
                    request.file().reference(),
                    match.offer(),
                    Integer.toString(match.persons()),
                    day(match.from()),
                    match.until() == null ? "offen" : day(match.until()),
                    Integer.toString(match.hours()),
                    match.state().label(),
                    match.at() == null ? "" : WHEN.format(match.at()),
                    CsvExport.guard(match.by() == null ? "" : match.by().name()),
                    match.cancelled() == null ? "" : WHEN.format(match.cancelled()),
                    CsvExport.guard(match.cancelledBy() == null ? "" : match.cancelledBy().name()),
                    CsvExport.guard(match.reason() == null ? "" : match.reason()));
            rows++;
        }
    }

    /** The number of match rows written. */
    public int rows() {
        return rows;
    }

    /** A last line saying the file is incomplete (when the table failed in the middle of an export). */
    public void incomplete(String message) {
        csv.writeRecord(CsvExport.guard(message));
    }

    private static String day(LocalDate date) {
        return date == null ? "" : DAY.format(date);
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
