package de.fachkraftallianz.office;

import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.local.LocalStack;
import de.fachkraftallianz.office.auth.Cookies;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A member of staff at the local stack over plain HTTP, as a browser would be: keeps the cookies of the site and of
 * the sign-in provider (by hand: the JDK's cookie store never sends a Secure cookie over http), follows nothing by
 * itself, and sends the CSRF token of the last page with every form.
 */
final class Staff {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");

    final LocalStack stack;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    final Map<String, String> siteCookies = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, String> providerCookies = new LinkedHashMap<>();
    volatile String csrf;
    String landedOn;
    private static final Pattern REFRESH = Pattern.compile("<meta http-equiv=\"refresh\" content=\"0; url=([^\"]+)\">");

    Staff(LocalStack stack) {
        this.stack = stack;
    }

    /** Signs in through the local provider's page with user name and password, the whole way a browser goes. */
    static Staff signIn(LocalStack stack, String username, String password) throws Exception {
        return signIn(stack, username, password, "/intern");
    }

    /** Signs in, asking to return to {@code next}; {@link #landedOn} says where the office sent the browser. */
    static Staff signIn(LocalStack stack, String username, String password, String next) throws Exception {
        Staff staff = new Staff(stack);
        HttpResponse<String> start = staff.get("/api/office/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
        assertThat(start.statusCode()).as("sign-in starts with a redirect to the provider").isEqualTo(303);
        String authorize = start.headers().firstValue("location").orElseThrow();
        HttpResponse<String> form = staff.provider(HttpRequest.newBuilder(URI.create(authorize)).GET());
        assertThat(form.statusCode()).as(form.body()).isEqualTo(200);
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher hidden = HIDDEN.matcher(form.body());
        while (hidden.find()) {
            fields.put(hidden.group(1), hidden.group(2));
        }
        fields.put("username", username);
        fields.put("password", password);
        HttpResponse<String> loggedIn = staff.provider(HttpRequest.newBuilder(
                URI.create(stack.cognito().authBase() + "/login"))
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(fields))));
        assertThat(loggedIn.statusCode()).as("provider accepts the password: " + loggedIn.body()).isEqualTo(302);
        String callback = loggedIn.headers().firstValue("location").orElseThrow();
        assertThat(callback).startsWith(stack.baseUrl() + "/api/office/callback?");
        HttpResponse<String> signedIn = staff.get(callback.substring(stack.baseUrl().toString().length()));
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
        assertThat(staff.siteCookies).containsKey(Cookies.SESSION).doesNotContainKey(Cookies.LOGIN);
        Matcher refresh = REFRESH.matcher(signedIn.body());
        assertThat(refresh.find()).as("the signed-in page leads on: " + signedIn.body()).isTrue();
        staff.landedOn = refresh.group(1).replace("&amp;", "&");
        staff.csrf = null;
        staff.get("/intern");
        return staff;
    }

    /** A download: the body's bytes as sent (a gzip-encoded body still packed). */
    HttpResponse<byte[]> download(String path) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(stack.uri(path)).GET();
        if (!siteCookies.isEmpty()) {
            request.header("cookie", cookieHeader(siteCookies));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return site(HttpRequest.newBuilder(stack.uri(path)).GET());
    }

    /** A form post with the CSRF token of the last page (unless the form names one itself). */
    HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
        return post(path, form, Map.of());
    }

    HttpResponse<String> post(String path, Map<String, String> form, Map<String, String> headers)
            throws IOException, InterruptedException {
        Map<String, String> fields = new LinkedHashMap<>();
        if (csrf != null) {
            fields.put("_csrf", csrf);
        }
        fields.putAll(form);
        HttpRequest.Builder request = HttpRequest.newBuilder(stack.uri(path))
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(fields)));
        headers.forEach(request::header);
        return site(request);
    }

    /** A form post with repeated names (check box groups), with the CSRF token of the last page. */
    HttpResponse<String> postAll(String path, List<Map.Entry<String, String>> form)
            throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder();
        List<Map.Entry<String, String>> fields = new java.util.ArrayList<>();
        if (csrf != null) {
            fields.add(Map.entry("_csrf", csrf));
        }
        fields.addAll(form);
        for (Map.Entry<String, String> field : fields) {
            body.append(body.length() > 0 ? "&" : "").append(URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8))
                    .append('=').append(URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8));
        }
        return site(HttpRequest.newBuilder(stack.uri(path))
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    /** The counts per status the inbox at {@code path} shows, by the status's German label. */
    Map<String, Integer> counts(String path) throws IOException, InterruptedException {
        HttpResponse<String> page = get(path);
        assertThat(page.statusCode()).isEqualTo(200);
        Map<String, Integer> counts = new LinkedHashMap<>();
        Matcher count = COUNT.matcher(page.body());
        while (count.find()) {
            counts.put(count.group(1), Integer.parseInt(count.group(2)));
        }
        assertThat(counts).as("counts on " + path).isNotEmpty();
        return counts;
    }

    private static final Pattern COUNT = Pattern.compile("class=\"office-counts__link\"[^>]*>([^<:]+): <strong>(\\d+)</strong>");

    private HttpResponse<String> site(HttpRequest.Builder request) throws IOException, InterruptedException {
        if (!siteCookies.isEmpty()) {
            request.header("cookie", cookieHeader(siteCookies));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        remember(response, siteCookies);
        Matcher token = CSRF.matcher(response.body());
        if (token.find()) {
            csrf = token.group(1);
        }
        return response;
    }

    private HttpResponse<String> provider(HttpRequest.Builder request) throws IOException, InterruptedException {
        if (!providerCookies.isEmpty()) {
            request.header("cookie", cookieHeader(providerCookies));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        remember(response, providerCookies);
        return response;
    }

    private static void remember(HttpResponse<?> response, Map<String, String> cookies) {
        for (String setCookie : response.headers().allValues("set-cookie")) {
            String pair = setCookie.split(";", 2)[0];
            int equals = pair.indexOf('=');
            String name = pair.substring(0, equals).strip();
            String value = pair.substring(equals + 1).strip();
            boolean expired = setCookie.toLowerCase().contains("max-age=0");
            if (expired || value.isEmpty()) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
    }

    private static String cookieHeader(Map<String, String> cookies) {
        StringBuilder header = new StringBuilder();
        cookies.forEach((name, value) -> header.append(header.length() > 0 ? "; " : "").append(name).append('=').append(value));
        return header.toString();
    }

    static String encode(Map<String, String> fields) {
        StringBuilder body = new StringBuilder();
        fields.forEach((name, value) -> body.append(body.length() > 0 ? "&" : "")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return body.toString();
    }

    static List<String> references(String page) {
        Matcher matcher = Pattern.compile("/intern/vorgang/([2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4})\"").matcher(page);
        List<String> references = new java.util.ArrayList<>();
        while (matcher.find()) {
            references.add(matcher.group(1));
        }
        return references;
    }
}
