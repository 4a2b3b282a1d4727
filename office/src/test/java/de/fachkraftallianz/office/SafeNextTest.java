package de.fachkraftallianz.office;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where the browser goes after sign-in ({@code next}, which comes from the address and so from anyone): only a path
 * of the office itself, as a browser resolves it, survives; everything else becomes the inbox.
 */
class SafeNextTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "/intern",
            "/intern/",
            "/intern/vorgang/ABCD-EFGH",
            "/intern/vorgang/ABCD-EFGH?gespeichert=1",
            "/intern?formular=bedarf-einrichtung&status=NEW&zustaendig=mir",
            "/intern?vor=2026-03-01T10%3A00%3A00Z%23ABCD-EFGH",
            "/intern?suche=..%2F..",
    })
    void keeps_a_path_of_the_office(String next) {
        assertThat(OfficeHandler.safeNext(next)).isEqualTo(next);
    }

    @Test
    void without_a_next_it_is_the_inbox() {
        assertThat(OfficeHandler.safeNext(null)).isEqualTo("/intern");
        assertThat(OfficeHandler.safeNext("")).isEqualTo("/intern");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // Other hosts, however written.
            "//evil.example",
            "///evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "/intern//evil.example",
            "/intern/\\evil.example",
            "https://evil.example/intern",
            "http:/evil.example",
            "javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "/intern@evil.example",
            "/intern:pw@evil.example",
            "/intern.evil.example",
            // Not the office.
            "intern",
            "/",
            "/internal",
            "/intern-x",
            "/api/office/logout",
            "/intern#x",
            "/intern;x",
            // Out of the office by dot segments, plain or escaped (browsers resolve %2e as a dot).
            "/intern/..",
            "/intern/../x",
            "/intern/..?x=1",
            "/intern/vorgang/../../api/office/logout",
            "/intern/.",
            "/intern/./x",
            "/intern/%2e%2e/x",
            "/intern/%2E%2E/x",
            "/intern/.%2e/x",
            "/intern/%2e./x",
            // Escaped slashes and backslashes.
            "/%2F%2Fevil.example",
            "/%2f%2fevil.example",
            "/%5Cevil.example",
            "/intern/%2F%2Fevil.example",
            "/intern/%5C%5Cevil.example",
            "/intern%2F..%2Fx",
            // Control characters, spaces, non-ASCII.
            "/intern\u0000",
            "/intern/\u0000//evil.example",
            "/intern/\r\nLocation: https://evil.example",
            "/intern/\t",
            "/intern/ x",
            "/intern/\u007f",
            "/intern/\u0085",
            "/intern/\u2028",
            "/intern/ä",
            "/intern/\uff0e\uff0e/x",
            "/intern/\uff0f\uff0fevil.example",
    })
    void anything_else_is_the_inbox(String next) {
        assertThat(OfficeHandler.safeNext(next)).isEqualTo("/intern");
    }
}
