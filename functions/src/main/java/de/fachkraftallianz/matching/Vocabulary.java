package de.fachkraftallianz.matching;

import de.fachkraftallianz.forms.FormCatalog;
import de.fachkraftallianz.forms.FormDefinition;
import de.fachkraftallianz.forms.FormDefinition.Field;
import de.fachkraftallianz.forms.FormDefinition.Option;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The words matching shows, all from the form definitions (the only source of option texts): the offer form's
 * kinds of help and qualifications, and which postcodes lie in the county (the facility form's postcode pattern).
 */
public final class Vocabulary {

    private final List<Option> areas;
    private final List<Option> qualifications;
    private final Pattern countyPostcode;

    public Vocabulary(List<Option> areas, List<Option> qualifications, Pattern countyPostcode) {
        this.areas = List.copyOf(areas);
        this.qualifications = List.copyOf(qualifications);
        this.countyPostcode = countyPostcode;
    }

    public static Vocabulary of(FormCatalog forms) {
        FormDefinition offer = forms.find(Facts.OFFER_FORM).orElseThrow();
        FormDefinition facility = forms.find(Facts.FACILITY_FORM).orElseThrow();
        return new Vocabulary(field(offer, "einsatzbereiche").options(), field(offer, "qualifikationen").options(),
                Pattern.compile(field(facility, "plz").pattern()));
    }

    private static Field field(FormDefinition form, String name) {
        return form.field(name).orElseThrow(() -> new IllegalStateException(form.id() + " lacks " + name));
    }

    /** Every kind of help, in the offer form's order. */
    public List<Option> areas() {
        return areas;
    }

    public List<Option> qualifications() {
        return qualifications;
    }

    public String area(String value) {
        return label(areas, value);
    }

    public String qualification(String value) {
        return label(qualifications, value);
    }

    /** The labels of the values, in the order the form lists its options. */
    public List<String> qualificationLabels(List<String> values) {
        List<String> labels = new ArrayList<>();
        for (Option option : qualifications) {
            if (values.contains(option.value())) {
                labels.add(option.label());
            }
        }
        return labels;
    }

    public boolean inCounty(String postcode) {
        return postcode != null && countyPostcode.matcher(postcode).matches();
    }

    private static String label(List<Option> options, String value) {
        for (Option option : options) {
            if (option.value().equals(value)) {
                return option.label();
            }
        }
        return value;
    }
}
