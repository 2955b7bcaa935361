package io.autoanime.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Records every log event of the service while open: what an operator would see in the container
 * log (everything at INFO, as the service's LogSetup has it), and the service's own DEBUG
 * lines too. Tests otherwise log at WARN (src/test/resources/logback-test.xml), and only warnings
 * reach the console, even while a capture is open.
 */
public final class LogCapture implements AutoCloseable {
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final Logger service = (Logger) LoggerFactory.getLogger("io.autoanime");
  private final Level rootLevel;
  private final Level serviceLevel;

  public LogCapture() {
    rootLevel = root.getLevel();
    serviceLevel = service.getLevel();
    root.setLevel(Level.INFO);
    service.setLevel(Level.DEBUG);
    appender.start();
    root.addAppender(appender);
  }

  public List<ILoggingEvent> events() {
    synchronized (appender) { // AppenderBase.doAppend holds this lock while it adds to the list
      return new ArrayList<>(appender.list);
    }
  }

  /** How many events have been recorded so far. */
  public int size() {
    synchronized (appender) {
      return appender.list.size();
    }
  }

  /** The events recorded since the first {@code from} ones. */
  public List<ILoggingEvent> eventsFrom(int from) {
    synchronized (appender) {
      return new ArrayList<>(appender.list.subList(Math.min(from, appender.list.size()), appender.list.size()));
    }
  }

  /** Each event as an operator reads it: logger, level, message, and any exception with its causes. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    for (ILoggingEvent event : events()) {
      StringBuilder line = new StringBuilder(event.getLevel() + " " + event.getLoggerName() + " - " + event.getFormattedMessage());
      for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
        line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
      }
      event.getMDCPropertyMap().forEach((k, v) -> line.append(" ").append(k).append('=').append(v));
      lines.add(line.toString());
    }
    return lines;
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
    service.setLevel(serviceLevel);
    root.setLevel(rootLevel);
  }
}
