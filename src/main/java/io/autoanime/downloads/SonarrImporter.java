package io.autoanime.downloads;

import io.autoanime.config.PathMap;
import io.autoanime.sonarr.SonarrClient;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Has Sonarr import finished files with the series and episodes this service matched: asks Sonarr
 * for its reading of the files ({@code GET /api/v3/manualimport}: quality, languages, group), sends
 * the {@code ManualImport} command with the exact ids, and waits for the command to end. Paths go
 * through {@link PathMap}, so Sonarr is given the paths it sees.
 */
final class SonarrImporter {
  private static final Set<String> ENDED = Set.of("completed", "failed", "aborted", "cancelled", "orphaned");

  /** One file to import: its path as qBittorrent saved it, and the Sonarr episode ids it holds. */
  record FileImport(String qbittorrentPath, List<Long> sonarrEpisodeIds) {}

  private final Vertx vertx;
  private final SonarrClient sonarr;
  private final PathMap paths;
  private final String importMode;
  private final long commandPollMs;
  private final long commandTimeoutMs;

  SonarrImporter(Vertx vertx, SonarrClient sonarr, PathMap paths, String importMode, long commandPollMs,
      long commandTimeoutMs) {
    this.vertx = vertx;
    this.sonarr = sonarr;
    this.paths = paths;
    this.importMode = importMode;
    this.commandPollMs = commandPollMs;
    this.commandTimeoutMs = commandTimeoutMs;
  }

  /**
   * Imports {@code files} of the torrent at {@code contentPath} (qBittorrent's path) into series
   * {@code sonarrSeriesId}; fails with an {@link ImportException} carrying Sonarr's own reason.
   */
  Future<Void> importFiles(long sonarrSeriesId, String contentPath, List<FileImport> files, String downloadId) {
    String folder = paths.toSonarr(contentPath);
    return sonarr.manualImportCandidates(folder, sonarrSeriesId)
        .recover(e -> Future.failedFuture(new ImportException("Sonarr could not read " + folder + ": " + e.getMessage())))
        .compose(candidates -> {
          Map<String, JsonObject> byPath = new HashMap<>();
          for (Object candidate : candidates) {
            if (candidate instanceof JsonObject item && item.getValue("path") instanceof String path) {
              byPath.put(normalised(path), item);
            }
          }
          JsonArray commandFiles = new JsonArray();
          for (FileImport file : files) {
            String sonarrPath = paths.toSonarr(file.qbittorrentPath());
            JsonObject candidate = byPath.get(normalised(sonarrPath));
            if (candidate == null) {
              return Future.failedFuture(new ImportException("Sonarr does not see " + sonarrPath + " (qBittorrent saved it at "
                  + file.qbittorrentPath() + "): check DOWNLOAD_PATH_MAP and that Sonarr can read the download folder"));
            }
            commandFiles.add(commandFile(sonarrPath, sonarrSeriesId, file.sonarrEpisodeIds(), candidate, downloadId));
          }
          JsonObject command = new JsonObject().put("name", "ManualImport").put("importMode", importMode)
              .put("files", commandFiles);
          return sonarr.command(command)
              .recover(e -> Future.failedFuture(new ImportException("Sonarr refused the ManualImport command: " + e.getMessage())))
              .compose(started -> {
                Long id = started.getLong("id");
                if (id == null) {
                  return Future.failedFuture(new ImportException("Sonarr answered the ManualImport command without an id"));
                }
                return awaitCommand(id, System.currentTimeMillis() + commandTimeoutMs);
              });
        });
  }

  private static JsonObject commandFile(String path, long sonarrSeriesId, List<Long> episodeIds, JsonObject candidate,
      String downloadId) {
    JsonObject file = new JsonObject()
        .put("path", path)
        .put("seriesId", sonarrSeriesId)
        .put("episodeIds", new JsonArray(episodeIds))
        .put("quality", candidate.getValue("quality"))
        .put("releaseGroup", candidate.getValue("releaseGroup"))
        .put("downloadId", downloadId)
        .put("indexerFlags", 0)
        .put("releaseType", episodeIds.size() > 1 ? "multiEpisode" : "singleEpisode");
    if (candidate.containsKey("languages")) {
      file.put("languages", candidate.getValue("languages"));
    }
    if (candidate.containsKey("language")) {
      file.put("language", candidate.getValue("language"));
    }
    return file;
  }

  private Future<Void> awaitCommand(long id, long deadline) {
    return sonarr.commandStatus(id).compose(command -> {
      String status = String.valueOf(command.getValue("status")).toLowerCase(Locale.ROOT);
      if (status.equals("completed")) {
        return Future.succeededFuture();
      }
      if (ENDED.contains(status)) {
        String reason = firstText(command, "message", "exception", "errorMessage");
        return Future.failedFuture(new ImportException("Sonarr's ManualImport command " + id + " ended " + status
            + (reason == null ? "" : ": " + reason)));
      }
      if (System.currentTimeMillis() > deadline) {
        return Future.failedFuture(new ImportException("Sonarr's ManualImport command " + id + " did not end within "
            + commandTimeoutMs / 1000 + " s (last status: " + status + ")"));
      }
      Promise<Void> later = Promise.promise();
      vertx.setTimer(commandPollMs, t -> awaitCommand(id, deadline).onComplete(later));
      return later.future();
    });
  }

  private static String firstText(JsonObject command, String... fields) {
    for (String field : fields) {
      if (command.getValue(field) instanceof String text && !text.isBlank()) {
        return text;
      }
    }
    return command.getValue("body") instanceof JsonObject body ? firstText(body, fields) : null;
  }

  private static String normalised(String path) {
    return path.replace('\\', '/');
  }

  /** An import that did not happen, with the reason (Sonarr's own where it gave one). */
  static final class ImportException extends RuntimeException {
    ImportException(String message) {
      super(message);
    }
  }
}
