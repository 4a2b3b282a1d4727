package de.fachkraftallianz.submit;

import de.fachkraftallianz.Hashing;
import de.fachkraftallianz.http.ApiRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Who counts as one client for the rate limit: an IPv4 address, or an IPv6 /64 network (one household or phone
 * gets a whole /64 and can pick any address in it). Kept only as a hash.
 */
public final class ClientKey {

    private ClientKey() {
    }

    /**
     * The key of the request's client. Behind CloudFront, sourceIp is an edge server, so CloudFront's own
     * CloudFront-Viewer-Address ("ip:port") wins; functions accept only requests that came through the distribution
     * (HttpFunction's origin check), so a client cannot forge it.
     */
    public static String of(ApiRequest request) {
        String viewer = request.header("cloudfront-viewer-address");
        String address = viewer != null && viewer.lastIndexOf(':') > 0
                ? viewer.substring(0, viewer.lastIndexOf(':'))
                : request.sourceIp();
        return Hashing.sha256Hex(network(address), 16);
    }

    /** The address itself for IPv4, its /64 prefix for IPv6 ("2001:db8:1:2::/64"). */
    static String network(String address) {
        String a = address.strip();
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        int zone = a.indexOf('%');
        if (zone >= 0) {
            a = a.substring(0, zone);
        }
        if (a.indexOf(':') < 0) {
            return a;
        }
        String lower = a.toLowerCase(Locale.ROOT);
        if (lower.startsWith("::ffff:") && lower.indexOf('.') > 0) {
            return lower.substring("::ffff:".length());
        }
        List<String> groups = groups(lower);
        if (groups == null) {
            return lower;
        }
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            prefix.append(Integer.toHexString(Integer.parseInt(groups.get(i), 16))).append(':');
        }
        return prefix.append(":/64").toString();
    }

    /** The eight groups of an IPv6 address ("::" expanded), or null if it is not one. */
    private static List<String> groups(String address) {
        int gap = address.indexOf("::");
        List<String> head = split(gap < 0 ? address : address.substring(0, gap));
        List<String> tail = gap < 0 ? List.of() : split(address.substring(gap + 2));
        int missing = 8 - head.size() - tail.size();
        if (missing < 0 || (gap < 0 && missing != 0)) {
            return null;
        }
        List<String> all = new ArrayList<>(head);
        for (int i = 0; i < missing; i++) {
            all.add("0");
        }
        all.addAll(tail);
        for (String group : all) {
            if (group.isEmpty() || group.length() > 4) {
                return null;
            }
            for (int i = 0; i < group.length(); i++) {
                if (Character.digit(group.charAt(i), 16) < 0) {
                    return null;
                }
            }
        }
        return all;
    }

    private static List<String> split(String part) {
        return part.isEmpty() ? List.of() : List.of(part.split(":", -1));
    }
}
