package dev.qwen.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects every log line the application writes while it is installed. */
public final class LogCapture extends Handler implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();

    public static LogCapture install() {
        LogCapture capture = new LogCapture();
        Logger.getLogger("").addHandler(capture);
        return capture;
    }

    @Override
    public void publish(LogRecord record) {
        String message = record.getMessage();
        Object[] params = record.getParameters();
        if (params != null && params.length > 0) {
            try {
                message = String.format(message, params);
            } catch (RuntimeException e) {
                message = message + " " + java.util.Arrays.toString(params);
            }
        }
        StringBuilder line = new StringBuilder(String.valueOf(message));
        for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
            line.append(" | ").append(t).append(java.util.Arrays.toString(t.getStackTrace()));
        }
        lines.add(line.toString());
        if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
            errors.add(line.toString());
        }
    }

    public List<String> lines() {
        return lines;
    }

    /** The lines logged at ERROR (or above). */
    public List<String> errors() {
        return errors;
    }

    public String all() {
        return String.join("\n", lines);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
