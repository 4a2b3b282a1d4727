package de.fachkraftallianz.local;

import com.fasterxml.jackson.jr.ob.JSON;
import de.fachkraftallianz.forms.FormCatalog;
import de.fachkraftallianz.forms.FormDefinition;
import de.fachkraftallianz.forms.Validator;
import de.fachkraftallianz.local.cognito.LocalCognito;
import de.fachkraftallianz.matching.MatchService;
import de.fachkraftallianz.matching.Proposal;
import de.fachkraftallianz.store.DynamoSubmissionStore;
import de.fachkraftallianz.store.MatchStore;
import de.fachkraftallianz.store.OfficeStore;
import de.fachkraftallianz.store.TableKeys;
import de.fachkraftallianz.submission.CaseFile;
import de.fachkraftallianz.submission.CaseFile.Person;
import de.fachkraftallianz.submission.Status;
import de.fachkraftallianz.submit.SubmissionService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Made-up submissions of every form (examples/submissions.json), stored when the local table holds none, so that
 * someone starting the stack for the first time finds a working office: new and unread ones, some in progress with
 * an assignee and a note, closed ones, and suspected spam. They go through the same validation and the same writes as
 * real ones (SubmissionService, OfficeStore), received on earlier days or earlier today, never later than now with
 * their office steps and matches in the past too. Their notifications count as delivered when they came in: the
 * team's mailbox gets no mail for them at start (a form sent now gets one). Only the local stack calls this.
 */
public final class ExampleSubmissions {

    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final Pattern RELATIVE_DATE = Pattern.compile("\\{\\{\\+(\\d+)}}");

    /** How long ago the examples' matches were made: after every example came in. */
    private static final Duration MATCHES_AGO = Duration.ofHours(1);
    /** The time between an example's arrival and each of its office steps. */
    private static final Duration STEP = Duration.ofMinutes(47);

    private ExampleSubmissions() {
    }

    /**
     * The example's notifications went out when it came in: its outbox goes (and with it its place in the outbox
     * index), so the notifier does not mail the team about made-up submissions, closed ones included, at start.
     */
    private static void delivered(DynamoDbClient dynamoDb, String tableName, String reference) {
        dynamoDb.updateItem(b -> b.tableName(tableName).key(de.fachkraftallianz.store.TableKeys.submissionKey(reference))
                .updateExpression("REMOVE #o, #pk4, #sk4")
                .expressionAttributeNames(Map.of("#o", de.fachkraftallianz.store.OutboxMapper.OUTBOX,
                        "#pk4", de.fachkraftallianz.store.TableKeys.GSI4_PK,
                        "#sk4", de.fachkraftallianz.store.TableKeys.GSI4_SK)));
    }

    /**
     * One example: its form, when it came in, its answers, and what the office has done with it since; {@code key}
     * names it for a match another example makes.
     */
    public record Example(String form, int daysAgo, int hour, String spam, Map<String, Object> values,
                          List<Map<String, String>> changes, String key) {
    }

    /** A match an example (a request) makes with a keyed example (an offer), made once every example is stored. */
    private record Deferred(String request, LocalDate day, Map<String, String> change, Instant at) {
    }

    /** Stores the examples if the table holds no submission yet; the number stored (0 if it held some). */
    public static int storeIfEmpty(DynamoDbClient dynamoDb, String tableName, Clock clock) {
        if (holdsSubmissions(dynamoDb, tableName)) {
            return 0;
        }
        FormCatalog forms = FormCatalog.load();
        OfficeStore office = new OfficeStore(dynamoDb, tableName);
        Map<String, LocalCognito.User> users = new LinkedHashMap<>();
        for (LocalCognito.User user : LocalCognito.DEFAULT_USERS) {
            users.put(user.username(), user);
            office.saveStaff(person(user), user.groups(), clock.instant());
        }
        int stored = 0;
        Map<String, String> keyed = new LinkedHashMap<>();
        List<Deferred> matches = new ArrayList<>();
        for (Example example : load()) {
            FormDefinition form = forms.find(example.form())
                    .orElseThrow(() -> new IllegalStateException("example of unknown form " + example.form()));
            Instant received = LocalDate.now(clock.withZone(ZONE)).minusDays(example.daysAgo())
                    .atTime(example.hour(), 7 * stored % 60).atZone(ZONE).toInstant();
            // Today's examples at an hour still to come move back, so that they and each of their steps (47 minutes
            // apart) lie before the matches made an hour ago, and before now.
            Instant latest = clock.instant().minus(MATCHES_AGO).minus(STEP.multipliedBy(example.changes().size() + 1L));
            if (received.isAfter(latest)) {
                received = latest.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
            }
            LocalDate day = LocalDate.ofInstant(received, ZONE);
            Clock then = Clock.fixed(received, ZONE);
            de.fachkraftallianz.forms.ValidationResult result = new Validator(then).validate(form, answers(example.values(), day));
            if (!result.errors().isEmpty()) {
                throw new IllegalStateException("example " + stored + " of " + form.id() + " is not valid: "
                        + result.errors().keySet());
            }
            String reference = new SubmissionService(new DynamoSubmissionStore(dynamoDb, tableName), then)
                    .submit(form, result.values(), example.spam()).reference();
            if (example.key() != null) {
                keyed.put(example.key(), reference);
            }
            delivered(dynamoDb, tableName, reference);
            Instant at = received;
            for (Map<String, String> change : example.changes()) {
                at = at.plus(STEP);
                if (change.containsKey("match")) {
                    // Made an hour ago, after every example came in (the offer may be younger than the request).
                    matches.add(new Deferred(reference, day, change, clock.instant().minus(MATCHES_AGO)));
                } else {
                    apply(office, reference, change, users, at);
                }
            }
            stored++;
        }
        for (Deferred match : matches) {
            match(dynamoDb, tableName, match, keyed, users);
        }
        return stored;
    }

    /** Makes an example's match through the same service the office uses, at the time the example gives. */
    private static void match(DynamoDbClient dynamoDb, String tableName, Deferred deferred, Map<String, String> keyed,
            Map<String, LocalCognito.User> users) {
        Map<String, String> change = deferred.change();
        String offer = keyed.get(change.get("match"));
        if (offer == null) {
            throw new IllegalStateException("example match with unknown key " + change.get("match"));
        }
        Map<String, List<String>> dates = answers(Map.of("from", change.get("from"), "until", change.get("until")),
                deferred.day());
        MatchService service = new MatchService(new MatchStore(dynamoDb, tableName), Clock.fixed(deferred.at(), ZONE));
        MatchService.Outcome outcome = service.match(java.util.UUID.randomUUID().toString().replace("-", ""),
                deferred.request(), offer, new Proposal(Integer.parseInt(change.get("persons")),
                        LocalDate.parse(dates.get("from").get(0)), LocalDate.parse(dates.get("until").get(0)),
                        Integer.parseInt(change.get("hours"))), person(users.get(change.get("by"))));
        if (!(outcome instanceof MatchService.Matched)) {
            throw new IllegalStateException("example match of " + deferred.request() + " not made: " + outcome);
        }
        // Whoever matched them opened both: neither is "ungelesen" for that person's department any more.
        LocalCognito.User user = users.get(change.get("by"));
        OfficeStore office = new OfficeStore(dynamoDb, tableName);
        for (String reference : List.of(deferred.request(), offer)) {
            office.markOpened(reference, new de.fachkraftallianz.office.Access(user.groups())
                    .readers(office.find(reference).orElseThrow().formId()), person(user), deferred.at());
        }
    }

    private static void apply(OfficeStore office, String reference, Map<String, String> change,
            Map<String, LocalCognito.User> users, Instant at) {
        LocalCognito.User user = users.get(change.get("by"));
        Person by = person(user);
        CaseFile file = office.find(reference).orElseThrow();
        // Opened by that person: read in their groups that see the form, as the office records it.
        office.markOpened(reference, new de.fachkraftallianz.office.Access(user.groups()).readers(file.formId()), by, at);
        OfficeStore.Result result;
        if (change.containsKey("status")) {
            result = office.changeStatus(reference, file.version(), file.status(), Status.valueOf(change.get("status")),
                    by, at, change.get("reason"), file.formId(),
                    FormCatalog.load().find(file.formId()).orElseThrow().retentionDays());
        } else if (change.containsKey("assign")) {
            result = office.assign(reference, file.version(), person(users.get(change.get("assign"))), by, at,
                    file.assignee(), TableKeys.timeSortKey(file.createdAt(), reference));
        } else {
            result = office.addNote(reference, file.version(), change.get("note"), by, at);
        }
        if (!(result instanceof OfficeStore.Changed)) {
            throw new IllegalStateException("example change on " + reference + " not stored: " + result);
        }
    }

    private static Person person(LocalCognito.User user) {
        return new Person(user.sub(), user.name());
    }

    /** The answers as a form post would carry them, relative dates resolved from the day the example came in. */
    public static Map<String, List<String>> answers(Map<String, Object> values, LocalDate received) {
        Map<String, List<String>> answers = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            List<String> list = new ArrayList<>();
            if (value instanceof List<?> many) {
                many.forEach(v -> list.add(String.valueOf(v)));
            } else {
                Matcher relative = RELATIVE_DATE.matcher(String.valueOf(value));
                list.add(relative.matches() ? received.plusDays(Long.parseLong(relative.group(1))).toString()
                        : String.valueOf(value));
            }
            answers.put(name, list);
        });
        return answers;
    }

    /** Whether any form has a submission (spam or not): one Query with Limit 1 per form and kind, no Scan. */
    static boolean holdsSubmissions(DynamoDbClient dynamoDb, String tableName) {
        for (String formId : FormCatalog.FORM_IDS) {
            for (boolean spam : List.of(false, true)) {
                if (dynamoDb.query(b -> b.tableName(tableName).indexName(TableKeys.GSI_BY_FORM).limit(1)
                        .keyConditionExpression("#pk = :pk").expressionAttributeNames(Map.of("#pk", TableKeys.GSI1_PK))
                        .expressionAttributeValues(Map.of(":pk",
                                AttributeValue.fromS(TableKeys.formPartition(formId, spam))))).count() > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    public static List<Example> load() {
        try (InputStream in = ExampleSubmissions.class.getResourceAsStream("/examples/submissions.json")) {
            if (in == null) {
                throw new IllegalStateException("examples/submissions.json is missing from the local module");
            }
            Map<String, Object> document = JSON.std.mapFrom(in);
            List<Example> examples = new ArrayList<>();
            for (Object each : (List<Object>) document.get("submissions")) {
                Map<String, Object> example = (Map<String, Object>) each;
                List<Map<String, String>> changes = new ArrayList<>();
                for (Object change : (List<Object>) example.getOrDefault("changes", List.of())) {
                    Map<String, String> strings = new LinkedHashMap<>();
                    ((Map<String, Object>) change).forEach((k, v) -> strings.put(k, String.valueOf(v)));
                    changes.add(strings);
                }
                examples.add(new Example((String) example.get("form"), ((Number) example.get("daysAgo")).intValue(),
                        ((Number) example.get("hour")).intValue(), (String) example.get("spam"),
                        (Map<String, Object>) example.get("values"), changes, (String) example.get("key")));
            }
            return examples;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
