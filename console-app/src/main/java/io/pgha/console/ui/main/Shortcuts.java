package io.pgha.console.ui.main;

import java.util.LinkedHashMap;
import java.util.Map;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/** The keyboard shortcuts of the main window, in one place so tooltips and the help list agree. */
public final class Shortcuts {

    public static final KeyCombination NEW_CLUSTER = shortcut(KeyCode.N);
    public static final KeyCombination ATTACH = shortcut(KeyCode.O);
    public static final KeyCombination TOGGLE_THEME = shortcut(KeyCode.T);
    public static final KeyCombination SEARCH = shortcut(KeyCode.F);
    public static final KeyCombination SWITCHOVER = shiftShortcut(KeyCode.S);
    public static final KeyCombination FAILOVER = shiftShortcut(KeyCode.F);
    public static final KeyCombination PAUSE_RESUME = shiftShortcut(KeyCode.P);
    public static final KeyCombination RESTART_SELECTED = shiftShortcut(KeyCode.R);
    public static final KeyCombination CLEAR_SELECTION = new KeyCodeCombination(KeyCode.ESCAPE);
    private static final KeyCode[] DIGITS = {
        KeyCode.DIGIT1,
        KeyCode.DIGIT2,
        KeyCode.DIGIT3,
        KeyCode.DIGIT4,
        KeyCode.DIGIT5,
        KeyCode.DIGIT6,
        KeyCode.DIGIT7,
        KeyCode.DIGIT8,
        KeyCode.DIGIT9
    };

    private final Map<KeyCombination, Runnable> actions = new LinkedHashMap<>();

    public Shortcuts on(KeyCombination combination, Runnable action) {
        actions.put(combination, action);
        return this;
    }

    /** Ctrl+1 … Ctrl+9 select the workspace's tabs. */
    public static KeyCombination tab(int index) {
        return shortcut(DIGITS[index]);
    }

    public static int tabCount() {
        return DIGITS.length;
    }

    public void installOn(Scene scene) {
        scene.getAccelerators().putAll(actions);
    }

    private static KeyCombination shortcut(KeyCode code) {
        return new KeyCodeCombination(code, KeyCombination.SHORTCUT_DOWN);
    }

    private static KeyCombination shiftShortcut(KeyCode code) {
        return new KeyCodeCombination(code, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    }
}
