package org.osteocds.service;

import java.net.URI;
import java.util.Locale;

/** URL checks by parts, never by text prefix ({@code https://ehr.example.org.evil.com} is not under the EHR). */
final class Urls {
    private Urls() {
    }

    /**
     * @param url  a URL
     * @param base a base URL
     * @return whether {@code url} has the scheme, host and port of {@code base} and a path at or below its path
     *         (a {@code /} boundary), and no user information
     */
    static boolean under(String url, String base) {
        try {
            URI u = URI.create(url);
            URI b = URI.create(base);
            if (u.getScheme() == null || b.getScheme() == null || u.getHost() == null || u.getRawUserInfo() != null
                    || !u.getScheme().equalsIgnoreCase(b.getScheme())
                    || !u.getHost().toLowerCase(Locale.ROOT).equals(String.valueOf(b.getHost()).toLowerCase(Locale.ROOT))
                    || port(u) != port(b)) {
                return false;
            }
            String bp = b.getRawPath() == null || b.getRawPath().isEmpty() ? "/" : b.getRawPath();
            String up = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
            String prefix = bp.endsWith("/") ? bp : bp + "/";
            return up.equals(bp) || up.startsWith(prefix);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }
}
