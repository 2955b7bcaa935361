package io.autoanime.http;

import io.autoanime.bus.Addresses;
import io.autoanime.bus.BadRequestException;
import io.autoanime.feeds.RulePreview;
import io.autoanime.matching.RuleSettings;
import io.autoanime.matching.RuleStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A series' download rules, and the preview of what a rule would catch. After a rule is added,
 * changed or removed, the stored releases the change may move are placed again (by the feed
 * verticle, {@link Addresses#RELEASES_REMATCH}) before the answer, so what the user reads next is
 * placed as the preview said.
 */
final class RuleRoutes {
  private static final Logger log = LoggerFactory.getLogger(RuleRoutes.class);
  private static final long REMATCH_TIMEOUT_MS = 60_000;

  private final Vertx vertx;
  private final RuleStore rules;
  private final RulePreview preview;

  RuleRoutes(Vertx vertx, RuleStore rules, RulePreview preview) {
    this.vertx = vertx;
    this.rules = rules;
    this.preview = preview;
  }

  void mount(Router router) {
    router.get("/api/series/:id/rules").handler(this::rulesOfSeries);
    router.post("/api/series/:id/rules").handler(this::add);
    router.post("/api/rules/preview").handler(this::preview);
    router.patch("/api/rules/:id").handler(this::change);
    router.delete("/api/rules/:id").handler(this::remove);
  }

  private void rulesOfSeries(RoutingContext ctx) {
    long seriesId = RequestValues.pathId(ctx, "id");
    rules.rulesOfSeries(seriesId).onSuccess(all -> Responses.json(ctx, 200, all)).onFailure(e -> Responses.failure(ctx, e));
  }

  private void add(RoutingContext ctx) {
    long seriesId = RequestValues.pathId(ctx, "id");
    JsonObject body = RequestValues.jsonBody(ctx);
    Object bodySeries = body.getValue("seriesId");
    if (body.containsKey("seriesId") && !(bodySeries instanceof Number n && n.longValue() == seriesId)) {
      throw new BadRequestException("seriesId in the body must be the series of the path (" + seriesId + ") or left out");
    }
    RuleSettings settings = RuleSettings.defaults().with(body, Set.of("seriesId"));
    rules.add(seriesId, settings)
        .compose(rule -> rematched(seriesId, rule))
        .onSuccess(rule -> Responses.json(ctx, 201, rule))
        .onFailure(e -> Responses.failure(ctx, e));
  }

  private void change(RoutingContext ctx) {
    long id = RequestValues.pathId(ctx, "id");
    JsonObject body = RequestValues.jsonBody(ctx);
    rules.settings(id)
        .compose(stored -> rules.change(id, stored.with(body, Set.of())))
        .compose(rule -> rematched(rule.getLong("seriesId"), rule))
        .onSuccess(rule -> Responses.json(ctx, 200, rule))
        .onFailure(e -> Responses.failure(ctx, e));
  }

  private void remove(RoutingContext ctx) {
    long id = RequestValues.pathId(ctx, "id");
    RequestValues.noBody(ctx);
    rules.remove(id)
        .compose(seriesId -> rematched(seriesId, null))
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(e -> Responses.failure(ctx, e));
  }

  private void preview(RoutingContext ctx) {
    JsonObject body = RequestValues.jsonBody(ctx);
    Object seriesId = body.getValue("seriesId");
    if (!((seriesId instanceof Integer || seriesId instanceof Long) && ((Number) seriesId).longValue() > 0)) {
      throw new BadRequestException("seriesId is required: the id of the series the rule is for");
    }
    RuleSettings settings = RuleSettings.defaults().with(body, Set.of("seriesId"));
    if (settings.pattern() == null) {
      throw new BadRequestException("pattern is required to preview a rule: a title with :ep: or a regular expression "
          + "with a named group ep");
    }
    preview.preview(((Number) seriesId).longValue(), settings)
        .onSuccess(result -> Responses.json(ctx, 200, result))
        .onFailure(e -> Responses.failure(ctx, e));
  }

  /**
   * Places again the stored releases the change of a rule of the series may move, then answers
   * {@code value}; a failure to do so is logged, not answered.
   */
  private <T> Future<T> rematched(long seriesId, T value) {
    return vertx.eventBus().request(Addresses.RELEASES_REMATCH, new JsonObject().put("seriesId", seriesId),
            new DeliveryOptions().setSendTimeout(REMATCH_TIMEOUT_MS))
        .map(reply -> value)
        .otherwise(e -> {
          log.warn("Matching releases again after a rule change failed: {}", e.getMessage());
          return value;
        });
  }
}
