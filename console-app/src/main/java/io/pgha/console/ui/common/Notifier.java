package io.pgha.console.ui.common;

/** Shows notices; view models call it on the FX thread. */
@FunctionalInterface
public interface Notifier {

    void show(Notice notice);
}
