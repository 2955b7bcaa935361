package io.autoanime.http;

import io.autoanime.feeds.EpisodeReleases;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** The releases placed on an episode, best first, each with why it ranks where it does. */
final class ReleaseRoutes {
  private final EpisodeReleases releases;

  ReleaseRoutes(EpisodeReleases releases) {
    this.releases = releases;
  }

  void mount(Router router) {
    router.get("/api/episodes/:id/releases").handler(this::releases);
  }

  private void releases(RoutingContext ctx) {
    long id = RequestValues.pathId(ctx, "id");
    releases.json(id).onSuccess(all -> Responses.json(ctx, 200, all)).onFailure(e -> Responses.failure(ctx, e));
  }
}
