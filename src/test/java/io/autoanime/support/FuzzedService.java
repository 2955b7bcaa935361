package io.autoanime.support;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;

/**
 * A synced service under a fuzz test, with what it logs recorded and the rows written to the user's
 * tables counted: each case starts with {@link #caseStarts()}, then checks that a refused input wrote
 * no row and that no log line of the case carried a key or was an error.
 */
public final class FuzzedService implements AutoCloseable {
  private final LogCapture logs;
  private final SyncedLibrary library;
  private final RowWrites rowWrites;
  /** Rows written to the user's tables up to the end of the last accepted case. */
  private long rowsWritten;
  private int firstLogLineOfCase;

  private FuzzedService(LogCapture logs, SyncedLibrary library) {
    this.logs = logs;
    this.library = library;
    this.rowWrites = new RowWrites(library.service.database());
    this.rowsWritten = rowWrites.count();
  }

  /** Starts recording the logs, then a service synced with the standard library (these settings over its own). */
  public static FuzzedService start(Consumer<JsonObject> settings) {
    LogCapture logs = new LogCapture();
    try {
      return new FuzzedService(logs, SyncedLibrary.start(settings));
    } catch (RuntimeException | Error e) {
      logs.close();
      throw e;
    }
  }

  public TestService service() {
    return library.service;
  }

  /** The log lines and row writes from here on are the case's own. */
  public void caseStarts() {
    firstLogLineOfCase = logs.size();
  }

  /** The case's input was refused: it must have written no row. */
  public void assertNoRowWritten(String what) {
    assertThat(rowWrites.count() - rowsWritten).as("rows written while answering %s", what).isZero();
  }

  /**
   * The case's input was accepted: what it wrote becomes the new baseline, once the syncs it started
   * are over ({@code stillWriting}: once its background work has settled too).
   */
  public void accepted(boolean stillWriting) {
    rowsWritten = stillWriting ? rowWrites.settled() : rowWrites.afterSyncs();
  }

  /** No log line of the case may carry one of {@code secrets}, or be an error. */
  public void assertCaseLogClean(String what, String... secrets) {
    for (var event : logs.eventsFrom(firstLogLineOfCase)) {
      String line = event.getFormattedMessage() + (event.getThrowableProxy() == null ? "" : " " + event.getThrowableProxy().getMessage());
      for (String secret : secrets) {
        assertThat(line).as("a log line while answering %s", what).doesNotContain(secret);
      }
      assertThat(event.getLevel().isGreaterOrEqual(Level.ERROR))
          .as("an error was logged while answering %s: %s %s", what, event.getLoggerName(), line).isFalse();
    }
  }

  @Override
  public void close() {
    rowWrites.close();
    library.close();
    logs.close();
  }
}
