package dev.mqkit.runtime;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/** One line per log record on stdout for the standalone command: time, level, what happened. */
public final class ConsoleLog extends Formatter {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private ConsoleLog() {}

    /**
     * Keeps handlers open while shutdown hooks run: JUL's own hook would
     * otherwise close them first and the graceful stop would go unlogged.
     * Main names it in java.util.logging.manager before anything logs.
     */
    public static final class Manager extends LogManager {
        @Override
        public void reset() {
            // the process is ending: let the handlers write to the end
        }
    }

    static void install(PrintStream out) {
        Logger root = Logger.getLogger("");
        for (Handler existing : root.getHandlers()) {
            root.removeHandler(existing);
        }
        Handler handler = new StreamHandler(out, new ConsoleLog()) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush();
            }
        };
        handler.setLevel(Level.INFO);
        root.addHandler(handler);
        root.setLevel(Level.INFO);
        // Netty's own chatter stays out of the console unless it is a warning
        Logger.getLogger("io.netty").setLevel(Level.WARNING);
    }

    @Override
    public String format(LogRecord record) {
        String line = LocalTime.now().format(TIME) + " " + record.getLevel().getName() + " " + formatMessage(record);
        if (record.getThrown() != null) {
            line += ": " + record.getThrown();
        }
        return line + System.lineSeparator();
    }
}
