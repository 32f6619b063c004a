package io.pgha.runtime.router;

import io.pgha.runtime.model.RouterBackend;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** HAProxy's view of its servers, read from its stats page. */
public interface RouterStats {

    /** Every server of every listener, as HAProxy sees it now. */
    List<RouterBackend> backends();

    /** Each listener's servers with their status as HAProxy writes it ("UP", "UP 1/2", …): {@link HaproxyCsv#statusTexts}. */
    Map<String, Map<String, String>> statusTexts();

    /**
     * @param statsUrl the stats page, e.g. http://127.0.0.1:8404/ (";csv;norefresh" is added)
     */
    static RouterStats create(String statsUrl, Duration timeout) {
        return new HaproxyStatsClient(statsUrl, timeout);
    }
}
