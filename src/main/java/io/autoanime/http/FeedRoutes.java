package io.autoanime.http;

import io.autoanime.bus.Addresses;
import io.autoanime.feeds.FeedFields;
import io.autoanime.feeds.FeedItemStore;
import io.autoanime.feeds.FeedStore;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The user's release feeds: add, read, change, remove, poll now, and each feed's newest releases.
 * Polls run in the feed verticle ({@link Addresses#FEEDS_POLL}); the rest reads and writes the
 * database directly.
 */
final class FeedRoutes {
  private final Vertx vertx;
  private final FeedStore feeds;
  private final FeedItemStore items;
  private final long pollTimeoutMs;

  FeedRoutes(Vertx vertx, FeedStore feeds, FeedItemStore items, int feedTimeoutSeconds) {
    this.vertx = vertx;
    this.feeds = feeds;
    this.items = items;
    this.pollTimeoutMs = (feedTimeoutSeconds + 60) * 1000L;
  }

  void mount(Router router) {
    router.get("/api/feeds").handler(this::list);
    router.post("/api/feeds").handler(this::add);
    router.get("/api/feeds/:id").handler(this::get);
    router.patch("/api/feeds/:id").handler(this::change);
    router.delete("/api/feeds/:id").handler(this::remove);
    router.post("/api/feeds/:id/poll").handler(this::poll);
    router.get("/api/feeds/:id/items").handler(this::items);
  }

  private void list(RoutingContext ctx) {
    feeds.list().onSuccess(all -> Responses.json(ctx, 200, all)).onFailure(e -> Responses.failure(ctx, e));
  }

  private void add(RoutingContext ctx) {
    FeedFields fields = FeedFields.create(RequestValues.jsonBody(ctx));
    feeds.add(fields).onSuccess(feed -> Responses.json(ctx, 201, feed)).onFailure(e -> Responses.failure(ctx, e));
  }

  private void get(RoutingContext ctx) {
    long id = RequestValues.pathId(ctx, "id");
    feeds.get(id).onSuccess(feed -> Responses.json(ctx, 200, feed)).onFailure(e -> Responses.failure(ctx, e));
  }

  private void change(RoutingContext ctx) {
    long id = RequestValues.pathId(ctx, "id");
    JsonObject body = RequestValues.jsonBody(ctx);
    feeds.fields(id)
        .compose(stored -> feeds.change(id, stored.with(body)))
        .onSuccess(feed -> Responses.json(ctx, 200, feed))
        .onFailure(e -> Responses.failure(ctx, e));
  }

  private void remove(RoutingContext ctx) {
    long id = RequestValues.pathId(ctx, "id");
    RequestValues.noBody(ctx);
    feeds.remove(id).onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(e -> Responses.failure(ctx, e));
  }

  private void poll(RoutingContext ctx) {
    long id = RequestValues.pathId(ctx, "id");
    RequestValues.noBody(ctx);
    vertx.eventBus().<JsonObject>request(Addresses.FEEDS_POLL, new JsonObject().put("feedId", id),
            new DeliveryOptions().setSendTimeout(pollTimeoutMs))
        .onSuccess(reply -> Responses.json(ctx, 200, reply.body()))
        .onFailure(e -> Responses.failure(ctx, e));
  }

  private void items(RoutingContext ctx) {
    long id = RequestValues.pathId(ctx, "id");
    int limit = RequestValues.queryInt(ctx, "limit", 100, 1, 1000);
    feeds.feed(id) // answers 404 for an unknown feed
        .compose(feed -> items.newestOfFeed(id, limit))
        .onSuccess(all -> Responses.json(ctx, 200, all))
        .onFailure(e -> Responses.failure(ctx, e));
  }
}
