package io.pgha.console.testing;

import io.pgha.console.ui.common.Notice;
import io.pgha.console.ui.common.Notifier;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every notice shown, for assertions; optionally passes them on to a real notifier. */
public final class RecordingNotifier implements Notifier {

    private final List<Notice> notices = new CopyOnWriteArrayList<>();

    @Override
    public void show(Notice notice) {
        notices.add(notice);
    }

    public List<Notice> notices() {
        return List.copyOf(notices);
    }

    public Notice last() {
        if (notices.isEmpty()) {
            throw new AssertionError("no notice was shown");
        }
        return notices.get(notices.size() - 1);
    }
}
