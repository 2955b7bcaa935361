package io.autoanime.qbittorrent;

import io.autoanime.config.Urls;
import io.autoanime.qbittorrent.QbittorrentException.Kind;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.concurrent.TimeoutException;

/** Turns what went wrong talking to qBittorrent into {@link QbittorrentException}s with messages an operator can act on. */
final class QbittorrentErrors {
  private static final int QUOTED_BODY_LIMIT = 200;

  private final String url;
  private final int timeoutSeconds;

  QbittorrentErrors(String url, int timeoutSeconds) {
    this.url = Urls.withoutCredentials(url);
    this.timeoutSeconds = timeoutSeconds;
  }

  /** The answer's body when its status is 2xx; otherwise throws what the status means. */
  Buffer successBody(HttpResponse<Buffer> response, String path) {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return response.body() == null ? Buffer.buffer() : response.body();
    }
    throw forStatus(response, path);
  }

  QbittorrentException forStatus(HttpResponse<Buffer> response, String path) {
    int status = response.statusCode();
    String said = quoted(response);
    if (status >= 500) {
      return new QbittorrentException(Kind.UNREACHABLE, "qBittorrent answered HTTP " + status + " for " + path + said);
    }
    return switch (status) {
      case 401 -> new QbittorrentException(Kind.FORBIDDEN, "qBittorrent refused " + path + " (HTTP 401): it turns away requests"
          + " whose Host, Origin or Referer header differs from its own address; behind a reverse proxy or a container port"
          + " mapping, set WebUI\\HostHeaderValidation=false or add this host to WebUI\\ServerDomains");
      case 403 -> new QbittorrentException(Kind.FORBIDDEN, "qBittorrent answered HTTP 403 for " + path + " even after a fresh login");
      case 404 -> new QbittorrentException(Kind.BAD_ANSWER, "qBittorrent has no " + path + " (HTTP 404) at " + url
          + ": check QBITTORRENT_URL (the WebUI address, with its URL base if it has one)");
      default -> new QbittorrentException(Kind.BAD_ANSWER, "qBittorrent answered HTTP " + status + " for " + path + said);
    };
  }

  /** A 403 when no user name is configured: this address is not let in without a login. */
  QbittorrentException loginNeeded(String path) {
    return new QbittorrentException(Kind.FORBIDDEN, "qBittorrent requires a login (HTTP 403 for " + path + "): set"
        + " QBITTORRENT_USERNAME and QBITTORRENT_PASSWORD, or let qBittorrent bypass authentication for this address"
        + " (WebUI options: localhost or whitelisted subnets)");
  }

  QbittorrentException transport(Throwable cause, String path) {
    if (cause instanceof QbittorrentException known) {
      return known;
    }
    if (cause instanceof TimeoutException || cause.getClass().getSimpleName().contains("Timeout")) {
      return new QbittorrentException(Kind.TIMEOUT, "qBittorrent did not answer " + path + " within " + timeoutSeconds + " s");
    }
    String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    if (reason.toLowerCase().contains("closed")) {
      return new QbittorrentException(Kind.UNREACHABLE, "the connection to qBittorrent closed before its answer to " + path
          + " was complete");
    }
    return new QbittorrentException(Kind.UNREACHABLE, "qBittorrent could not be reached at " + url + " for " + path + ": " + reason);
  }

  static QbittorrentException badAnswer(String message) {
    return new QbittorrentException(Kind.BAD_ANSWER, message);
  }

  private static String quoted(HttpResponse<Buffer> response) {
    Buffer body = response.body();
    if (body == null || body.length() == 0) {
      return "";
    }
    String text = body.toString().strip().replaceAll("\\s+", " ");
    return text.isEmpty() ? "" : ": " + (text.length() > QUOTED_BODY_LIMIT ? text.substring(0, QUOTED_BODY_LIMIT) + "..." : text);
  }
}
