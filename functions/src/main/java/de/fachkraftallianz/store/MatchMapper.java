package de.fachkraftallianz.store;

import static de.fachkraftallianz.store.CaseFileMapper.s;

import de.fachkraftallianz.matching.Facts;
import de.fachkraftallianz.matching.Listed;
import de.fachkraftallianz.matching.Match;
import de.fachkraftallianz.matching.MatchFile;
import de.fachkraftallianz.submission.CaseFile.Person;
import de.fachkraftallianz.submission.Status;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What matching keeps on a submission item, to and from DynamoDB: the {@code facts} map (short keys: it is projected
 * into every index), the counters {@code free} / {@code open}, and the match entries ({@code allocations} on an offer,
 * {@code matches} on a request).
 */
public final class MatchMapper {

    private MatchMapper() {
    }

    /**
     * The matching attributes a new submission item starts with: its facts, its counter (all professionals free or
     * needed) and an empty map of entries (a nested update needs its map to exist). Nothing for other forms.
     */
    static void addTo(Map<String, AttributeValue> item, String formId, Facts facts) {
        if (facts == null) {
            return;
        }
        item.put(TableKeys.FACTS, facts(facts));
        boolean offer = Facts.isOffer(formId);
        item.put(offer ? TableKeys.FREE : TableKeys.OPEN, AttributeValue.fromN(Integer.toString(facts.count())));
        item.put(offer ? TableKeys.ALLOCATIONS : TableKeys.MATCHES, AttributeValue.fromM(Map.of()));
    }

    static AttributeValue facts(Facts facts) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        m.put("areas", strings(facts.areas()));
        if (!facts.qualifications().isEmpty()) {
            m.put("quals", strings(facts.qualifications()));
        }
        if (facts.countyWide()) {
            m.put("county", AttributeValue.fromBool(true));
        }
        if (!facts.postcodes().isEmpty()) {
            m.put("plz", strings(facts.postcodes()));
        }
        if (facts.mobile() != null) {
            m.put("mobile", AttributeValue.fromBool(facts.mobile()));
        }
        m.put("from", s(facts.from().toString()));
        if (facts.until() != null) {
            m.put("until", s(facts.until().toString()));
        }
        if (facts.hours() != null) {
            m.put("hours", AttributeValue.fromN(facts.hours().toString()));
        }
        m.put("count", AttributeValue.fromN(Integer.toString(facts.count())));
        return AttributeValue.fromM(m);
    }

    static Facts facts(AttributeValue value) {
        if (value == null || !value.hasM()) {
            return null;
        }
        Map<String, AttributeValue> m = value.m();
        return new Facts(list(m.get("areas")), list(m.get("quals")),
                m.containsKey("county") && Boolean.TRUE.equals(m.get("county").bool()), list(m.get("plz")),
                m.containsKey("mobile") ? m.get("mobile").bool() : null, LocalDate.parse(m.get("from").s()),
                m.containsKey("until") ? LocalDate.parse(m.get("until").s()) : null,
                m.containsKey("hours") ? Integer.valueOf(m.get("hours").n()) : null,
                Integer.parseInt(m.get("count").n()));
    }

    /** A request's or offer's item as matching reads it. */
    public static MatchFile fromItem(Map<String, AttributeValue> item) {
        String formId = item.get("formId").s();
        boolean offer = Facts.isOffer(formId);
        AttributeValue counter = item.get(offer ? TableKeys.FREE : TableKeys.OPEN);
        AttributeValue entries = item.get(offer ? TableKeys.ALLOCATIONS : TableKeys.MATCHES);
        Map<String, Match> matches = null;
        if (entries != null && entries.hasM()) {
            matches = new LinkedHashMap<>();
            for (Map.Entry<String, AttributeValue> entry : entries.m().entrySet()) {
                matches.put(entry.getKey(), match(entry.getKey(), entry.getValue().m(), item.get("reference").s(),
                        formId, offer));
            }
        }
        return new MatchFile(CaseFileMapper.fromItem(item), facts(item.get(TableKeys.FACTS)),
                counter == null ? null : Integer.valueOf(counter.n()), matches, unsettled(item));
    }

    /** An index row of an open request or offer. */
    static Listed listed(Map<String, AttributeValue> item) {
        String formId = item.get("formId").s();
        AttributeValue counter = item.get(Facts.isOffer(formId) ? TableKeys.FREE : TableKeys.OPEN);
        return new Listed(item.get("reference").s(), formId, Status.valueOf(item.get("status").s()),
                Instant.parse(item.get("createdAt").s()), facts(item.get(TableKeys.FACTS)),
                counter == null ? null : Integer.valueOf(counter.n()), unsettled(item));
    }

    private static Set<String> unsettled(Map<String, AttributeValue> item) {
        AttributeValue value = item.get(TableKeys.UNSETTLED);
        return value == null || !value.hasSs() ? Set.of() : new LinkedHashSet<>(value.ss());
    }

    /**
     * One entry. On an offer it names the request ({@code request}, {@code form}); on a request the offer
     * ({@code offer}); the item's own reference fills the other side.
     */
    static AttributeValue entry(Match match, boolean onOffer) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        if (onOffer) {
            m.put("request", s(match.request()));
            m.put("form", s(match.requestForm()));
        } else {
            m.put("offer", s(match.offer()));
        }
        m.put("n", AttributeValue.fromN(Integer.toString(match.persons())));
        m.put("from", s(match.from().toString()));
        if (match.until() != null) {
            m.put("until", s(match.until().toString()));
        }
        m.put("hours", AttributeValue.fromN(Integer.toString(match.hours())));
        m.put("state", s(match.state().name()));
        m.put("at", s(match.at().toString()));
        m.put("byId", s(match.by().id()));
        m.put("byName", s(match.by().name()));
        if (onOffer && match.settling() != null) {
            m.put("settling", s(match.settling()));
        }
        return AttributeValue.fromM(m);
    }

    private static Match match(String id, Map<String, AttributeValue> m, String self, String selfForm, boolean onOffer) {
        return new Match(id,
                onOffer ? m.get("request").s() : self,
                onOffer ? m.get("form").s() : selfForm,
                onOffer ? self : m.get("offer").s(),
                Integer.parseInt(m.get("n").n()),
                LocalDate.parse(m.get("from").s()),
                m.containsKey("until") ? LocalDate.parse(m.get("until").s()) : null,
                Integer.parseInt(m.get("hours").n()),
                Match.State.valueOf(m.get("state").s()),
                Instant.parse(m.get("at").s()),
                new Person(text(m, "byId"), text(m, "byName")),
                text(m, "settling"),
                m.containsKey("cancelled") ? Instant.parse(m.get("cancelled").s()) : null,
                m.containsKey("cancelledById") ? new Person(text(m, "cancelledById"), text(m, "cancelledByName")) : null,
                text(m, "reason"));
    }

    private static AttributeValue strings(List<String> values) {
        List<AttributeValue> list = new ArrayList<>(values.size());
        for (String value : values) {
            list.add(s(value));
        }
        return AttributeValue.fromL(list);
    }

    private static List<String> list(AttributeValue value) {
        if (value == null || !value.hasL()) {
            return List.of();
        }
        List<String> list = new ArrayList<>();
        for (AttributeValue each : value.l()) {
            list.add(each.s());
        }
        return list;
    }

    private static String text(Map<String, AttributeValue> m, String name) {
        AttributeValue value = m.get(name);
        return value == null ? null : value.s();
    }
}
