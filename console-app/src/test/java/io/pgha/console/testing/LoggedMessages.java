package io.pgha.console.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What one java.util.logging logger (JavaFX's "javafx.css", "javafx.scene.control") says during each test:
 * {@code @RegisterExtension final LoggedMessages css = new LoggedMessages("javafx.css");}.
 */
public final class LoggedMessages implements BeforeEachCallback, AfterEachCallback {

    private final Logger logger;
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final Handler recorder = new Handler() {
        @Override
        public void publish(LogRecord record) {
            messages.add(String.valueOf(record.getMessage()));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    public LoggedMessages(String loggerName) {
        this.logger = Logger.getLogger(loggerName);
    }

    public List<String> messages() {
        return List.copyOf(messages);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        messages.clear();
        logger.addHandler(recorder);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        logger.removeHandler(recorder);
    }
}
