package io.autoanime.sync;

import io.autoanime.async.ConcurrencyLimit;
import io.autoanime.bus.SyncMode;
import io.autoanime.sonarr.SonarrClient;
import io.autoanime.sonarr.SonarrDecoder;
import io.autoanime.sonarr.SonarrDecoder.SeriesListEntry;
import io.autoanime.sonarr.SonarrException;
import io.autoanime.sonarr.SonarrModels.Episode;
import io.autoanime.sonarr.SonarrModels.Series;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out one run: fetches from Sonarr, writes each series through {@link SeriesWriter}, and
 * marks absent series removed only after a complete series list (guarded by the breaker, {@link
 * FullRunSettling}). A failing series is recorded on the run and the run goes on.
 */
final class SyncEngine {
  private static final Logger log = LoggerFactory.getLogger(SyncEngine.class);

  private final SonarrClient sonarr;
  private final SeriesWriter writer;
  private final Pool pool;
  private final int concurrency;
  private final String statementsVersion;

  SyncEngine(Vertx vertx, SonarrClient sonarr, Pool pool, int concurrency) {
    this(vertx, sonarr, pool, concurrency, SyncedTables.STANDARD);
  }

  SyncEngine(Vertx vertx, SonarrClient sonarr, Pool pool, int concurrency, SyncedTables tables) {
    this.sonarr = sonarr;
    this.writer = new SeriesWriter(vertx, pool, tables);
    this.pool = pool;
    this.concurrency = concurrency;
    this.statementsVersion = tables.version();
  }

  /**
   * Runs to the end; the returned future fails only when nothing could be synced (the series list
   * could not be fetched). {@code stopping} is polled before each series starts.
   */
  Future<Void> execute(SyncRun run, Runnable onProgress, BooleanSupplier stopping) {
    if (run.request().mode() == SyncMode.SERIES) {
      return syncOneSeries(run, run.request().sonarrSeriesId(), onProgress);
    }
    Run listRun = new Run(run, onProgress, stopping);
    return sonarr.seriesList().compose(listRun::syncList);
  }

  /** A one-series run: its series is written however the service is doing, and reports progress at its start and end. */
  private Future<Void> syncOneSeries(SyncRun run, long sonarrId, Runnable onProgress) {
    run.seriesTotal(1);
    onProgress.run();
    return sonarr.series(sonarrId).transform(fetched -> {
      if (fetched.succeeded()) {
        return fingerprints(new Long[] {sonarrId})
            .compose(known -> new Run(run, () -> { }, () -> false).syncGroup(List.of(fetched.result()), null, known));
      }
      if (fetched.cause() instanceof SonarrException e && e.notFound()) {
        return writer.markSeriesRemoved(sonarrId).map(marked -> {
          run.markedRemoved(marked);
          run.seriesWritten(SeriesWriteResult.unchanged(0));
          run.warn("Sonarr has no series " + sonarrId + (marked.series() > 0 ? ": marked removed" : ""));
          return null;
        });
      }
      return Future.failedFuture(fetched.cause());
    }).onComplete(ignored -> onProgress.run()).mapEmpty();
  }

  /** One run going on: what it records into, whom it tells of progress, and how it learns the service stops. */
  private final class Run {
    private final SyncRun run;
    private final Runnable onProgress;
    private final BooleanSupplier stopping;
    /** Rows the run gave to other Sonarr ids before writing any series (a HashSet: a result may have no row). */
    private final Set<Long> rowsTakenOver = new HashSet<>();
    /** False once the breaker held the run back ({@link FullRunSettling}). */
    private boolean mayMarkRemoved = true;

    Run(SyncRun run, Runnable onProgress, BooleanSupplier stopping) {
      this.run = run;
      this.onProgress = onProgress;
      this.stopping = stopping;
    }

    Future<Void> syncList(List<SeriesListEntry> entries) {
      SyncMode mode = run.request().mode();
      Map<Long, Series> listed = new LinkedHashMap<>();
      List<SeriesListEntry> broken = new ArrayList<>();
      Set<Long> listedIds = new HashSet<>();
      boolean everyEntryHasAnId = true;
      for (SeriesListEntry entry : entries) {
        if (entry.series() == null) {
          broken.add(entry);
          everyEntryHasAnId &= entry.sonarrId() != null;
        } else if (listed.put(entry.series().id(), entry.series()) != null) {
          run.warn("series " + entry.series().id() + " appears more than once in Sonarr's series list; the last one was kept");
        }
        if (entry.sonarrId() != null) {
          listedIds.add(entry.sonarrId());
        }
      }
      Long[] allListedIds = listedIds.toArray(Long[]::new);
      boolean completeList = everyEntryHasAnId;  // only then may absence mean "removed"

      Future<List<Series>> toSync = mode == SyncMode.NEW
          ? onlyUnknown(listed)
          : settleIdentities(List.copyOf(listed.values()), allListedIds, completeList);
      return toSync.compose(series -> fingerprints(series.stream().map(Series::id).toArray(Long[]::new)).compose(known -> {
        List<SeriesListEntry> brokenToReport = mode == SyncMode.NEW ? List.of() : broken;
        run.seriesTotal(series.size() + brokenToReport.size());
        for (SeriesListEntry entry : brokenToReport) {
          run.seriesFailed(entry.sonarrId(), entry.error());
        }
        onProgress.run();
        return ConcurrencyLimit.forEach(groupsOf(series), GROUPS_IN_FLIGHT, group -> syncGroup(group, allListedIds, known));
      })).compose(v -> {
        if (mode != SyncMode.FULL) {
          return Future.succeededFuture();
        }
        if (!completeList) {
          run.warn("Sonarr's series list had entries without an id: no series was marked removed in this run");
          return Future.succeededFuture();
        }
        return mayMarkRemoved ? markAbsentSeriesRemoved(allListedIds) : Future.succeededFuture();
      });
    }

    /**
     * Fetches the episodes of a group of series and writes those with something new in one
     * transaction. A series whose Sonarr data hashes to the fingerprint of its last write is not even
     * decoded. If the group's transaction fails, its series are written one per transaction, so that
     * only a failing series fails.
     */
    Future<Void> syncGroup(List<Series> group, Long[] listedIds, Map<Long, LastWrite> known) {
      List<SeriesSnapshot> toWrite = new ArrayList<>();
      Future<Void> fetched = ConcurrencyLimit.forEach(group, concurrency, series -> stopping.getAsBoolean()
          ? Future.failedFuture(new InterruptedRunException())
          : prepare(series, known.get(series.id()))
              .onSuccess(snapshot -> {
                if (snapshot != null) {
                  toWrite.add(snapshot);
                }
              })
              .<Void>mapEmpty()
              .recover(failure -> Future.succeededFuture())); // recorded on the run by prepare
      // What was fetched before the service began to stop is still written; then the stop goes on.
      return fetched.transform(fetching -> writeGroup(toWrite, listedIds)
          .compose(v -> fetching.succeeded() ? Future.<Void>succeededFuture() : Future.<Void>failedFuture(fetching.cause())));
    }

    private Future<Void> writeGroup(List<SeriesSnapshot> toWrite, Long[] listedIds) {
      if (toWrite.isEmpty()) {
        return Future.succeededFuture();
      }
      return write(toWrite, listedIds)
          .onSuccess(written -> {
            record(written);
            onProgress.run();
          })
          .<Void>mapEmpty()
          .recover(groupFailure -> {
            log.info("Writing {} series together failed ({}); writing them one by one", toWrite.size(),
                groupFailure.getMessage());
            return ConcurrencyLimit.forEach(toWrite, concurrency, snapshot -> writeAlone(snapshot, listedIds));
          });
    }

    /**
     * Fetches one series' episodes: null when Sonarr has nothing new for it (counted as unchanged at
     * once), else the snapshot to write. A series that cannot be fetched or decoded is recorded as
     * failed, and the future fails.
     */
    private Future<SeriesSnapshot> prepare(Series series, LastWrite lastWrite) {
      return sonarr.episodesBody(series.id())
          .map(body -> {
            String fingerprint = SeriesSnapshot.fingerprintOf(statementsVersion, series, body);
            if (lastWrite != null && fingerprint.equals(lastWrite.fingerprint())) {
              run.seriesWritten(SeriesWriteResult.unchanged(lastWrite.episodeCount()));
              onProgress.run();
              return null;
            }
            List<Episode> episodes = SonarrDecoder.episodes(body, SonarrClient.episodesPath(series.id()));
            SeriesSnapshot snapshot = SeriesSnapshot.of(series, episodes, fingerprint);
            snapshot.warnings().forEach(run::warn);
            return snapshot;
          })
          .onFailure(failure -> {
            seriesFailed(series, failure);
            onProgress.run();
          });
    }

    private Future<Void> writeAlone(SeriesSnapshot snapshot, Long[] listedIds) {
      return write(List.of(snapshot), listedIds)
          .onSuccess(this::record)
          .onFailure(failure -> seriesFailed(snapshot.series(), failure))
          .onComplete(ignored -> onProgress.run())
          .<Void>mapEmpty()
          .recover(failure -> Future.succeededFuture());
    }

    /** A full run settled the identities of its whole list before its first group ({@link #settleIdentities}). */
    private Future<SeriesWriter.Written> write(List<SeriesSnapshot> snapshots, Long[] listedIds) {
      return run.request().mode() == SyncMode.FULL
          ? writer.writeSettled(snapshots)
          : writer.write(snapshots, listedIds);
    }

    private void record(SeriesWriter.Written written) {
      run.markedRemoved(written.detachedRemoved());
      for (SeriesWriteResult result : written.series()) {
        // Its row's Sonarr id changed, even when nothing else did.
        run.seriesWritten(rowsTakenOver.contains(result.seriesRowId()) ? result.asChanged() : result);
      }
    }

    /**
     * Run before any series is written, so that ids swapped between shows are all freed first; the
     * groups do not settle them again ({@link SeriesWriter#writeSettled}). Answers the series to
     * write: those Sonarr lists under the ids of other shows are left out when the breaker holds the
     * run back.
     */
    private Future<List<Series>> settleIdentities(List<Series> listed, Long[] listedIds, boolean completeList) {
      return FullRunSettling.settle(pool, listed, listedIds, completeList)
          .map(outcome -> {
            SeriesIdentities.Settled settled = outcome.settled();
            rowsTakenOver.addAll(settled.rowsTakenOver());
            run.markedRemoved(settled.markedRemoved());
            if (settled.detached() > 0) {
              log.info("Detached {} series whose Sonarr id now belongs to another show", settled.detached());
            }
            if (!outcome.mayMarkRemoved()) {
              mayMarkRemoved = false;
              run.warn(outcome.heldBack().warning());
            }
            return outcome.toWrite(listed);
          });
    }

    private void seriesFailed(Series series, Throwable failure) {
      log.warn("Series {} ({}) failed: {}", series.id(), series.title(), failure.getMessage());
      run.seriesFailed(series.id(), describe(failure));
    }

    /** The series absent from a complete list, once the breaker let the run mark them ({@link FullRunSettling}). */
    private Future<Void> markAbsentSeriesRemoved(Long[] listedIds) {
      return pool.withTransaction(connection -> SeriesRemoval.mark(connection,
              PresenceStatements.MARK_ABSENT_SERIES_REMOVED, Tuple.tuple().addArrayOfLong(listedIds)))
          .onSuccess(run::markedRemoved)
          .mapEmpty();
    }
  }

  /** Series written per transaction: enough to share each statement's cost, few enough to stay small. */
  static final int GROUP_SIZE = 50;
  /** Groups are written while the next ones are fetched (3 paid on a cold JVM: docs/cold-start.md). */
  private static final int GROUPS_IN_FLIGHT = 3;

  private static List<List<Series>> groupsOf(List<Series> series) {
    List<List<Series>> groups = new ArrayList<>();
    for (int from = 0; from < series.size(); from += GROUP_SIZE) {
      groups.add(series.subList(from, Math.min(series.size(), from + GROUP_SIZE)));
    }
    return groups;
  }

  private Future<List<Series>> onlyUnknown(Map<Long, Series> listed) {
    return pool.preparedQuery("SELECT sonarr_id FROM series WHERE sonarr_id = ANY($1::bigint[])")
        .execute(Tuple.tuple().addArrayOfLong(listed.keySet().toArray(Long[]::new)))
        .map(rows -> {
          Set<Long> known = new HashSet<>();
          for (Row row : rows) {
            known.add(row.getLong("sonarr_id"));
          }
          return listed.values().stream().filter(s -> !known.contains(s.id())).toList();
        });
  }

  /** What the last write of a series was made from (see {@link SeriesSnapshot#fingerprintOf}). */
  private record LastWrite(String fingerprint, int episodeCount) {}

  private Future<Map<Long, LastWrite>> fingerprints(Long[] sonarrIds) {
    return pool.preparedQuery(PresenceStatements.FINGERPRINTS)
        .execute(Tuple.tuple().addArrayOfLong(sonarrIds))
        .map(rows -> {
          Map<Long, LastWrite> known = new HashMap<>();
          rows.forEach(row -> known.put(row.getLong("sonarr_id"),
              new LastWrite(row.getString("fingerprint"), row.getInteger("episode_count"))));
          return known;
        });
  }

  static String describe(Throwable failure) {
    return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
  }

  /** The service began to stop during the run: no new series is started. */
  static final class InterruptedRunException extends RuntimeException {
    InterruptedRunException() {
      super(SyncRuns.INTERRUPTED);
    }
  }
}
