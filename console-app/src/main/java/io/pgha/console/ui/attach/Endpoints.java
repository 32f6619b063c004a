package io.pgha.console.ui.attach;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses the endpoints typed into the attach form; a bare host:port means http. */
final class Endpoints {

    private Endpoints() {}

    /** "127.0.0.1:2379, http://h:2379" becomes two URLs; throws IllegalArgumentException naming the bad one. */
    static List<String> urls(String text) {
        return urls(text, "http");
    }

    /** {@link #urls(String)} where a bare host:port takes {@code scheme} (https once a CA is given). */
    static List<String> urls(String text, String scheme) {
        List<String> urls = new ArrayList<>();
        for (String part : text.strip().split("[,\\s]+")) {
            if (!part.isEmpty()) {
                urls.add(url(part.contains("://") ? part : scheme + "://" + part));
            }
        }
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("give at least one endpoint");
        }
        return urls;
    }

    /** Lines of "name=url" or "url"; a URL without a name is keyed by itself until the runtime learns the name. */
    static Map<String, String> namedUrls(String text) {
        Map<String, String> urls = new LinkedHashMap<>();
        for (String line : text.strip().split("[,\\n]+")) {
            String entry = line.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int eq = entry.indexOf('=');
            String url = url(eq < 0 ? entry : entry.substring(eq + 1).strip());
            urls.put(eq < 0 ? url : entry.substring(0, eq).strip(), url);
        }
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("give at least one Patroni URL");
        }
        return urls;
    }

    private static String url(String text) {
        String candidate = text.contains("://") ? text : "http://" + text;
        try {
            URI uri = new URI(candidate);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    || uri.getHost() == null
                    || uri.getPort() < 0) {
                throw new IllegalArgumentException(
                        "'" + text + "' is not an http(s) URL with a host and a port, e.g. http://127.0.0.1:2379");
            }
            return candidate.endsWith("/") ? candidate.substring(0, candidate.length() - 1) : candidate;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a URL: " + e.getReason());
        }
    }
}
