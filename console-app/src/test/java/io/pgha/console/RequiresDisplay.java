package io.pgha.console;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** UI tests need an X display; without one they fail with what to do instead of a native crash. */
public class RequiresDisplay implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        String display = System.getenv("DISPLAY");
        if (display == null || display.isBlank()) {
            throw new IllegalStateException(
                    "UI tests need an X display and DISPLAY is not set. "
                            + "Run them under Xvfb: xvfb-run -a ./mvnw verify (sudo scripts/prepare-machine.sh installs Xvfb).");
        }
    }
}
