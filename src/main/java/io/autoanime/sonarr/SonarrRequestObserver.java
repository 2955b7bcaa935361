package io.autoanime.sonarr;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;

/**
 * Hears about every HTTP attempt a {@link SonarrClient} makes (retries included), for metrics.
 * Installed once per Vert.x instance, so that every client created on it reports without its
 * creator having to pass anything along; without one installed, nothing is reported.
 */
public interface SonarrRequestObserver extends Shareable {
  /** Reports nothing. */
  SonarrRequestObserver NONE = (endpoint, httpStatus, failure, nanos) -> { };

  /**
   * One attempt ended.
   *
   * @param endpoint the endpoint template, such as {@code /api/v3/series/{id}} (see {@link #endpointOf})
   * @param httpStatus Sonarr's HTTP status, or 0 when it did not answer
   * @param failure why the attempt counts as failed (a non-2xx status, a timeout, no connection), or null
   * @param nanos how long the attempt took
   */
  void attemptEnded(String endpoint, int httpStatus, SonarrException failure, long nanos);

  /** Makes every {@link SonarrClient} created on this Vert.x instance from now on report to {@code observer}. */
  static void install(Vertx vertx, SonarrRequestObserver observer) {
    registry(vertx).put(SonarrRequestObserver.class.getName(), observer);
  }

  /** The observer installed on this Vert.x instance, or {@link #NONE}. */
  static SonarrRequestObserver of(Vertx vertx) {
    Object observer = registry(vertx).get(SonarrRequestObserver.class.getName());
    return observer instanceof SonarrRequestObserver installed ? installed : NONE;
  }

  /**
   * A request path as a template with a bounded set of values: no query string, and numeric path
   * segments replaced by {@code {id}} ({@code /api/v3/series/42} is {@code /api/v3/series/{id}}).
   */
  static String endpointOf(String path) {
    int query = path.indexOf('?');
    String bare = query < 0 ? path : path.substring(0, query);
    return bare.replaceAll("/\\d+(?=/|$)", "/{id}");
  }

  private static LocalMap<String, Object> registry(Vertx vertx) {
    return vertx.sharedData().getLocalMap("autoanime.sonarr.observers");
  }
}
