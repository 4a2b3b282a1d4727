package de.fachkraftallianz.store;

import static de.fachkraftallianz.store.CaseFileMapper.s;

import de.fachkraftallianz.Hashing;
import de.fachkraftallianz.store.SubmissionStore.StoreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The office's server-side sessions and the sign-ins in progress, in the table. A session is found by the hash of
 * its id (the id itself lives only in the browser's cookie, so a copy of the table opens no session), ends after
 * {@link #IDLE} without a request or {@link #ABSOLUTE} after sign-in, and is deleted at sign-out; its TTL removes it
 * from the table at its absolute end.
 */
public final class SessionStore {

    public static final Duration IDLE = Duration.ofMinutes(30);
    public static final Duration ABSOLUTE = Duration.ofHours(10);
    /** "Last seen" is written at most this often: one GetItem per request, a write only now and then. */
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    public static final Duration LOGIN_VALID = Duration.ofMinutes(10);

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public SessionStore(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    /** A signed-in person's session. */
    public record Session(String userId, String username, String name, List<String> groups, String csrf,
                          Instant createdAt, Instant lastSeen) {

        public boolean expiredAt(Instant now) {
            return !now.isBefore(lastSeen.plus(IDLE)) || !now.isBefore(createdAt.plus(ABSOLUTE));
        }
    }

    public void create(String sessionId, Session session) {
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.sessionKey(hash(sessionId)));
        item.put("userId", s(session.userId()));
        item.put("username", s(session.username()));
        item.put("name", s(session.name()));
        item.put("groups", AttributeValue.fromL(session.groups().stream().map(CaseFileMapper::s).toList()));
        item.put("csrf", s(session.csrf()));
        item.put("createdAt", s(session.createdAt().toString()));
        item.put("lastSeen", s(session.lastSeen().toString()));
        item.put(TableKeys.TTL_ATTRIBUTE, AttributeValue.fromN(
                Long.toString(session.createdAt().plus(ABSOLUTE).getEpochSecond())));
        try {
            dynamoDb.putItem(b -> b.tableName(tableName).item(item).conditionExpression("attribute_not_exists(pk)"));
        } catch (SdkException e) {
            throw new StoreUnavailableException(e);
        }
    }

    /**
     * The session of this id if it is still valid at {@code now} (one consistent GetItem); an expired one is deleted.
     * Touches "last seen" when it is older than a minute, so the idle timeout counts from the last request.
     */
    public Optional<Session> find(String sessionId, Instant now) {
        if (sessionId == null || sessionId.isBlank()) {
            return Optional.empty();
        }
        String hash = hash(sessionId);
        Map<String, AttributeValue> item;
        try {
            item = dynamoDb.getItem(b -> b.tableName(tableName).key(TableKeys.sessionKey(hash)).consistentRead(true))
                    .item();
        } catch (SdkException e) {
            throw new StoreUnavailableException(e);
        }
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        Session session = new Session(item.get("userId").s(), item.get("username").s(), item.get("name").s(),
                item.get("groups").l().stream().map(AttributeValue::s).toList(), item.get("csrf").s(),
                Instant.parse(item.get("createdAt").s()), Instant.parse(item.get("lastSeen").s()));
        if (session.expiredAt(now)) {
            delete(sessionId);
            return Optional.empty();
        }
        if (!now.isBefore(session.lastSeen().plus(TOUCH_EVERY))) {
            try {
                dynamoDb.updateItem(b -> b.tableName(tableName).key(TableKeys.sessionKey(hash))
                        .updateExpression("SET lastSeen = :now").conditionExpression("attribute_exists(pk)")
                        .expressionAttributeValues(Map.of(":now", s(now.toString()))));
            } catch (ConditionalCheckFailedException signedOut) {
                return Optional.empty();
            } catch (SdkException e) {
                throw new StoreUnavailableException(e);
            }
        }
        return Optional.of(session);
    }

    public void delete(String sessionId) {
        try {
            dynamoDb.deleteItem(b -> b.tableName(tableName).key(TableKeys.sessionKey(hash(sessionId))));
        } catch (SdkException e) {
            throw new StoreUnavailableException(e);
        }
    }

    /** A sign-in in progress: what the callback needs and must not come from the browser. */
    public record Login(String codeVerifier, String nonce, String next) {
    }

    public void startLogin(String state, Login login, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.loginKey(state));
        item.put("verifier", s(login.codeVerifier()));
        item.put("nonce", s(login.nonce()));
        item.put("next", s(login.next()));
        item.put("createdAt", s(now.toString()));
        item.put(TableKeys.TTL_ATTRIBUTE, AttributeValue.fromN(Long.toString(now.plus(LOGIN_VALID).getEpochSecond())));
        try {
            dynamoDb.putItem(b -> b.tableName(tableName).item(item).conditionExpression("attribute_not_exists(pk)"));
        } catch (SdkException e) {
            throw new StoreUnavailableException(e);
        }
    }

    /**
     * Takes the sign-in of this state out of the table (a conditional delete: it can be used once) if it is still
     * within its ten minutes; empty if there is none, it was used, or it is too old.
     */
    public Optional<Login> takeLogin(String state, Instant now) {
        Map<String, AttributeValue> item;
        try {
            item = dynamoDb.deleteItem(b -> b.tableName(tableName).key(TableKeys.loginKey(state))
                    .conditionExpression("attribute_exists(pk)").returnValues(ReturnValue.ALL_OLD)).attributes();
        } catch (ConditionalCheckFailedException usedOrUnknown) {
            return Optional.empty();
        } catch (SdkException e) {
            throw new StoreUnavailableException(e);
        }
        if (item == null || item.isEmpty() || !now.isBefore(Instant.parse(item.get("createdAt").s()).plus(LOGIN_VALID))) {
            return Optional.empty();
        }
        return Optional.of(new Login(item.get("verifier").s(), item.get("nonce").s(), item.get("next").s()));
    }

    private static String hash(String sessionId) {
        return Hashing.sha256Hex(sessionId);
    }
}
