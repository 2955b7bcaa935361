package io.autoanime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class LogSetupTest {
  @Test
  void logback_finds_the_setup_through_its_service_file() {
    assertThat(ServiceLoader.load(ch.qos.logback.classic.spi.Configurator.class).stream()
        .map(provider -> provider.type().getName())).contains(LogSetup.class.getName());
  }

  @Test
  @SuppressWarnings("unchecked")
  void one_console_appender_with_the_pattern_and_the_root_at_log_level() {
    LoggerContext context = new LoggerContext();
    LogSetup.apply(context, "debug");

    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    assertThat(root.getLevel()).isEqualTo(Level.DEBUG);
    var console = (ConsoleAppender<ILoggingEvent>) root.getAppender("STDOUT");
    assertThat(console.isStarted()).isTrue();
    assertThat(((PatternLayoutEncoder) console.getEncoder()).getPattern()).isEqualTo(LogSetup.PATTERN);
    assertThat(context.getLogger("io.netty.channel").getEffectiveLevel()).isEqualTo(Level.WARN);
    assertThat(context.getLogger("org.flywaydb.core.Flyway").getEffectiveLevel()).isEqualTo(Level.WARN);
    assertThat(context.getLogger("io.zonky.test").getEffectiveLevel()).isEqualTo(Level.WARN);
    assertThat(context.getLogger("io.micrometer.core.instrument.MeterRegistry").getEffectiveLevel()).isEqualTo(Level.ERROR);
    assertThat(context.getLogger("io.autoanime.sync").getEffectiveLevel()).isEqualTo(Level.DEBUG);
  }

  @Test
  void without_log_level_or_with_a_wrong_one_the_root_logs_info() {
    for (String level : new String[] {null, "", "loud"}) {
      LoggerContext context = new LoggerContext();
      LogSetup.apply(context, level);
      assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getLevel()).as(String.valueOf(level))
          .isEqualTo(Level.INFO);
    }
  }

  @Test
  void at_trace_vertx_webs_router_stays_at_debug_and_at_other_levels_follows_the_root() {
    LoggerContext trace = new LoggerContext();
    LogSetup.apply(trace, "TRACE");
    assertThat(trace.getLogger("io.vertx.ext.web.impl.RouterImpl").getEffectiveLevel()).isEqualTo(Level.DEBUG);
    assertThat(trace.getLogger("io.autoanime.sync").getEffectiveLevel()).isEqualTo(Level.TRACE);

    LoggerContext info = new LoggerContext();
    LogSetup.apply(info, "INFO");
    assertThat(info.getLogger("io.vertx.ext.web.impl.RouterImpl").getEffectiveLevel()).isEqualTo(Level.INFO);
  }
}
