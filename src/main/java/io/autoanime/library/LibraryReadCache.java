package io.autoanime.library;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Encoded answers of the library's reads (the series list counts every episode of the library; a
 * long series' episode list is megabytes of JSON), kept while nothing has changed: a user write or a
 * sync's progress drops them all, requests arriving while one is computed share its query, and none
 * is older than its maximum age (so another instance's writes to the same database show within that
 * time). At most {@link #MAX_ENTRIES} answers are kept, the least recently used go first.
 */
public final class LibraryReadCache {
  static final int MAX_ENTRIES = 128;

  private final Map<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
      return size() > MAX_ENTRIES;
    }
  };
  private final long maxAgeNanos;
  private final LongSupplier nanoClock;
  private long generation;

  public LibraryReadCache(long maxAgeMs) {
    this(maxAgeMs, System::nanoTime);
  }

  LibraryReadCache(long maxAgeMs, LongSupplier nanoClock) {
    this.maxAgeNanos = TimeUnit.MILLISECONDS.toNanos(maxAgeMs);
    this.nanoClock = nanoClock;
  }

  private record Entry(Future<Buffer> answer, long computedAtNanos) {}

  private boolean fresh(Entry entry) {
    return !entry.answer().failed() && nanoClock.getAsLong() - entry.computedAtNanos() < maxAgeNanos;
  }

  /** The cached answer for {@code key}, or the one {@code read} computes (failures are not kept). */
  public synchronized Future<Buffer> get(String key, Supplier<Future<Buffer>> read) {
    Entry cached = entries.get(key);
    if (cached != null && fresh(cached)) {
      return cached.answer();
    }
    long askedAt = generation;
    Entry entry = new Entry(read.get(), nanoClock.getAsLong());
    entries.put(key, entry);
    entry.answer().onComplete(result -> forgetIfStale(key, entry, result.failed() || askedAt != generation));
    return entry.answer();
  }

  /** Something in the library changed: every next request reads the database again. */
  public synchronized void invalidate() {
    generation++;
    entries.clear();
  }

  private synchronized void forgetIfStale(String key, Entry entry, boolean stale) {
    if (stale) {
      entries.remove(key, entry);
    }
  }
}
