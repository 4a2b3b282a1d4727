package de.fachkraftallianz.local;

import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.forms.FormCatalog;
import de.fachkraftallianz.store.Inbox;
import de.fachkraftallianz.store.OfficeStore;
import de.fachkraftallianz.submission.CaseFile;
import de.fachkraftallianz.submission.Status;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The made-up examples a newcomer's empty local table gets: stored once, valid, and telling of a working office. */
class ExampleSubmissionsIT {

    static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(LocalStack.Options.defaults());
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void an_empty_table_gets_every_example_once_with_its_office_history() {
        int expected = ExampleSubmissions.load().size();
        // Half past midnight: every example of "today" at a later hour would lie in the future.
        java.time.Instant now = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Berlin")).atTime(0, 30)
                .atZone(java.time.ZoneId.of("Europe/Berlin")).toInstant();
        assertThat(ExampleSubmissions.storeIfEmpty(stack.dynamoDb(), stack.tableName(),
                Clock.fixed(now, java.time.ZoneOffset.UTC))).isEqualTo(expected);
        assertThat(ExampleSubmissions.storeIfEmpty(stack.dynamoDb(), stack.tableName(), Clock.systemUTC()))
                .as("a table with submissions is left alone").isZero();

        OfficeStore store = new OfficeStore(stack.dynamoDb(), stack.tableName());
        Inbox.Page all = store.inbox(new Inbox.Query(FormCatalog.FORM_IDS, Optional.empty(), true, Optional.empty(),
                false, Optional.empty(), Optional.empty(), Optional.empty(), 100));
        assertThat(all.rows()).hasSize(expected);
        assertThat(all.rows()).extracting(Inbox.Row::formId).containsAll(FormCatalog.FORM_IDS);
        assertThat(all.rows()).extracting(Inbox.Row::status)
                .contains(Status.NEW, Status.IN_PROGRESS, Status.DONE, Status.DECLINED, Status.SUSPECTED_SPAM);
        assertThat(all.rows()).anyMatch(r -> r.openedIn().isEmpty()).anyMatch(r -> !r.openedIn().isEmpty())
                .anyMatch(r -> r.assigneeName() != null);

        List<CaseFile> files = new ArrayList<>();
        all.rows().forEach(r -> files.add(store.find(r.reference()).orElseThrow()));
        assertThat(files).as("nothing received or done after now").allSatisfy(f -> {
            assertThat(f.createdAt()).isBeforeOrEqualTo(now);
            assertThat(f.history()).allSatisfy(e -> assertThat(e.at()).isBeforeOrEqualTo(now));
        });
        // Their notifications went out when they came in: nothing waits in the outbox for the notifier.
        assertThat(stack.dynamoDb().scan(b -> b.tableName(stack.tableName())
                .filterExpression("attribute_exists(outbox) OR attribute_exists(gsi4pk)")).items())
                .as("no mail for the examples at start").isEmpty();
        assertThat(files).filteredOn(f -> f.status() == Status.DONE)
                .allSatisfy(f -> assertThat(f.history()).last().extracting(CaseFile.HistoryEntry::text).isNotNull());
        // Matching: one made-up match (Tagesgruppe Regenbogen from Lindenhof), and suggestions with reasons both ways.
        de.fachkraftallianz.store.MatchStore matches = new de.fachkraftallianz.store.MatchStore(stack.dynamoDb(),
                stack.tableName());
        List<de.fachkraftallianz.matching.MatchFile> open = new ArrayList<>();
        for (Inbox.Row row : all.rows()) {
            if (de.fachkraftallianz.matching.Facts.matches(row.formId())) {
                open.add(matches.find(row.reference()).orElseThrow());
            }
        }
        assertThat(open).as("every request and offer carries its facts").allMatch(
                de.fachkraftallianz.matching.MatchFile::initialised);
        assertThat(open).filteredOn(f -> f.entries().values().stream()
                .anyMatch(m -> m.state() == de.fachkraftallianz.matching.Match.State.ACTIVE))
                .as("whoever matched them opened both").allMatch(f -> !f.file().openedIn().isEmpty()).hasSize(2)
                .allSatisfy(f -> assertThat(f.number()).isEqualTo(f.facts().count() - 1));
        de.fachkraftallianz.matching.MatchFile waiting = open.stream().filter(f -> f.isRequest()
                && f.file().status() == Status.NEW && f.file().spamReason() == null
                && f.facts().areas().contains("stationaer")).findFirst().orElseThrow();
        List<de.fachkraftallianz.matching.Ranking.Candidate> offers = new ArrayList<>();
        for (var row : matches.open(de.fachkraftallianz.matching.Facts.OFFER_FORM)) {
            offers.add(new de.fachkraftallianz.matching.Ranking.Candidate(row.reference(), row.createdAt(), row.facts(),
                    row.number()));
        }
        var ranked = de.fachkraftallianz.matching.Ranking.rank(waiting.facts(), waiting.number(), offers,
                java.time.LocalDate.now(java.time.ZoneId.of("Europe/Berlin")),
                de.fachkraftallianz.matching.Vocabulary.of(FormCatalog.load())).ranked();
        assertThat(ranked).as("a newcomer sees suggestions: one that fits, one that fits partly").hasSizeGreaterThan(1);
        assertThat(ranked.get(0).reasons()).allMatch(r -> r.fit().met());
        assertThat(ranked.get(ranked.size() - 1).reasons()).anyMatch(r -> !r.fit().met());

        // Made up: every e-mail on example.org, every number from the unassigned media range.
        for (CaseFile file : files) {
            file.values().forEach((name, values) -> values.forEach(value -> {
                if (value.contains("@")) {
                    assertThat(value).as(name).endsWith("@example.org");
                }
                if (name.contains("telefon")) {
                    assertThat(value).as(name).startsWith("030 23125 ");
                }
            }));
        }
    }
}
