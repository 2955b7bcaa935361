package io.autoanime.library;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The series list is the heaviest read (it counts every episode of the library), so its answer is
 * kept, encoded, while nothing has changed: a user write or a sync's progress drops it, requests
 * arriving while it is being computed share one query, and it is never older than
 * {@link #MAX_AGE_MS} (so another instance's writes to the same database show within that time).
 */
public final class SeriesListCache {
  static final long MAX_AGE_MS = 2000;

  private final LibraryReader reader;
  private final Map<Boolean, Entry> entries = new HashMap<>();
  private long generation;

  private record Entry(Future<Buffer> answer, long computedAtNanos) {
    boolean fresh() {
      return !answer.failed() && System.nanoTime() - computedAtNanos < TimeUnit.MILLISECONDS.toNanos(MAX_AGE_MS);
    }
  }

  public SeriesListCache(LibraryReader reader) {
    this.reader = reader;
  }

  /** The list as {@link LibraryReader#seriesList} answers it, encoded as JSON. */
  public synchronized Future<Buffer> get(boolean includeRemoved) {
    Entry cached = entries.get(includeRemoved);
    if (cached != null && cached.fresh()) {
      return cached.answer();
    }
    long askedAt = generation;
    Entry entry = new Entry(reader.seriesList(includeRemoved).map(JsonArray::toBuffer), System.nanoTime());
    entries.put(includeRemoved, entry);
    entry.answer().onComplete(result -> forgetIfStale(includeRemoved, entry, result.failed() || askedAt != generation));
    return entry.answer();
  }

  /** Something in the library changed: the next request reads the database again. */
  public synchronized void invalidate() {
    generation++;
    entries.clear();
  }

  private synchronized void forgetIfStale(boolean includeRemoved, Entry entry, boolean stale) {
    if (stale) {
      entries.remove(includeRemoved, entry);
    }
  }
}
