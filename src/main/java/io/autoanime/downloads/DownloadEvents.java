package io.autoanime.downloads;

import io.autoanime.bus.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** Publishes what happens to downloads on {@link Addresses#DOWNLOADS_EVENTS}. */
final class DownloadEvents {
  private final Vertx vertx;

  DownloadEvents(Vertx vertx) {
    this.vertx = vertx;
  }

  /** A download reached {@code status}: the event type is the status ({@code queued}, {@code imported}, ...). */
  void moved(DownloadStatus status, JsonObject download) {
    String type = switch (status) {
      case QUEUED -> "queued";
      case DOWNLOADING, IMPORTING -> "progress";
      case IMPORTED -> "imported";
      case FAILED -> "failed";
      case CANCELLED -> "cancelled";
    };
    publish(type, download);
  }

  void progress(JsonObject download) {
    publish("progress", download);
  }

  private void publish(String type, JsonObject download) {
    vertx.eventBus().publish(Addresses.DOWNLOADS_EVENTS, new JsonObject().put("type", type).put("download", download));
  }
}
