package de.fachkraftallianz.office.export;

import de.fachkraftallianz.forms.FormDefinition;
import de.fachkraftallianz.forms.FormDefinition.Field;
import de.fachkraftallianz.submission.CaseFile;
import de.fachkraftallianz.web.FormPages;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * One form's submissions as a CSV file that German Excel opens as it is: UTF-8 with a byte order mark (else Excel
 * reads ANSI), {@code ;} between cells (Excel's separator in a German locale), CRLF, dates as dd.MM.yyyy, one column
 * per field headed by the field's German label from the form definition, check box groups as their option labels
 * joined by ", ". FastCSV quotes what needs quoting; a cell that Excel would read as a formula (starting with
 * {@code = + - @}, tab or CR) gets a leading apostrophe, so it stays text (formula injection).
 */
public final class CsvExport implements AutoCloseable {

    private static final DateTimeFormatter RECEIVED =
            DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm").withZone(ZoneId.of("Europe/Berlin"));
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final FormDefinition form;
    private final CsvWriter csv;

    /** Writes the byte order mark and the header row. */
    public CsvExport(FormDefinition form, OutputStream out) throws IOException {
        this.form = form;
        out.write(BOM);
        this.csv = CsvWriter.builder().fieldSeparator(';').lineDelimiter(LineDelimiter.CRLF).build(out,
                StandardCharsets.UTF_8);
        List<String> header = new ArrayList<>(List.of("Vorgang", "Eingang", "Status", "Zuständig"));
        for (Field field : form.fields()) {
            header.add(guard(field.summaryLabel()));
        }
        csv.writeRecord(header);
    }

    /** One row: reference, received, status, assignee, then every field of the form (empty where not answered). */
    public void write(CaseFile file) {
        List<String> row = new ArrayList<>();
        row.add(file.reference());
        row.add(RECEIVED.format(file.createdAt()));
        row.add(file.status().label());
        row.add(guard(file.assignee() == null ? "" : file.assignee().name()));
        for (Field field : form.fields()) {
            List<String> given = file.values().get(field.name());
            List<String> shown = new ArrayList<>();
            if (given != null) {
                for (String value : given) {
                    shown.add(FormPages.shown(field, value));
                }
            } else if (field.type().isTickBox() && (field.showIf() == null || field.showIf().holds(file.values()))) {
                shown.add(FormPages.unanswered(field));
            }
            row.add(guard(String.join(", ", shown)));
        }
        csv.writeRecord(row);
    }

    /** A last line saying the file is incomplete (when the table failed in the middle of an export). */
    public void incomplete(String message) {
        csv.writeRecord(guard(message));
    }

    /** Text Excel would take for a formula is prefixed with an apostrophe. */
    static String guard(String cell) {
        if (!cell.isEmpty()) {
            char first = cell.charAt(0);
            if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
                return "'" + cell;
            }
        }
        return cell;
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
