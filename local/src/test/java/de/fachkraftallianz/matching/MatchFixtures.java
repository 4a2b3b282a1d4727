package de.fachkraftallianz.matching;

import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.Samples;
import de.fachkraftallianz.local.LocalStack;
import de.fachkraftallianz.store.DynamoSubmissionStore;
import de.fachkraftallianz.store.MatchStore;
import de.fachkraftallianz.store.SubmissionStore;
import de.fachkraftallianz.submission.Retention;
import de.fachkraftallianz.submission.Status;
import de.fachkraftallianz.submission.Submission;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Requests and offers stored as the public form stores them, and the invariants every state must keep. */
public final class MatchFixtures {

    private static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();
    public static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Berlin"));

    private final LocalStack stack;

    public MatchFixtures(LocalStack stack) {
        this.stack = stack;
    }

    public MatchStore store() {
        return new MatchStore(stack.dynamoDb(), stack.tableName());
    }

    /** A county-wide offer of {@code count} professionals (the sample otherwise), status NEW. */
    public String offer(int count) {
        Map<String, List<String>> values = new LinkedHashMap<>(Samples.values(Facts.OFFER_FORM, TODAY));
        values.put("anzahl_fachkraefte", List.of(Integer.toString(count)));
        values.put("einsatzgebiet", List.of("landkreis"));
        values.remove("einsatzorte");
        return store(Facts.OFFER_FORM, values);
    }

    /** A facility's request for {@code count} professionals (the sample otherwise), status NEW. */
    public String request(int count) {
        Map<String, List<String>> values = new LinkedHashMap<>(Samples.values(Facts.FACILITY_FORM, TODAY));
        values.put("anzahl_fachkraefte", List.of(Integer.toString(count)));
        return store(Facts.FACILITY_FORM, values);
    }

    /** A foster family's request (the sample: postcode 01796, from in a week), status NEW. */
    public String fosterRequest() {
        return store(Facts.FOSTER_FORM, new LinkedHashMap<>(Samples.values(Facts.FOSTER_FORM, TODAY)));
    }

    public String store(String formId, Map<String, List<String>> values) {
        return store(reference(), formId, values);
    }

    /** As {@link #store(String, Map)}, under a given reference (one that is free again after an erasure). */
    public String store(String reference, String formId, Map<String, List<String>> values) {
        Instant now = Instant.now();
        SubmissionStore.PutResult result = new DynamoSubmissionStore(stack.dynamoDb(), stack.tableName())
                .putIfAbsent(new Submission(reference, formId, Status.NEW, now, Retention.onArrival(Status.NEW, now),
                        "hash-" + reference, values, null));
        assertThat(result).isInstanceOf(SubmissionStore.Stored.class);
        return reference;
    }

    public static String reference() {
        char[] code = new char[9];
        for (int i = 0; i < code.length; i++) {
            code[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
        }
        code[4] = '-';
        return new String(code);
    }

    /** The sample's shared period and hours: what the match forms propose. */
    public static Proposal proposal(int persons) {
        return new Proposal(persons, TODAY.plusDays(14), TODAY.plusDays(60), 30);
    }

    public static String id() {
        return java.util.UUID.randomUUID().toString().replace("-", "");
    }

    public MatchFile read(String reference) {
        return store().find(reference).orElseThrow();
    }

    /**
     * An offer's books balance: free = offered − the persons every entry that holds capacity holds, never below
     * zero; a marker for exactly the unfinished entries. Returns the persons held.
     */
    public int assertOfferConsistent(String offer) {
        MatchFile file = read(offer);
        int held = 0;
        List<String> unfinished = new java.util.ArrayList<>();
        for (Match match : file.entries().values()) {
            if (match.state().holdsCapacity()) {
                held += match.persons();
            }
            if (match.state().unsettled()) {
                unfinished.add(match.settling());
            }
        }
        assertThat(file.number()).as("free of " + offer).isGreaterThanOrEqualTo(0)
                .isEqualTo(file.facts().count() - held);
        assertThat(file.unsettled()).as("markers of " + offer).containsExactlyInAnyOrderElementsOf(unfinished);
        return held;
    }

    /** A request's books balance: open = needed − the persons of its ACTIVE matches, never below zero. */
    public int assertRequestConsistent(String request) {
        MatchFile file = read(request);
        int matched = 0;
        for (Match match : file.entries().values()) {
            if (match.state() == Match.State.ACTIVE) {
                matched += match.persons();
            }
        }
        assertThat(file.number()).as("open of " + request).isGreaterThanOrEqualTo(0)
                .isEqualTo(file.facts().count() - matched);
        return matched;
    }

    /** The ids in the week's match log of facility requests. */
    public List<String> logged() {
        var item = stack.dynamoDb().getItem(b -> b.tableName(stack.tableName()).consistentRead(true)
                .key(de.fachkraftallianz.store.TableKeys.matchLogKey(Facts.FACILITY_FORM,
                        MatchStore.monday(Instant.now())))).item();
        return item == null || !item.containsKey("ids") ? List.of() : item.get("ids").ss();
    }
}
