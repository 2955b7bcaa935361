package io.autoanime.http;

import io.autoanime.library.LibraryReader;
import io.autoanime.library.LibraryReader.Poster;
import io.autoanime.sonarr.SonarrClient;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /api/series/{id}/poster}: the series' poster through this service, fetched from
 * Sonarr's {@code /api/v3/mediacover/...} with the Sonarr key kept here. Sonarr's poster URL carries
 * a {@code lastWrite} stamp that a sync keeps up to date, so the ETag is derived from it and a
 * browser's revalidation is answered 304 without asking Sonarr. When Sonarr cannot give the image
 * (not configured, down, no local copy) the answer is a redirect to the remote URL (TVDB).
 */
final class PosterRoutes {
  /** The file name in Sonarr's local cover URL, e.g. {@code /MediaCover/1/poster.jpg?lastWrite=...}. */
  private static final Pattern COVER_FILE = Pattern.compile("/MediaCover/\\d+/([A-Za-z0-9._-]+\\.(?:jpg|jpeg|png|gif))(?:\\?.*)?$");
  private static final String CACHE_CONTROL = "private, no-cache";

  private final LibraryReader library;
  /** Null when Sonarr is not configured. */
  private final SonarrClient sonarr;

  PosterRoutes(LibraryReader library, SonarrClient sonarr) {
    this.library = library;
    this.sonarr = sonarr;
  }

  void mount(Router router) {
    router.get("/api/series/:id/poster").handler(this::poster);
  }

  private void poster(RoutingContext ctx) {
    long id = RequestValues.pathId(ctx, "id");
    library.poster(id)
        .onSuccess(poster -> answer(ctx, id, poster))
        .onFailure(e -> Responses.failure(ctx, e));
  }

  private void answer(RoutingContext ctx, long seriesId, Poster poster) {
    String fileName = coverFileName(poster.localUrl());
    if (sonarr == null || poster.sonarrId() == null || fileName == null) {
      redirectToRemote(ctx, seriesId, poster, null);
      return;
    }
    String etag = etagOf(poster.sonarrId() + "|" + poster.localUrl());
    if (etag.equals(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH))) {
      ctx.response().setStatusCode(304).putHeader(HttpHeaders.ETAG, etag)
          .putHeader(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL).end();
      return;
    }
    sonarr.mediaCover(poster.sonarrId(), fileName)
        .onSuccess(cover -> {
          HttpServerResponse response = ctx.response();
          if (response.ended()) {
            return;
          }
          String type = cover.contentType() != null && cover.contentType().startsWith("image/")
              ? cover.contentType() : contentTypeOf(fileName);
          response.putHeader(HttpHeaders.CONTENT_TYPE, type)
              .putHeader(HttpHeaders.ETAG, etag)
              .putHeader(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
              // Images are compressed already.
              .putHeader(HttpHeaders.CONTENT_ENCODING, HttpHeaders.IDENTITY)
              .end(cover.body());
        })
        .onFailure(e -> redirectToRemote(ctx, seriesId, poster, e.getMessage()));
  }

  private static void redirectToRemote(RoutingContext ctx, long seriesId, Poster poster, String sonarrFailure) {
    String remote = poster.remoteUrl();
    if (remote != null && (remote.startsWith("https://") || remote.startsWith("http://"))) {
      ctx.response().setStatusCode(302).putHeader(HttpHeaders.LOCATION, remote)
          .putHeader(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL).end();
    } else if (sonarrFailure != null) {
      Responses.error(ctx, 502, "the poster could not be fetched from Sonarr: " + sonarrFailure);
    } else {
      Responses.error(ctx, 404, "series " + seriesId + " has no poster");
    }
  }

  /** The cover's file name when the URL is Sonarr's local media cover URL, else null. */
  static String coverFileName(String localUrl) {
    if (localUrl == null) {
      return null;
    }
    Matcher matcher = COVER_FILE.matcher(localUrl);
    return matcher.find() ? matcher.group(1) : null;
  }

  private static String contentTypeOf(String fileName) {
    String lower = fileName.toLowerCase();
    if (lower.endsWith(".png")) {
      return "image/png";
    }
    return lower.endsWith(".gif") ? "image/gif" : "image/jpeg";
  }

  private static String etagOf(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
