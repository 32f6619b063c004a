package io.pgha.console.fx;

import com.sun.glass.ui.Application;
import com.sun.glass.ui.Timer;
import com.sun.javafx.tk.Toolkit;
import java.lang.reflect.Field;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets an idle window's pulse timer rest (see {@link RestingPulseTimer}): on GTK, where glass ignores Quantum's
 * pause, it replaces Quantum's timer by one that slows down while paused. The idle console's FX thread used about
 * 0.4 % of a core for the 30 Hz timer alone (docs/BENCHMARKS.md, "Console"). Elsewhere (macOS, Windows, a vsync
 * timer, a JavaFX whose internals differ) it changes nothing. {@code -Dpgha.console.restingPulse=false} turns it off.
 */
public final class IdlePulse {

    private static final Logger LOG = LoggerFactory.getLogger(IdlePulse.class);
    static final String SWITCH = "pgha.console.restingPulse";
    private static final String GTK_TIMER = "com.sun.glass.ui.gtk.GtkTimer";

    private IdlePulse() {}

    /**
     * Installs the resting timer; call on the FX thread once the toolkit runs. Returns the resting timer (installed now or
     * before), or empty when it was left alone (not GTK, switched off, or the internals were not as expected).
     */
    public static Optional<Timer> install() {
        if (!Boolean.parseBoolean(System.getProperty(SWITCH, "true"))) {
            return Optional.empty();
        }
        try {
            Object toolkit = Toolkit.getToolkit();
            Field timerField = toolkit.getClass().getDeclaredField("pulseTimer");
            timerField.setAccessible(true);
            Field runnableField = Timer.class.getDeclaredField("runnable");
            runnableField.setAccessible(true);
            Field periodField = Timer.class.getDeclaredField("period");
            periodField.setAccessible(true);
            // Quantum's pauseTimer and resumeTimer hold the toolkit's lock: no pause or resume runs during the swap.
            synchronized (toolkit) {
                Object installed = timerField.get(toolkit);
                if (installed instanceof RestingPulseTimer resting) {
                    return Optional.of(resting);
                }
                if (!(installed instanceof Timer current)
                        || !current.getClass().getName().equals(GTK_TIMER)) {
                    return Optional.empty();
                }
                double period = periodField.getDouble(current);
                if (period < 1) {
                    return Optional.empty(); // a vsync timer or one not started: leave it to glass
                }
                Runnable pulse = (Runnable) runnableField.get(current);
                RestingPulseTimer resting = new RestingPulseTimer(
                        pulse, Application.GetApplication().createTimer(pulse));
                current.stop();
                try {
                    timerField.set(toolkit, resting);
                    resting.start((int) period);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    timerField.set(toolkit, current);
                    current.start((int) period);
                    throw e;
                }
                return Optional.of(resting);
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.debug("JavaFX's pulse timer left as it is: {}", e.toString());
            return Optional.empty();
        }
    }
}
