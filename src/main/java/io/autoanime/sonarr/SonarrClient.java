package io.autoanime.sonarr;

import io.autoanime.async.ConcurrencyLimit;
import io.autoanime.async.Retry;
import io.autoanime.config.AppConfig.SonarrTuning;
import io.autoanime.config.Urls;
import io.autoanime.sonarr.SonarrDecoder.SeriesListEntry;
import io.autoanime.sonarr.SonarrModels.Episode;
import io.autoanime.sonarr.SonarrModels.Series;
import io.autoanime.sonarr.SonarrModels.SystemStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * HTTP to Sonarr's v3 API. Sends the key as {@code X-Api-Key}, bounds the requests in flight,
 * retries 5xx answers, timeouts and refused connections with exponential backoff, and turns every
 * other non-2xx or undecodable answer into a {@link SonarrException}. Not thread-safe: use one
 * instance per verticle.
 */
public final class SonarrClient {
  private static final String API_KEY_HEADER = "X-Api-Key";

  private final WebClient client;
  private final String baseUrl;
  private final String apiKey;
  private final SonarrTuning tuning;
  private final SonarrRequestObserver observer;
  private final ConcurrencyLimit inFlight;
  /** 5xx answers, timeouts and broken connections are tried again, after a pause that doubles. */
  private final Retry retry;

  public SonarrClient(Vertx vertx, String baseUrl, String apiKey, SonarrTuning tuning) {
    this.baseUrl = baseUrl.replaceAll("/+$", "");
    this.apiKey = apiKey;
    this.tuning = tuning;
    this.observer = SonarrRequestObserver.of(vertx);
    this.inFlight = new ConcurrencyLimit(tuning.concurrency());
    this.retry = new Retry(vertx, tuning.retries(), failure -> failure instanceof SonarrException e && e.retryable(),
        Retry.doubling(tuning.retryDelayMs()));
    this.client = WebClient.create(vertx, new WebClientOptions()
        .setUserAgent("AutoAnime")
        .setConnectTimeout(tuning.timeoutSeconds() * 1000)
        .setDecompressionSupported(true),
        new PoolOptions().setHttp1MaxSize(Math.max(tuning.concurrency(), 2)));
  }

  public Future<SystemStatus> systemStatus() {
    String path = "/api/v3/system/status";
    return get(path, body -> SonarrDecoder.systemStatus(body, path));
  }

  public Future<List<SeriesListEntry>> seriesList() {
    String path = "/api/v3/series";
    return get(path, body -> SonarrDecoder.seriesList(body, path));
  }

  public Future<Series> series(long sonarrId) {
    String path = "/api/v3/series/" + sonarrId;
    return get(path, body -> SonarrDecoder.singleSeries(body, path));
  }

  public Future<List<Episode>> episodes(long sonarrSeriesId) {
    return episodesBody(sonarrSeriesId).map(body -> SonarrDecoder.episodes(body, episodesPath(sonarrSeriesId)));
  }

  /**
   * The episode list as Sonarr sent it, undecoded (a 2xx answer; decode it with
   * {@link SonarrDecoder#episodes}). Lets the sync tell "nothing changed" without decoding.
   */
  public Future<Buffer> episodesBody(long sonarrSeriesId) {
    return get(episodesPath(sonarrSeriesId), body -> body);
  }

  public static String episodesPath(long sonarrSeriesId) {
    return "/api/v3/episode?seriesId=" + sonarrSeriesId;
  }

  /** Asks Sonarr to refresh one series from its metadata source; answers Sonarr's command object. */
  public Future<JsonObject> refreshSeries(long sonarrId) {
    return command(new JsonObject().put("name", "RefreshSeries").put("seriesId", sonarrId));
  }

  /** Starts a Sonarr command ({@code POST /api/v3/command}); answers Sonarr's command object, with its {@code id}. */
  public Future<JsonObject> command(JsonObject command) {
    String path = "/api/v3/command";
    return retried(path, () -> request(client.postAbs(baseUrl + path)).sendJsonObject(command))
        .map(response -> (JsonObject) parseObject(bodyOf(response), path));
  }

  /** A command's state ({@code status}: queued, started, completed, failed, ...; {@code message}). */
  public Future<JsonObject> commandStatus(long commandId) {
    String path = "/api/v3/command/" + commandId;
    return get(path, body -> (JsonObject) parseObject(body, path));
  }

  /**
   * Sonarr's reading of the video files in {@code folder} (a folder or one file) for a series: each
   * file's {@code path}, {@code quality}, {@code languages} (v4) or {@code language} (v3),
   * {@code releaseGroup} and {@code rejections}.
   */
  public Future<JsonArray> manualImportCandidates(String folder, long sonarrSeriesId) {
    String path = "/api/v3/manualimport?folder=" + URLEncoder.encode(folder, StandardCharsets.UTF_8)
        + "&seriesId=" + sonarrSeriesId + "&filterExistingFiles=false";
    return get(path, body -> {
      try {
        return new JsonArray(body);
      } catch (RuntimeException e) {
        throw SonarrException.badData("Sonarr sent no JSON list for /api/v3/manualimport");
      }
    });
  }

  /**
   * One of Sonarr's media cover images of a series ({@code GET /api/v3/mediacover/{id}/{file}}, the
   * key sent as a header), with its content type. One try: the caller has a fallback.
   */
  public Future<MediaCover> mediaCover(long sonarrSeriesId, String fileName) {
    String path = "/api/v3/mediacover/" + sonarrSeriesId + "/" + fileName;
    return inFlight.run(() -> attempt("/api/v3/mediacover/{id}/{file}", path,
            () -> request(client.getAbs(baseUrl + path)).putHeader("Accept", "image/*").send()))
        .map(response -> new MediaCover(bodyOf(response), response.getHeader("Content-Type")));
  }

  /** An image as Sonarr sent it; {@code contentType} may be null. */
  public record MediaCover(Buffer body, String contentType) {}

  public void close() {
    client.close();
  }

  private <T> Future<T> get(String path, Function<Buffer, T> decoder) {
    return retried(path, () -> request(client.getAbs(baseUrl + path)).send())
        .map(response -> decoder.apply(bodyOf(response)));
  }

  /** One request to {@code path}, within the in-flight limit, tried again as the retry settings say. */
  private Future<HttpResponse<Buffer>> retried(String path, Supplier<Future<HttpResponse<Buffer>>> send) {
    return inFlight.run(() -> retry.run(() -> attempt(SonarrRequestObserver.endpointOf(path), path, send)));
  }

  private HttpRequest<Buffer> request(HttpRequest<Buffer> request) {
    return request
        .putHeader(API_KEY_HEADER, apiKey)
        .putHeader("Accept", "application/json")
        .timeout(tuning.timeoutSeconds() * 1000L);
  }

  /**
   * One try, measured as {@code endpoint}: a 2xx answer, or a {@link SonarrException} saying what
   * went wrong.
   */
  private Future<HttpResponse<Buffer>> attempt(String endpoint, String path,
      Supplier<Future<HttpResponse<Buffer>>> send) {
    long startedAt = System.nanoTime();
    return send.get()
        .transform(result -> {
          SonarrException failure = result.succeeded()
              ? checkStatus(result.result(), path)
              : transportFailure(result.cause(), path);
          observer.attemptEnded(endpoint, result.succeeded() ? result.result().statusCode() : 0, failure,
              System.nanoTime() - startedAt);
          return failure == null ? Future.succeededFuture(result.result()) : Future.failedFuture(failure);
        });
  }

  private static Buffer bodyOf(HttpResponse<Buffer> response) {
    return response.body() == null ? Buffer.buffer() : response.body();
  }

  private static SonarrException checkStatus(HttpResponse<Buffer> response, String path) {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return null;
    }
    if (status == 401 || status == 403) {
      return new SonarrException("Sonarr refused the API key (HTTP " + status + ") for " + path
          + ": check SONARR_API_KEY", status, false);
    }
    boolean retryable = status >= 500 || status == 429;
    return new SonarrException("Sonarr answered HTTP " + status + " for " + path, status, retryable);
  }

  private SonarrException transportFailure(Throwable cause, String path) {
    if (cause instanceof TimeoutException || cause.getClass().getSimpleName().contains("Timeout")) {
      return new SonarrException("Sonarr did not answer " + path + " within " + tuning.timeoutSeconds() + " s", 0, true);
    }
    String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    if (reason.toLowerCase().contains("closed")) {
      return new SonarrException("the connection to Sonarr closed before its answer to " + path + " was complete", 0, true);
    }
    return new SonarrException("Sonarr could not be reached at " + Urls.withoutCredentials(baseUrl) + " for " + path + ": " + reason, 0, true);
  }

  private static Object parseObject(Buffer body, String path) {
    if (body.length() == 0) {
      return new JsonObject();
    }
    try {
      return new JsonObject(body);
    } catch (RuntimeException e) {
      throw SonarrException.badData("Sonarr sent malformed JSON for " + path);
    }
  }
}
