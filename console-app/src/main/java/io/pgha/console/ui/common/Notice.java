package io.pgha.console.ui.common;

/** A message for the user that appears briefly (the result of an action, a refusal, a failure). */
public record Notice(Level level, String title, String text) {

    public enum Level {
        INFO,
        SUCCESS,
        WARNING,
        ERROR
    }

    public static Notice success(String title, String text) {
        return new Notice(Level.SUCCESS, title, text);
    }

    public static Notice warning(String title, String text) {
        return new Notice(Level.WARNING, title, text);
    }

    public static Notice error(String title, String text) {
        return new Notice(Level.ERROR, title, text);
    }
}
