package io.autoanime;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;

/**
 * The service's logging, set up in code (found by logback through {@code META-INF/services}): one
 * console appender, the root at {@code LOG_LEVEL} (default INFO), chatty libraries quieter. Reading
 * the same from a {@code logback.xml} cost about 100 ms of CPU at every start (an XML parser and
 * logback's Joran). A {@code logback.xml} or {@code logback-test.xml} on the class path, or
 * {@code -Dlogback.configurationFile}, still wins.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
  static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{20} - %msg%n";
  static final String ROUTER_LOGGER = "io.vertx.ext.web";
  static final Map<String, Level> QUIETER = Map.of(
      "io.netty", Level.WARN,
      "org.flywaydb", Level.WARN,
      "io.zonky", Level.WARN,
      // vertx-micrometer-metrics 5.0.7 registers its event-bus handler gauge once per consumer; Micrometer 1.15
      // warns about that (harmlessly) at start-up.
      "io.micrometer.core.instrument.MeterRegistry", Level.ERROR);

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    ClassLoader loader = LogSetup.class.getClassLoader();
    if (System.getProperty("logback.configurationFile") != null || loader.getResource("logback-test.xml") != null
        || loader.getResource("logback.xml") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    apply(context, System.getenv("LOG_LEVEL"));
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  static void apply(LoggerContext context, String rootLevel) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("STDOUT");
    console.setEncoder(encoder);
    console.start();
    QUIETER.forEach((name, level) -> context.getLogger(name).setLevel(level));
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(rootLevel, Level.INFO));
    root.addAppender(console);
    keepRequestUrisOut(context, root.getLevel());
  }

  /**
   * Vert.x Web's router logs each request's URI at TRACE, {@code ?apikey=} included: that logger
   * stays at DEBUG even when {@code LOG_LEVEL} is TRACE, as the API keys are never logged.
   */
  static void keepRequestUrisOut(LoggerContext context, Level rootLevel) {
    if (!rootLevel.isGreaterOrEqual(Level.DEBUG)) {
      context.getLogger(ROUTER_LOGGER).setLevel(Level.DEBUG);
    }
  }
}
