package io.autoanime.downloads;

import io.autoanime.bus.ConflictException;
import io.autoanime.db.Rows;
import io.autoanime.library.NotFoundException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The downloads and download_episodes tables, and the episode status that follows a download. A
 * download's status changes only through {@link #transition}, guarded on the status it had, so two
 * writers never both move it.
 */
public final class DownloadStore {
  private static final String COLUMNS = """
      d.id, d.series_id, d.feed_item_id, d.title, d.source, d.info_hash, d.tag, d.trigger, d.status, d.progress,
      d.size_bytes, d.save_path, d.content_path, d.error, d.attempts, d.next_attempt_at, d.created_at, d.updated_at,
      d.completed_at, d.imported_at,
      ARRAY(SELECT de.episode_id FROM download_episodes de WHERE de.download_id = d.id ORDER BY de.episode_id)
          AS episode_ids,
      ARRAY(SELECT de.episode_id FROM download_episodes de WHERE de.download_id = d.id AND de.tracked
            ORDER BY de.episode_id) AS tracked_episode_ids""";

  /** What every download's qBittorrent tag starts with (then its id): how a torrent this service added is known. */
  static final String TAG_PREFIX = "autoanime-";
  static final String INSERT_DOWNLOAD = """
      WITH new_download AS (SELECT nextval('downloads_id_seq') AS id)
      INSERT INTO downloads (id, series_id, feed_item_id, title, source, info_hash, tag, trigger, size_bytes)
      SELECT id, $1, $2, $3, $4, $5, 'autoanime-' || id, $6, $7 FROM new_download
      RETURNING id""";
  static final String TRACK_EPISODES = """
      INSERT INTO download_episodes (download_id, episode_id)
      SELECT $1, episode_id FROM UNNEST($2::bigint[]) AS episode_id
      ON CONFLICT (episode_id) WHERE tracked DO NOTHING
      RETURNING episode_id""";
  // A download's recording ends by locking its release and checking that it is still placed on the
  // download's episodes. A re-placement that would move the release waits for the lock, and then sees
  // the download (ReleasePlacer.LOCK_PLACEMENTS); one that moved it first is waited for here, and its
  // new episodes read. The foreign key's KEY SHARE lock alone does not hold off a placement's FOR NO KEY
  // UPDATE: the release was moved to other episodes while its download of the old ones was recorded.
  static final String RELEASE_STILL_PLACED = """
      SELECT episode_ids @> $2::bigint[] AS placed FROM feed_items WHERE id = $1 FOR SHARE""";
  static final String TRACKING_DOWNLOADS = """
      SELECT de.episode_id, de.download_id, d.status, d.title, e.season_number, e.episode_number
        FROM download_episodes de
        JOIN downloads d ON d.id = de.download_id
        JOIN series_episodes e ON e.id = de.episode_id
       WHERE de.episode_id = ANY($1::bigint[]) AND de.tracked""";
  static final String DOWNLOAD = "SELECT " + COLUMNS + " FROM downloads d WHERE d.id = $1";
  static final String NEWEST = "SELECT " + COLUMNS + """
        FROM downloads d
       WHERE ($1::text IS NULL OR d.status = $1) AND ($2::bigint IS NULL OR d.series_id = $2)
       ORDER BY d.id DESC
       LIMIT $3""";
  static final String IN_PROGRESS = "SELECT " + COLUMNS + """
        FROM downloads d
       WHERE d.status IN ('queued', 'downloading', 'importing')
       ORDER BY d.id""";
  static final String IN_PROGRESS_COUNT = """
      SELECT count(*)::int FROM downloads WHERE status IN ('queued', 'downloading', 'importing')""";
  static final String DUE = "SELECT " + COLUMNS + """
        FROM downloads d
       WHERE d.status = $1 AND d.next_attempt_at <= now()
       ORDER BY d.id""";
  static final String DUE_ONE = "SELECT " + COLUMNS + """
        FROM downloads d
       WHERE d.id = $1 AND d.status = $2 AND d.next_attempt_at <= now()""";
  static final String MOVE = """
      UPDATE downloads
         SET status = $3, error = $4, info_hash = coalesce($5, info_hash), cancelled_by = $8,
             attempts = CASE WHEN $6 THEN attempts + 1 WHEN $3 = 'queued' AND status = 'failed' THEN 0 ELSE attempts END,
             next_attempt_at = now() + make_interval(secs => $7),
             completed_at = CASE WHEN $3 = 'importing' THEN coalesce(completed_at, now()) ELSE completed_at END,
             imported_at = CASE WHEN $3 = 'imported' THEN now() ELSE imported_at END,
             progress = CASE WHEN $3 IN ('importing', 'imported') THEN 1 ELSE progress END,
             updated_at = now()
       WHERE id = $1 AND status = $2""";
  static final String EPISODES_FOLLOW = """
      UPDATE series_episodes e
         SET auto_download_status = $2,
             downloaded_at = CASE WHEN $2 = 'downloaded' THEN now() ELSE e.downloaded_at END,
             updated_at = now()
        FROM download_episodes de
       WHERE de.download_id = $1 AND de.tracked AND de.episode_id = e.id
         AND e.auto_download_status <> 'disabled'""";
  static final String EPISODES_START = """
      UPDATE series_episodes e
         SET auto_download_status = 'downloading', updated_at = now()
        FROM download_episodes de
       WHERE de.download_id = $1 AND de.tracked AND de.episode_id = e.id""";
  static final String EPISODES_WITHOUT_FILE_FAILED = """
      WITH untracked AS (
        UPDATE download_episodes SET tracked = false
         WHERE download_id = $1 AND episode_id = ANY($2::bigint[]) AND tracked
        RETURNING episode_id)
      UPDATE series_episodes e SET auto_download_status = 'failed', updated_at = now()
        FROM untracked u WHERE e.id = u.episode_id AND e.auto_download_status <> 'disabled'""";
  static final String EPISODES_RELEASED = """
      UPDATE series_episodes e
         SET auto_download_status = CASE WHEN e.is_auto_download_enabled THEN 'pending' ELSE 'disabled' END,
             updated_at = now()
        FROM download_episodes de
       WHERE de.download_id = $1 AND de.tracked AND de.episode_id = e.id
         AND e.auto_download_status <> 'downloaded'""";
  static final String UNTRACK_ALL = "UPDATE download_episodes SET tracked = false WHERE download_id = $1 AND tracked";
  static final String RETRACK_ALL = """
      UPDATE download_episodes de SET tracked = true
       WHERE de.download_id = $1 AND NOT de.tracked
         AND NOT EXISTS (SELECT 1 FROM download_episodes other WHERE other.episode_id = de.episode_id AND other.tracked)""";
  /*
   * The switch-off sweep (every DOWNLOAD_CHECK_MS) reads the downloads not over through their index
   * (V12) and looks each one's episodes up by key (the LATERAL ... OFFSET 0, the OFFSET 0 in NOT
   * EXISTS): as joins, PostgreSQL read the whole download history and hashed every tracked episode
   * of it at each pass. An episode has at most one tracked row, so its id names the row to untrack.
   */
  static final String UNTRACK_SWITCHED_OFF = """
      UPDATE download_episodes
         SET tracked = false
       WHERE tracked
         AND episode_id = ANY (ARRAY(
               SELECT switched_off.episode_id
                 FROM downloads d
                 JOIN LATERAL (SELECT de.episode_id
                                 FROM download_episodes de
                                 JOIN series_episodes e ON e.id = de.episode_id
                                WHERE de.download_id = d.id AND de.tracked
                                  AND e.auto_download_status = 'disabled'
                               OFFSET 0) AS switched_off ON true
                WHERE d.status IN ('queued', 'downloading', 'importing', 'failed')))""";
  static final String TRACKING_NOTHING = """
      SELECT d.id
        FROM downloads d
       WHERE d.status IN ('queued', 'downloading', 'importing', 'failed')
         AND NOT EXISTS (SELECT 1 FROM download_episodes de WHERE de.download_id = d.id AND de.tracked OFFSET 0)
       ORDER BY d.id""";
  static final String PROGRESS = """
      UPDATE downloads AS d
         SET progress = p.progress, size_bytes = coalesce(p.size_bytes, d.size_bytes),
             save_path = coalesce(p.save_path, d.save_path), content_path = coalesce(p.content_path, d.content_path),
             info_hash = coalesce(d.info_hash, p.info_hash), updated_at = now()
        FROM UNNEST($1::bigint[], $2::float8[], $3::bigint[], $4::text[], $5::text[], $6::text[])
             AS p(id, progress, size_bytes, save_path, content_path, info_hash)
       WHERE d.id = p.id AND d.status IN ('downloading', 'importing')
         AND (d.progress, d.size_bytes, d.save_path, d.content_path, d.info_hash)
             IS DISTINCT FROM (p.progress, coalesce(p.size_bytes, d.size_bytes), coalesce(p.save_path, d.save_path),
                               coalesce(p.content_path, d.content_path), coalesce(d.info_hash, p.info_hash))""";
  static final String TRACKED_DOWNLOADS_OF_SONARR_EPISODES = """
      SELECT DISTINCT de.download_id
        FROM download_episodes de JOIN series_episodes e ON e.id = de.episode_id
       WHERE de.tracked AND e.sonarr_episode_id = ANY($1::bigint[])""";

  private final Pool pool;

  public DownloadStore(Pool pool) {
    this.pool = pool;
  }

  /**
   * Records a download of {@code episodeIds} before anything is sent, and marks those episodes
   * {@code downloading}. Episodes that already have a download are left out; when none is left, or
   * when the release is no longer placed on all of those left (a re-placement moved it meanwhile), the
   * download is not recorded and this fails with a {@link ConflictException}. Answers it as recorded.
   */
  public Future<MovedDownload> create(long seriesId, long feedItemId, String title, String source, String infoHash,
      Long sizeBytes, List<Long> episodeIds, String trigger) {
    return pool.withTransaction(connection -> connection.preparedQuery(INSERT_DOWNLOAD)
        .execute(Tuple.tuple().addLong(seriesId).addLong(feedItemId).addString(title).addString(source)
            .addString(infoHash).addString(trigger).addLong(sizeBytes))
        .compose(inserted -> {
          long id = inserted.iterator().next().getLong("id");
          return connection.preparedQuery(TRACK_EPISODES)
              .execute(Tuple.tuple().addLong(id).addArrayOfLong(episodeIds.toArray(Long[]::new)))
              .compose(tracked -> {
                if (tracked.size() == 0) {
                  return Future.failedFuture(new ConflictException("every episode of this release already has a download"));
                }
                return connection.preparedQuery(EPISODES_START).execute(Tuple.of(id))
                    .compose(v -> requireStillPlaced(connection, feedItemId, title, tracked))
                    .compose(v -> moved(connection, id));
              });
        }));
  }

  /** Fails with a {@link ConflictException} unless the release is (still) placed on the episodes tracked. */
  private static Future<Void> requireStillPlaced(SqlClient connection, long feedItemId, String title,
      RowSet<Row> tracked) {
    List<Long> episodeIds = new ArrayList<>();
    tracked.forEach(row -> episodeIds.add(row.getLong("episode_id")));
    return connection.preparedQuery(RELEASE_STILL_PLACED)
        .execute(Tuple.tuple().addLong(feedItemId).addArrayOfLong(episodeIds.toArray(Long[]::new)))
        .compose(rows -> rows.size() == 1 && Boolean.TRUE.equals(rows.iterator().next().getBoolean("placed"))
            ? Future.succeededFuture()
            : Future.failedFuture(new ConflictException("\"" + title + "\" was placed on other episodes meanwhile"
                + " (a rule or the library changed): try again")));
  }

  /** For each of the episodes that has a tracked download: that download's id and status. */
  public Future<List<JsonObject>> trackingDownloads(List<Long> episodeIds) {
    return pool.preparedQuery(TRACKING_DOWNLOADS).execute(Tuple.tuple().addArrayOfLong(episodeIds.toArray(Long[]::new))).map(rows -> {
      List<JsonObject> found = new ArrayList<>();
      rows.forEach(row -> found.add(new JsonObject().put("episodeId", row.getLong("episode_id"))
          .put("downloadId", row.getLong("download_id")).put("status", row.getString("status"))
          .put("title", row.getString("title")).put("seasonNumber", row.getInteger("season_number"))
          .put("episodeNumber", row.getInteger("episode_number"))));
      return found;
    });
  }

  /**
   * Moves a download from {@code from} to {@code to} (nothing when it is no longer in {@code from}),
   * and its tracked episodes with it. {@code countAttempt} adds one to its attempts;
   * {@code retryIn} is when it is due again (a backoff); {@code cancelledBy} why it was cancelled
   * ({@code user} or {@code switch_off}; null unless {@code to} is cancelled). Answers the download as
   * it moved, if it did.
   */
  public Future<Optional<MovedDownload>> transition(long id, DownloadStatus from, DownloadStatus to, String error,
      String infoHash, boolean countAttempt, java.time.Duration retryIn, String cancelledBy) {
    return pool.withTransaction(connection -> connection.preparedQuery(MOVE)
        .execute(Tuple.tuple().addLong(id).addString(from.wire()).addString(to.wire()).addString(error)
            .addString(infoHash).addBoolean(countAttempt).addDouble(retryIn.toMillis() / 1000.0).addString(cancelledBy))
        .compose(moved -> {
          if (moved.rowCount() == 0) {
            return Future.succeededFuture(Optional.<MovedDownload>empty());
          }
          return followEpisodes(connection, id, from, to).compose(v -> moved(connection, id)).map(Optional::of);
        }));
  }

  private static Future<Void> followEpisodes(SqlClient connection, long id, DownloadStatus from, DownloadStatus to) {
    if (to == DownloadStatus.CANCELLED) {
      return connection.preparedQuery(EPISODES_RELEASED).execute(Tuple.of(id))
          .compose(v -> connection.preparedQuery(UNTRACK_ALL).execute(Tuple.of(id))).mapEmpty();
    }
    Future<?> retracked = from == DownloadStatus.FAILED && to == DownloadStatus.QUEUED
        ? connection.preparedQuery(RETRACK_ALL).execute(Tuple.of(id))
        : Future.succeededFuture();
    if (to.episodeStatus().equals(from.episodeStatus())) {
      return retracked.mapEmpty();
    }
    return retracked.compose(v -> connection.preparedQuery(EPISODES_FOLLOW).execute(Tuple.of(id, to.episodeStatus())))
        .mapEmpty();
  }

  /** Episodes of an imported download that no file held: {@code failed}, and no longer tracked by it. */
  public Future<Void> failEpisodesWithoutFile(long downloadId, List<Long> episodeIds) {
    if (episodeIds.isEmpty()) {
      return Future.succeededFuture();
    }
    return pool.preparedQuery(EPISODES_WITHOUT_FILE_FAILED)
        .execute(Tuple.tuple().addLong(downloadId).addArrayOfLong(episodeIds.toArray(Long[]::new))).mapEmpty();
  }

  /** Stops tracking episodes the user switched off while their download ran. */
  public Future<Void> untrackSwitchedOff() {
    return pool.query(UNTRACK_SWITCHED_OFF).execute().mapEmpty();
  }

  /** The downloads in progress or failed that track no episode (all of them were switched off). */
  public Future<List<Long>> trackingNothing() {
    return pool.query(TRACKING_NOTHING).execute().map(rows -> {
      List<Long> downloads = new ArrayList<>();
      rows.forEach(row -> downloads.add(row.getLong("id")));
      return downloads;
    });
  }

  /** Writes what qBittorrent reports of downloads in one statement; rows that did not change are not written. */
  public Future<Void> progress(List<TorrentProgress> changes) {
    if (changes.isEmpty()) {
      return Future.succeededFuture();
    }
    Tuple parameters = Tuple.tuple()
        .addArrayOfLong(changes.stream().map(TorrentProgress::downloadId).toArray(Long[]::new))
        .addArrayOfDouble(changes.stream().map(TorrentProgress::progress).toArray(Double[]::new))
        .addArrayOfLong(changes.stream().map(TorrentProgress::sizeBytes).toArray(Long[]::new))
        .addArrayOfString(changes.stream().map(TorrentProgress::savePath).toArray(String[]::new))
        .addArrayOfString(changes.stream().map(TorrentProgress::contentPath).toArray(String[]::new))
        .addArrayOfString(changes.stream().map(TorrentProgress::infoHash).toArray(String[]::new));
    return pool.preparedQuery(PROGRESS).execute(parameters).mapEmpty();
  }

  /** What qBittorrent says of one download's torrent. */
  public record TorrentProgress(long downloadId, double progress, Long sizeBytes, String savePath, String contentPath,
      String infoHash) {}

  public Future<Integer> inProgressCount() {
    return pool.query(IN_PROGRESS_COUNT).execute().map(rows -> rows.iterator().next().getInteger(0));
  }

  public Future<List<Download>> inProgress() {
    return pool.query(IN_PROGRESS).execute().map(DownloadStore::downloads);
  }

  /** Downloads in {@code status} whose next attempt is due. */
  public Future<List<Download>> due(DownloadStatus status) {
    return pool.preparedQuery(DUE).execute(Tuple.of(status.wire())).map(DownloadStore::downloads);
  }

  /** The download if it is in {@code status} and its next attempt is due. */
  public Future<Optional<Download>> due(long id, DownloadStatus status) {
    return pool.preparedQuery(DUE_ONE).execute(Tuple.of(id, status.wire()))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(download(rows.iterator().next())));
  }

  public Future<Download> download(long id) {
    return row(pool, id).map(DownloadStore::download);
  }

  public Future<JsonObject> json(long id) {
    return row(pool, id).map(DownloadStore::json);
  }

  private static Future<MovedDownload> moved(SqlClient client, long id) {
    return row(client, id).map(row -> new MovedDownload(download(row), json(row)));
  }

  /** A download's row (with its episode ids); fails with a not-found error when there is none. */
  private static Future<Row> row(SqlClient client, long id) {
    return client.preparedQuery(DOWNLOAD).execute(Tuple.of(id)).map(rows -> {
      if (rows.size() == 0) {
        throw unknownDownload(id);
      }
      return rows.iterator().next();
    });
  }

  /** The newest downloads, of one status and one series when given (null: any). */
  public Future<JsonArray> newest(String status, Long seriesId, int limit) {
    return pool.preparedQuery(NEWEST).execute(Tuple.of(status, seriesId, limit)).map(rows -> {
      JsonArray downloads = new JsonArray();
      rows.forEach(row -> downloads.add(json(row)));
      return downloads;
    });
  }

  /** Downloads that track one of these Sonarr episodes (what a Sonarr webhook names). */
  public Future<List<Long>> trackingSonarrEpisodes(List<Long> sonarrEpisodeIds) {
    return pool.preparedQuery(TRACKED_DOWNLOADS_OF_SONARR_EPISODES)
        .execute(Tuple.tuple().addArrayOfLong(sonarrEpisodeIds.toArray(Long[]::new)))
        .map(rows -> {
          List<Long> ids = new ArrayList<>();
          rows.forEach(row -> ids.add(row.getLong(0)));
          return ids;
        });
  }

  static NotFoundException unknownDownload(long id) {
    return new NotFoundException("no download with id " + id);
  }

  private static List<Download> downloads(RowSet<Row> rows) {
    List<Download> downloads = new ArrayList<>();
    rows.forEach(row -> downloads.add(download(row)));
    return downloads;
  }

  private static Download download(Row row) {
    return new Download(row.getLong("id"), row.getLong("series_id"), row.getLong("feed_item_id"), row.getString("title"),
        row.getString("source"), row.getString("info_hash"), row.getString("tag"),
        DownloadStatus.fromWire(row.getString("status")), row.getDouble("progress"), row.getString("content_path"),
        row.getString("save_path"), row.getInteger("attempts"), Arrays.asList(row.getArrayOfLongs("tracked_episode_ids")));
  }

  /** The contract's download object. The source URL is never shown: it may hold a tracker's credentials. */
  public static JsonObject json(Row row) {
    return new JsonObject()
        .put("id", row.getLong("id"))
        .put("seriesId", row.getLong("series_id"))
        .put("episodeIds", new JsonArray(Arrays.asList(row.getArrayOfLongs("episode_ids"))))
        .put("trackedEpisodeIds", new JsonArray(Arrays.asList(row.getArrayOfLongs("tracked_episode_ids"))))
        .put("feedItemId", row.getLong("feed_item_id"))
        .put("title", row.getString("title"))
        .put("infoHash", row.getString("info_hash"))
        .put("trigger", row.getString("trigger"))
        .put("status", row.getString("status"))
        .put("progress", row.getDouble("progress"))
        .put("sizeBytes", row.getLong("size_bytes"))
        .put("savePath", row.getString("save_path"))
        .put("error", row.getString("error"))
        .put("attempts", row.getInteger("attempts"))
        .put("createdAt", Rows.instant(row, "created_at"))
        .put("updatedAt", Rows.instant(row, "updated_at"))
        .put("completedAt", Rows.instant(row, "completed_at"))
        .put("importedAt", Rows.instant(row, "imported_at"));
  }

}
