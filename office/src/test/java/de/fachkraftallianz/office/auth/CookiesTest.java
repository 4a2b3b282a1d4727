package de.fachkraftallianz.office.auth;

import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.store.SessionStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Set-Cookie values the office sends, attribute by attribute (RFC 6265bis, the __Host- prefix included). */
class CookiesTest {

    @Test
    void session_cookie_is_host_only_secure_http_only_and_strict() {
        Cookie cookie = Cookie.parse(Cookies.session("abc_DEF-123"));

        assertThat(cookie.name).isEqualTo("__Host-fka-session").isEqualTo(Cookies.SESSION);
        assertThat(cookie.value).isEqualTo("abc_DEF-123");
        assertHostPrefixRules(cookie);
        assertThat(cookie.attributes).containsEntry("httponly", "")
                .containsEntry("samesite", "Strict")
                // Lives as long as the browser session; the server ends it earlier (idle, absolute).
                .doesNotContainKeys("max-age", "expires");
    }

    @Test
    void login_cookie_is_lax_so_it_comes_back_with_the_providers_redirect_and_lasts_minutes() {
        // As the handler sets it: as long as the sign-in in the table is valid.
        Cookie cookie = Cookie.parse(Cookies.login("state-value", SessionStore.LOGIN_VALID));

        assertThat(cookie.name).isEqualTo("__Host-fka-login").isEqualTo(Cookies.LOGIN);
        assertThat(cookie.value).isEqualTo("state-value");
        assertHostPrefixRules(cookie);
        assertThat(cookie.attributes).containsEntry("httponly", "")
                .containsEntry("samesite", "Lax")
                .containsEntry("max-age", Long.toString(SessionStore.LOGIN_VALID.toSeconds()))
                .doesNotContainKey("expires");
        assertThat(Long.parseLong(cookie.attributes.get("max-age"))).isBetween(60L, 600L);
    }

    @Test
    void login_cookie_max_age_is_in_seconds() {
        assertThat(Cookie.parse(Cookies.login("s", Duration.ofSeconds(123))).attributes)
                .containsEntry("max-age", "123");
    }

    @Test
    void clearing_keeps_the_host_prefix_rules_so_the_browser_accepts_it_and_ends_the_cookie_now() {
        for (String name : List.of(Cookies.SESSION, Cookies.LOGIN)) {
            Cookie cookie = Cookie.parse(Cookies.clear(name));

            assertThat(cookie.name).isEqualTo(name);
            assertThat(cookie.value).isEmpty();
            assertHostPrefixRules(cookie);
            assertThat(cookie.attributes).containsEntry("max-age", "0").containsEntry("httponly", "");
        }
    }

    /** A browser ignores a {@code __Host-} cookie unless it is Secure, has Path=/ and no Domain. */
    private static void assertHostPrefixRules(Cookie cookie) {
        assertThat(cookie.name).startsWith("__Host-");
        assertThat(cookie.attributes).containsEntry("secure", "")
                .containsEntry("path", "/")
                .doesNotContainKey("domain");
        assertThat(cookie.repeated).as("attributes given twice").isEmpty();
    }

    /** A Set-Cookie value split as a browser splits it. */
    record Cookie(String name, String value, Map<String, String> attributes, List<String> repeated) {

        static Cookie parse(String header) {
            String[] parts = header.split(";", -1);
            int eq = parts[0].indexOf('=');
            assertThat(eq).as("name=value in %s", header).isPositive();
            Map<String, String> attributes = new LinkedHashMap<>();
            List<String> repeated = new ArrayList<>();
            for (int i = 1; i < parts.length; i++) {
                assertThat(parts[i]).as("attribute after '; ' in %s", header).startsWith(" ");
                String part = parts[i].strip();
                int at = part.indexOf('=');
                String key = (at < 0 ? part : part.substring(0, at)).toLowerCase(Locale.ROOT);
                String value = at < 0 ? "" : part.substring(at + 1);
                if (attributes.put(key, value) != null) {
                    repeated.add(key);
                }
            }
            return new Cookie(parts[0].substring(0, eq), parts[0].substring(eq + 1), attributes, repeated);
        }
    }
}
