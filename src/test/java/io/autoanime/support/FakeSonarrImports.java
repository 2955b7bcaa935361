package io.autoanime.support;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * Sonarr's import side for {@link FakeSonarr}: {@code GET /api/v3/manualimport} reads the real files
 * under the folder asked for (as Sonarr does, in Sonarr v4's shape), {@code ManualImport} commands are
 * recorded and, when they complete, give their episodes a file (so the next sync shows
 * {@code hasFile}), and {@code GET /api/v3/command/{id}} answers their state. A test can make the
 * next imports fail (Sonarr's own message) or complete without importing (a rejected file).
 */
public final class FakeSonarrImports {
  private static final List<String> VIDEO = List.of(".mkv", ".mp4", ".avi");

  private final FakeSonarr sonarr;
  private final List<JsonObject> manualImports = new CopyOnWriteArrayList<>();
  private final Map<Long, JsonObject> commands = new ConcurrentHashMap<>();
  private final List<String> folderRequests = new CopyOnWriteArrayList<>();
  private volatile int failNext;
  private volatile String failMessage;
  private volatile boolean rejectFiles;
  private long nextId = 9000;

  FakeSonarrImports(FakeSonarr sonarr) {
    this.sonarr = sonarr;
  }

  /** The next {@code times} ManualImport commands end {@code failed} with this message. */
  public FakeSonarrImports failNext(int times, String message) {
    this.failNext = times;
    this.failMessage = message;
    return this;
  }

  /** ManualImport commands complete but import nothing (Sonarr rejected the files). */
  public FakeSonarrImports rejectFiles(boolean reject) {
    this.rejectFiles = reject;
    return this;
  }

  /** Every ManualImport command received, as sent. */
  public List<JsonObject> manualImports() {
    return manualImports;
  }

  /** The {@code folder} of every manualimport request. */
  public List<String> folderRequests() {
    return folderRequests;
  }

  /** Answers the request if it is part of importing; false when it is not. */
  boolean answer(HttpServerRequest request, String path) {
    if (path.equals("/api/v3/manualimport") && request.method().name().equals("GET")) {
      String folder = request.getParam("folder");
      folderRequests.add(folder);
      json(request, candidates(folder).encode());
      return true;
    }
    if (path.startsWith("/api/v3/command/") && request.method().name().equals("GET")) {
      JsonObject command = commands.get(Long.parseLong(path.substring("/api/v3/command/".length())));
      if (command == null) {
        request.response().setStatusCode(404).end("{\"message\":\"NotFound\"}");
      } else {
        json(request, command.encode());
      }
      return true;
    }
    if (path.equals("/api/v3/command") && request.method().name().equals("POST")) {
      request.body().onSuccess(body -> {
        JsonObject command = body.toJsonObject();
        if (!"ManualImport".equalsIgnoreCase(command.getString("name"))) {
          sonarr.commands().add(command);
          json(request, command.copy().put("id", 4327826 + sonarr.commands().size()).put("status", "queued").encode());
          return;
        }
        manualImports.add(command);
        long id;
        synchronized (this) {
          id = ++nextId;
        }
        JsonObject state = new JsonObject().put("id", id).put("name", "ManualImport").put("body", command);
        if (failNext > 0) {
          failNext--;
          state.put("status", "failed").put("message", failMessage);
        } else {
          state.put("status", "completed").put("message", "Completed");
          if (!rejectFiles) {
            giveFiles(command);
          }
        }
        commands.put(id, state);
        json(request, new JsonObject().put("id", id).put("name", "ManualImport").put("status", "queued").encode());
      });
      return true;
    }
    return false;
  }

  private void giveFiles(JsonObject command) {
    for (Object file : command.getJsonArray("files", new JsonArray())) {
      JsonObject f = (JsonObject) file;
      long seriesId = f.getLong("seriesId");
      JsonArray episodes = sonarr.episodes(seriesId);
      if (episodes == null) {
        continue;
      }
      for (Object id : f.getJsonArray("episodeIds", new JsonArray())) {
        for (Object e : episodes) {
          JsonObject episode = (JsonObject) e;
          if (episode.getLong("id").equals(((Number) id).longValue())) {
            episode.put("hasFile", true).put("episodeFileId", 70_000 + episode.getLong("id"));
          }
        }
      }
    }
  }

  private static JsonArray candidates(String folder) {
    JsonArray items = new JsonArray();
    if (folder == null) {
      return items;
    }
    Path root = Path.of(folder);
    if (!Files.exists(root)) {
      return items;
    }
    try (Stream<Path> files = Files.isDirectory(root) ? Files.walk(root) : Stream.of(root)) {
      files.filter(Files::isRegularFile)
          .filter(p -> VIDEO.stream().anyMatch(ext -> p.getFileName().toString().toLowerCase().endsWith(ext)))
          .forEach(p -> items.add(new JsonObject()
              .put("path", p.toString())
              .put("relativePath", p.getFileName().toString())
              .put("name", p.getFileName().toString())
              .put("size", size(p))
              .put("quality", new JsonObject()
                  .put("quality", new JsonObject().put("id", 3).put("name", "WEBDL-1080p").put("source", "web")
                      .put("resolution", 1080))
                  .put("revision", new JsonObject().put("version", 1).put("real", 0).put("isRepack", false)))
              .put("languages", new JsonArray().add(new JsonObject().put("id", 8).put("name", "Japanese")))
              .put("releaseGroup", "SubsPlease")
              .put("rejections", new JsonArray())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return items;
  }

  private static long size(Path path) {
    try {
      return Files.size(path);
    } catch (IOException e) {
      return 0;
    }
  }

  private static void json(HttpServerRequest request, String body) {
    request.response().putHeader("Content-Type", "application/json").end(Buffer.buffer(body));
  }
}
