package io.autoanime.downloads;

import io.autoanime.bus.BadRequestException;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** A request on {@code autoanime.downloads.actions}, validated: download an episode now, retry or cancel a download. */
public record DownloadAction(Kind kind, Long episodeId, Long feedItemId, Long downloadId, boolean deleteFiles) {
  public enum Kind { DOWNLOAD, RETRY, CANCEL }

  private static final Map<Kind, Set<String>> FIELDS = Map.of(
      Kind.DOWNLOAD, Set.of("action", "episodeId", "feedItemId"),
      Kind.RETRY, Set.of("action", "downloadId"),
      Kind.CANCEL, Set.of("action", "downloadId", "deleteFiles"));

  public static DownloadAction download(long episodeId, Long feedItemId) {
    return new DownloadAction(Kind.DOWNLOAD, episodeId, feedItemId, null, false);
  }

  public static DownloadAction retry(long downloadId) {
    return new DownloadAction(Kind.RETRY, null, null, downloadId, false);
  }

  public static DownloadAction cancel(long downloadId, boolean deleteFiles) {
    return new DownloadAction(Kind.CANCEL, null, null, downloadId, deleteFiles);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("action", kind.name().toLowerCase(Locale.ROOT));
    switch (kind) {
      case DOWNLOAD -> {
        json.put("episodeId", episodeId);
        if (feedItemId != null) {
          json.put("feedItemId", feedItemId);
        }
      }
      case RETRY -> json.put("downloadId", downloadId);
      case CANCEL -> json.put("downloadId", downloadId).put("deleteFiles", deleteFiles);
    }
    return json;
  }

  public static DownloadAction fromJson(Object body) {
    if (!(body instanceof JsonObject json)) {
      throw new BadRequestException("the request must be a JSON object such as {\"action\": \"retry\", \"downloadId\": 1}");
    }
    Kind kind = json.getValue("action") instanceof String action ? kind(action) : null;
    if (kind == null) {
      throw new BadRequestException("action must be one of download, retry, cancel");
    }
    for (String field : json.fieldNames()) {
      if (!FIELDS.get(kind).contains(field)) {
        throw new BadRequestException("unknown field '" + BadRequestException.clip(field)
            + "' for action " + kind.name().toLowerCase(Locale.ROOT));
      }
    }
    return switch (kind) {
      case DOWNLOAD -> download(id(json, "episodeId", true), id(json, "feedItemId", false));
      case RETRY -> retry(id(json, "downloadId", true));
      case CANCEL -> {
        Object deleteFiles = json.getValue("deleteFiles", false);
        if (!(deleteFiles instanceof Boolean delete)) {
          throw new BadRequestException("deleteFiles must be true or false");
        }
        yield cancel(id(json, "downloadId", true), delete);
      }
    };
  }

  private static Kind kind(String action) {
    for (Kind kind : Kind.values()) {
      if (kind.name().equalsIgnoreCase(action)) {
        return kind;
      }
    }
    return null;
  }

  private static Long id(JsonObject json, String field, boolean required) {
    Object value = json.getValue(field);
    if (value == null && !required) {
      return null;
    }
    if ((value instanceof Integer || value instanceof Long) && ((Number) value).longValue() > 0) {
      return ((Number) value).longValue();
    }
    throw new BadRequestException(field + " must be a whole number from 1" + (required ? "" : ", or left out"));
  }
}
