package de.fachkraftallianz.store;

import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.local.LocalStack;
import de.fachkraftallianz.store.SessionStore.Login;
import de.fachkraftallianz.store.SessionStore.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The office's sessions against the local DynamoDB-compatible server, with the clock given to every call: idle and
 * absolute expiry, "last seen" written at most once a minute, sign-out, and the one-time sign-in state.
 */
class SessionStoreIT {

    private static final Instant T0 = Instant.parse("2026-11-30T07:00:00Z");
    private static LocalStack stack;
    private static SessionStore sessions;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(LocalStack.Options.defaults());
        sessions = new SessionStore(stack.dynamoDb(), stack.tableName());
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private static String newSession(Instant at) {
        String id = UUID.randomUUID().toString();
        sessions.create(id, new Session("sub-1", "amt", "Anna Amt (Beispiel)", List.of("jugendamt"), "csrf", at, at));
        return id;
    }

    private static List<Map<String, AttributeValue>> itemsHolding(String text) {
        return stack.dynamoDb().scan(b -> b.tableName(stack.tableName())).items().stream()
                .filter(item -> item.toString().contains(text)).toList();
    }

    @Test
    void a_session_ends_after_thirty_idle_minutes_and_is_deleted() {
        String id = newSession(T0);
        assertThat(sessions.find(id, T0.plus(Duration.ofMinutes(29)))).isPresent();
        // Counted from the last request (29 min), not from sign-in.
        assertThat(sessions.find(id, T0.plus(Duration.ofMinutes(58)))).isPresent();
        assertThat(sessions.find(id, T0.plus(Duration.ofMinutes(58 + 30)))).isEmpty();
        assertThat(sessions.find(id, T0.plus(Duration.ofMinutes(58 + 1)))).as("deleted, not just refused").isEmpty();
    }

    @Test
    void a_session_ends_ten_hours_after_sign_in_however_busy() {
        String id = newSession(T0);
        Instant now = T0;
        while (now.isBefore(T0.plus(Duration.ofHours(10)).minus(Duration.ofMinutes(20)))) {
            now = now.plus(Duration.ofMinutes(20));
            assertThat(sessions.find(id, now)).as("at " + now).isPresent();
        }
        assertThat(sessions.find(id, T0.plus(Duration.ofHours(10)))).isEmpty();
    }

    @Test
    void last_seen_is_written_at_most_once_a_minute_and_the_time_to_live_is_the_absolute_end() {
        String id = newSession(T0);
        Map<String, AttributeValue> key = TableKeys.sessionKey(de.fachkraftallianz.Hashing.sha256Hex(id));
        sessions.find(id, T0.plusSeconds(30));
        assertThat(stack.dynamoDb().getItem(b -> b.tableName(stack.tableName()).key(key)).item().get("lastSeen").s())
                .isEqualTo(T0.toString());
        sessions.find(id, T0.plusSeconds(61));
        Map<String, AttributeValue> item = stack.dynamoDb().getItem(b -> b.tableName(stack.tableName()).key(key)).item();
        assertThat(item.get("lastSeen").s()).isEqualTo(T0.plusSeconds(61).toString());
        assertThat(item.get(TableKeys.TTL_ATTRIBUTE).n())
                .isEqualTo(Long.toString(T0.plus(SessionStore.ABSOLUTE).getEpochSecond()));
    }

    @Test
    void the_table_holds_only_a_hash_of_the_session_id_and_sign_out_deletes_it() {
        String id = newSession(T0);
        assertThat(itemsHolding(id)).as("the id itself is only in the browser's cookie").isEmpty();
        assertThat(sessions.find(id, T0.plusSeconds(5))).isPresent();
        sessions.delete(id);
        assertThat(sessions.find(id, T0.plusSeconds(6))).isEmpty();
        assertThat(sessions.find("unknown-" + id, T0)).isEmpty();
        assertThat(sessions.find(null, T0)).isEmpty();
    }

    @Test
    void a_sign_in_state_can_be_used_once_and_only_within_ten_minutes() {
        String state = UUID.randomUUID().toString();
        sessions.startLogin(state, new Login("verifier", "nonce", "/intern"), T0);
        assertThat(sessions.takeLogin(state, T0.plus(Duration.ofMinutes(9)))).contains(new Login("verifier", "nonce", "/intern"));
        assertThat(sessions.takeLogin(state, T0.plus(Duration.ofMinutes(9)))).as("used").isEmpty();

        String late = UUID.randomUUID().toString();
        sessions.startLogin(late, new Login("v", "n", "/intern"), T0);
        assertThat(sessions.takeLogin(late, T0.plus(SessionStore.LOGIN_VALID))).isEmpty();
    }
}
