package io.autoanime.http;

import io.autoanime.bus.BadRequestException;
import io.autoanime.bus.Addresses;
import io.autoanime.downloads.DownloadAction;
import io.autoanime.downloads.DownloadStatus;
import io.autoanime.downloads.DownloadStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * Downloads: the history (read from the database), and the user's actions (download an episode
 * now, retry, cancel), which the download verticle carries out ({@link Addresses#DOWNLOADS_ACTIONS}).
 */
final class DownloadRoutes {
  private static final DeliveryOptions ACTION_DELIVERY = new DeliveryOptions().setSendTimeout(120_000);

  private final Vertx vertx;
  private final DownloadStore downloads;

  DownloadRoutes(Vertx vertx, DownloadStore downloads) {
    this.vertx = vertx;
    this.downloads = downloads;
  }

  void mount(Router router) {
    router.get("/api/downloads").handler(this::list);
    router.get("/api/downloads/:id").handler(this::get);
    router.post("/api/downloads/:id/retry").handler(this::retry);
    router.delete("/api/downloads/:id").handler(this::cancel);
    router.post("/api/episodes/:id/download").handler(this::downloadNow);
  }

  private void list(RoutingContext ctx) {
    String status = RequestValues.queryText(ctx, "status");
    if (status != null && status.isEmpty()) {
      status = null;
    }
    if (status != null) {
      try {
        DownloadStatus.fromWire(status);
      } catch (IllegalArgumentException e) {
        throw ApiError.badRequest("status must be one of queued, downloading, importing, imported, failed, cancelled");
      }
    }
    String series = RequestValues.queryText(ctx, "seriesId");
    Long seriesId = series == null || series.isEmpty() ? null : RequestValues.positiveLong(series, "query parameter seriesId");
    int limit = RequestValues.queryInt(ctx, "limit", 50, 1, 1000);
    downloads.newest(status, seriesId, limit).onSuccess(all -> Responses.json(ctx, 200, all)).onFailure(e -> Responses.failure(ctx, e));
  }

  private void get(RoutingContext ctx) {
    long id = RequestValues.pathId(ctx, "id");
    downloads.json(id).onSuccess(d -> Responses.json(ctx, 200, d)).onFailure(e -> Responses.failure(ctx, e));
  }

  private void retry(RoutingContext ctx) {
    long id = RequestValues.pathId(ctx, "id");
    RequestValues.noBody(ctx);
    answer(ctx, 200, act(DownloadAction.retry(id)));
  }

  private void cancel(RoutingContext ctx) {
    long id = RequestValues.pathId(ctx, "id");
    boolean deleteFiles = RequestValues.queryBoolean(ctx, "deleteFiles");
    RequestValues.noBody(ctx);
    answer(ctx, 200, act(DownloadAction.cancel(id, deleteFiles)));
  }

  private void downloadNow(RoutingContext ctx) {
    long episodeId = RequestValues.pathId(ctx, "id");
    JsonObject body = RequestValues.jsonBody(ctx);
    BadRequestException.requireOnly(body, Set.of("feedItemId"));
    Object feedItemId = body.getValue("feedItemId");
    if (feedItemId != null && !((feedItemId instanceof Integer || feedItemId instanceof Long)
        && ((Number) feedItemId).longValue() > 0)) {
      throw ApiError.badRequest("feedItemId must be the id of a release (a whole number from 1), or left out for the best one");
    }
    answer(ctx, 202, act(DownloadAction.download(episodeId, feedItemId == null ? null : ((Number) feedItemId).longValue())));
  }

  private Future<JsonObject> act(DownloadAction action) {
    return vertx.eventBus().<JsonObject>request(Addresses.DOWNLOADS_ACTIONS, action.toJson(), ACTION_DELIVERY)
        .map(reply -> reply.body());
  }

  private static void answer(RoutingContext ctx, int status, Future<JsonObject> download) {
    download.onSuccess(d -> Responses.json(ctx, status, d)).onFailure(e -> Responses.failure(ctx, e));
  }
}
