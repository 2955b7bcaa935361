package io.autoanime.downloads;

import io.autoanime.config.AppConfig;
import io.autoanime.bus.SyncClient;
import io.autoanime.bus.SyncRequest;
import io.autoanime.bus.SyncTrigger;
import io.autoanime.downloads.ImportPlanner.EpisodeNumbers;
import io.autoanime.downloads.ImportPlanner.TorrentFileEntry;
import io.autoanime.library.EpisodeCode;
import io.autoanime.qbittorrent.QbittorrentClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Imports one finished download: lists the torrent's files (qBittorrent), picks the file of each
 * tracked episode ({@link ImportPlanner}), has Sonarr import them ({@link SonarrImporter}), then syncs
 * the series over the event bus and checks that Sonarr now has a file for every episode imported. A
 * Sonarr that ran the command without importing (it rejected the file) is a failed import.
 */
final class ImportRunner {
  static final String EPISODES = """
      SELECT s.sonarr_id, s.series_type, e.id, e.sonarr_episode_id, e.season_number, e.episode_number,
             e.absolute_episode_number
        FROM download_episodes de
        JOIN series_episodes e ON e.id = de.episode_id
        JOIN series s ON s.id = e.series_id
       WHERE de.download_id = $1 AND de.tracked
       ORDER BY e.season_number, e.episode_number""";
  static final String WITHOUT_FILE = """
      SELECT id, season_number, episode_number, absolute_episode_number
        FROM series_episodes
       WHERE id = ANY($1::bigint[]) AND has_file IS NOT TRUE
       ORDER BY season_number, episode_number""";

  /** An import that went through; {@code episodesWithoutFile} were tracked but no file of the torrent holds them. */
  record Imported(List<Long> episodesWithoutFile, String note) {}

  /** A failure retrying cannot mend (no video file in the torrent). */
  static final class Hopeless extends RuntimeException {
    Hopeless(String message) {
      super(message);
    }
  }

  private final SyncClient syncs;
  private final Pool pool;
  private final QbittorrentClient qbittorrent;
  private final SonarrImporter sonarr;

  ImportRunner(Vertx vertx, Pool pool, QbittorrentClient qbittorrent, SonarrImporter sonarr) {
    this.syncs = new SyncClient(vertx);
    this.pool = pool;
    this.qbittorrent = qbittorrent;
    this.sonarr = sonarr;
  }

  Future<Imported> importDownload(Download download) {
    if (sonarr == null) {
      return Future.failedFuture(new IllegalStateException(AppConfig.SONARR_NOT_CONFIGURED));
    }
    if (download.infoHash() == null || download.contentPath() == null) {
      return Future.failedFuture(new IllegalStateException("qBittorrent has not told where the torrent is saved yet"));
    }
    return pool.preparedQuery(EPISODES).execute(Tuple.of(download.id())).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(new Hopeless("the download tracks no episode any more"));
      }
      List<EpisodeNumbers> episodes = new ArrayList<>();
      Map<Long, Long> sonarrEpisodeIds = new HashMap<>();
      long sonarrSeriesId = 0;
      boolean anime = false;
      for (Row row : rows) {
        sonarrSeriesId = row.getLong("sonarr_id") == null ? 0 : row.getLong("sonarr_id");
        anime = "anime".equalsIgnoreCase(row.getString("series_type"));
        episodes.add(new EpisodeNumbers(row.getLong("id"), row.getInteger("season_number"),
            row.getInteger("episode_number"), row.getInteger("absolute_episode_number")));
        sonarrEpisodeIds.put(row.getLong("id"), row.getLong("sonarr_episode_id"));
      }
      if (sonarrSeriesId == 0) {
        return Future.failedFuture(new Hopeless("the series is no longer in Sonarr"));
      }
      long seriesInSonarr = sonarrSeriesId;
      boolean isAnime = anime;
      return qbittorrent.files(download.infoHash())
          .compose(files -> {
            ImportPlan plan = ImportPlanner.plan(episodes,
                files.stream().map(f -> new TorrentFileEntry(f.name(), f.size())).toList(), isAnime);
            if (plan.files().isEmpty()) {
              return Future.failedFuture(new Hopeless(files.stream().anyMatch(f -> ImportPlanner.isVideo(f.name()))
                  ? "no video file of the torrent is named for " + numbers(episodes) + ", so none is imported as it "
                      + "(its video files: " + String.join(", ", plan.unplacedFiles()) + ")"
                  : "the torrent has no video file"));
            }
            List<SonarrImporter.FileImport> imports = plan.files().stream()
                .map(file -> new SonarrImporter.FileImport(download.savePath().replaceAll("/+$", "") + "/" + file.name(),
                    file.episodeIds().stream().map(sonarrEpisodeIds::get).toList()))
                .toList();
            return sonarr.importFiles(seriesInSonarr, download.contentPath(), imports, download.sonarrDownloadId())
                .compose(v -> syncSeries(seriesInSonarr))
                .compose(v -> checkFiles(plan))
                .map(v -> new Imported(plan.episodesWithoutFile(), note(plan)));
          });
    });
  }

  /**
   * Syncs the series so that its episodes show the imported files. A request that joined a run
   * already under way (a full run covers every series) may have been answered with what that run
   * fetched before the import: it is asked once more, and a run it joins then started after the
   * import.
   */
  private Future<Void> syncSeries(long sonarrSeriesId) {
    SyncRequest request = SyncRequest.series(sonarrSeriesId, SyncTrigger.EVENTBUS, true);
    return syncs.sync(request)
        .compose(run -> run.getBoolean("joined", false) ? syncs.sync(request) : Future.succeededFuture(run))
        .mapEmpty();
  }

  private Future<Void> checkFiles(ImportPlan plan) {
    Long[] imported = plan.files().stream().flatMap(f -> f.episodeIds().stream()).toArray(Long[]::new);
    return pool.preparedQuery(WITHOUT_FILE).execute(Tuple.tuple().addArrayOfLong(imported)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture();
      }
      List<EpisodeNumbers> withoutFile = new ArrayList<>();
      rows.forEach(row -> withoutFile.add(new EpisodeNumbers(row.getLong("id"), row.getInteger("season_number"),
          row.getInteger("episode_number"), row.getInteger("absolute_episode_number"))));
      return Future.failedFuture(new SonarrImporter.ImportException("Sonarr ran the import, but " + numbers(withoutFile)
          + (withoutFile.size() == 1 ? " still has" : " still have") + " no file: see Sonarr's log (Activity > Queue, "
          + "System > Logs) for why it rejected the file"));
    });
  }

  /** "episode S01E02" or "episodes S01E02, S01E03". */
  private static String numbers(List<EpisodeNumbers> episodes) {
    return (episodes.size() == 1 ? "episode " : "episodes ") + String.join(", ", episodes.stream()
        .map(e -> EpisodeCode.of(e.seasonNumber(), e.episodeNumber())).toList());
  }

  private static String note(ImportPlan plan) {
    List<String> notes = new ArrayList<>();
    if (!plan.unplacedFiles().isEmpty()) {
      notes.add("not imported, no episode found for: " + String.join(", ", plan.unplacedFiles()));
    }
    if (!plan.episodesWithoutFile().isEmpty()) {
      notes.add("no file found for episode(s) " + plan.episodesWithoutFile());
    }
    return notes.isEmpty() ? null : String.join("; ", notes);
  }
}
