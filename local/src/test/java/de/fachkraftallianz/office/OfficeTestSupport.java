package de.fachkraftallianz.office;

import de.fachkraftallianz.directory.Directory;
import de.fachkraftallianz.local.LocalStack;
import de.fachkraftallianz.local.cognito.LocalCognito;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** For the browser tests: a counselling channel submitted and published through the office over HTTP. */
public final class OfficeTestSupport {

    private OfficeTestSupport() {
    }

    /** Submits a channel, publishes it as the Jugendamt with these public fields changed, returns its reference. */
    public static String submitAndPublish(LocalStack stack, Map<String, List<String>> changes) throws Exception {
        String reference = OfficeIT.submit(stack, Directory.FORM_ID, false);
        Staff amt = Staff.signIn(stack, "amt", LocalCognito.AMT_PASSWORD);
        amt.get(PublicationIT.path(reference));
        PublicationIT.stack = stack;
        Map<String, List<String>> fields = new LinkedHashMap<>(PublicationIT.publicFields(reference));
        fields.putAll(changes);
        int status = PublicationIT.post(amt, reference, "veroeffentlichen", 0, fields).statusCode();
        if (status != 303) {
            throw new AssertionError("publishing " + reference + " answered " + status);
        }
        return reference;
    }
}
