package io.pgha.console;

import io.pgha.console.fx.IdlePulse;
import io.pgha.console.prefs.ConsolePreferences;
import io.pgha.console.service.ConsoleServices;
import io.pgha.console.ui.common.Notifier;
import io.pgha.console.ui.common.UiExecutors;
import io.pgha.console.ui.common.WindowNotifier;
import io.pgha.console.ui.main.MainView;
import io.pgha.console.ui.main.MainViewModel;
import io.pgha.console.ui.main.WindowPlacement;
import io.pgha.console.wiring.RuntimeConsoleServices;
import io.pgha.runtime.cluster.ConfigDirs;
import java.time.Clock;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.beans.InvalidationListener;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The pgha desktop console: composes the services, the view models and the main window. */
public class ConsoleApp extends Application {

    public static final String TITLE = "pgha";

    private final Supplier<ConsoleServices> services;
    private final Function<Stage, Notifier> notifiers;
    private ConsolePreferences preferences;
    private UiExecutors executors;
    private MainViewModel viewModel;
    private Stage stage;
    private final Clock clock;
    /** Tells the view model when the window goes out of sight or comes back (slower polling meanwhile). */
    private final InvalidationListener sight = o -> {
        boolean iconified = stage.isIconified(); // both read: an invalidation listener hears again only once validated
        boolean showing = stage.isShowing();
        viewModel.windowHidden(iconified || !showing);
    };

    public ConsoleApp() {
        this(RuntimeConsoleServices::create, WindowNotifier::new);
    }

    /** With other services or notifications, e.g. a simulated cluster for tests, screenshots and benchmarks. */
    public ConsoleApp(Supplier<ConsoleServices> services, Function<Stage, Notifier> notifiers) {
        this(services, notifiers, Clock.systemDefaultZone());
    }

    /** With a clock of its own as well: tests whose simulated cluster was written at a fixed moment. */
    public ConsoleApp(Supplier<ConsoleServices> services, Function<Stage, Notifier> notifiers, Clock clock) {
        this.services = services;
        this.notifiers = notifiers;
        this.clock = clock;
    }

    @Override
    public void start(Stage stage) {
        this.stage = stage;
        preferences = ConsolePreferences.load(ConfigDirs.root().resolve("console.properties"));
        executors = UiExecutors.forApplication();
        viewModel = new MainViewModel(
                services.get(),
                preferences,
                executors,
                notifiers.apply(stage),
                url -> getHostServices().showDocument(url),
                clock);
        MainView view = new MainView(viewModel);
        Scene scene = new Scene(view, WindowPlacement.DEFAULT_WIDTH, WindowPlacement.DEFAULT_HEIGHT);
        view.installShortcuts(scene);
        stage.setTitle(TITLE);
        stage.setScene(scene);
        WindowPlacement.restore(stage, preferences);
        stage.show();
        stage.iconifiedProperty().addListener(sight);
        stage.showingProperty().addListener(sight);
        IdlePulse.install();
        viewModel.start();
    }

    @Override
    public void stop() {
        if (stage != null) {
            stage.iconifiedProperty().removeListener(sight);
            stage.showingProperty().removeListener(sight);
            WindowPlacement.remember(stage, preferences);
            preferences.save();
        }
        if (viewModel != null) {
            viewModel.close();
        }
        if (executors != null) {
            executors.shutdown();
        }
    }

    /** The main window's view model, for tests that drive the app. */
    public MainViewModel viewModel() {
        return viewModel;
    }
}
