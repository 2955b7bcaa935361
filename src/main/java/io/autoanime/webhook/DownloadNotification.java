package io.autoanime.webhook;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Sonarr's {@code Download} notification (a file was imported): the Sonarr ids of the episodes it
 * names, so a download of this service waiting for them counts as imported.
 */
public final class DownloadNotification {
  private DownloadNotification() {}

  /** The episode ids of a {@code Download} notification ({@code event}, read from {@code body}); empty for any other. */
  public static List<Long> importedSonarrEpisodeIds(WebhookEvent event, JsonObject body) {
    if (event.type().filter(type -> type == WebhookEventType.DOWNLOAD).isEmpty()
        || !(body.getValue("episodes") instanceof JsonArray episodes)) {
      return List.of();
    }
    List<Long> ids = new ArrayList<>();
    for (Object episode : episodes) {
      if (episode instanceof JsonObject e && (e.getValue("id") instanceof Integer || e.getValue("id") instanceof Long)
          && ((Number) e.getValue("id")).longValue() > 0) {
        ids.add(((Number) e.getValue("id")).longValue());
      }
    }
    return ids;
  }
}
