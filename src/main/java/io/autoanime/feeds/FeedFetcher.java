package io.autoanime.feeds;

import io.autoanime.feeds.FeedFetchException.Reason;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.ZipException;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Conditional GETs of feed URLs. Follows redirects by hand (to check each target's scheme and to
 * send Basic auth only to the origin it was given for), decodes gzip and deflate itself while the
 * body streams in (see {@link BoundedBody}), and bounds the whole fetch by one deadline. Every
 * failure is a {@link FeedFetchException} whose message shows the URL masked; the URL's secrets
 * appear in no message and no log line.
 */
public final class FeedFetcher {
  static final String USER_AGENT = "AutoAnime/1.0";
  private static final Logger LOG = LoggerFactory.getLogger(FeedFetcher.class);
  private static final String ACCEPT =
      "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5";
  private static final int SHOWN_URL_LIMIT = 300;

  private final Vertx vertx;
  private final FetchLimits limits;
  private final HttpClientAgent client;

  public FeedFetcher(Vertx vertx, FetchLimits limits) {
    this.vertx = vertx;
    this.limits = limits;
    this.client = vertx.createHttpClient(new HttpClientOptions()
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, limits.timeoutSeconds() * 1000L))
        .setDecompressionSupported(false) // BoundedBody decodes, to stop a gzip bomb while it streams
        .setForceSni(true));
  }

  /**
   * GETs the feed, sending {@code If-None-Match} and {@code If-Modified-Since} when the validators
   * of the last fetch are given (null: not sent).
   */
  public Future<FetchResult> fetch(String url, String etag, String lastModified) {
    Context context = vertx.getOrCreateContext();
    Promise<FetchResult> promise = Promise.promise();
    context.runOnContext(v -> new Fetch(url, etag, lastModified, promise).start());
    return promise.future();
  }

  public void close() {
    client.close();
  }

  /** One fetch, redirects included; runs on one context, so its fields need no locking. */
  private final class Fetch {
    private final String givenUrl;
    private final String shownUrl;
    private final String etag;
    private final String lastModified;
    private final Promise<FetchResult> promise;
    private FeedUrl current;
    private HttpClientRequest request;
    private int redirects;
    private long deadline = -1;
    private boolean done;

    Fetch(String url, String etag, String lastModified, Promise<FetchResult> promise) {
      this.givenUrl = url == null ? "" : url;
      String masked = FeedUrls.masked(givenUrl.strip());
      this.shownUrl = masked.length() <= SHOWN_URL_LIMIT ? masked : masked.substring(0, SHOWN_URL_LIMIT) + "...";
      this.etag = etag;
      this.lastModified = lastModified;
      this.promise = promise;
    }

    void start() {
      FeedUrl target;
      try {
        target = FeedUrl.parse(givenUrl);
      } catch (IllegalArgumentException e) {
        fail(Reason.INVALID_URL, 0, e.getMessage());
        return;
      }
      deadline = vertx.setTimer(limits.timeoutSeconds() * 1000L,
          id -> fail(Reason.TIMEOUT, 0, "no complete answer within " + limits.timeoutSeconds() + " s"));
      send(target);
    }

    private void send(FeedUrl target) {
      current = target;
      RequestOptions options = new RequestOptions()
          .setMethod(HttpMethod.GET)
          .setHost(target.connectHost())
          .setPort(target.effectivePort())
          .setSsl(target.https())
          .setURI(target.requestUri())
          .setFollowRedirects(false)
          .putHeader("User-Agent", USER_AGENT)
          .putHeader("Accept", ACCEPT)
          .putHeader("Accept-Encoding", "gzip, deflate");
      if (isHeaderValue(etag)) {
        options.putHeader("If-None-Match", etag);
      }
      if (isHeaderValue(lastModified)) {
        options.putHeader("If-Modified-Since", lastModified);
      }
      if (target.userInfo() != null) {
        options.putHeader("Authorization", basicAuth(target.userInfo()));
      }
      client.request(options).onComplete(opened -> {
        if (opened.failed()) {
          unreachable(opened.cause());
          return;
        }
        if (done) {
          opened.result().reset();
          return;
        }
        HttpClientRequest sent = opened.result();
        request = sent;
        sent.send().onComplete(answer -> {
          if (done || sent != request) {
            return; // a reset of ours, or a request already left behind by a redirect
          }
          if (answer.failed()) {
            unreachable(answer.cause());
          } else {
            answered(answer.result());
          }
        });
      });
    }

    private void answered(HttpClientResponse response) {
      int status = response.statusCode();
      if (status == 304) {
        LOG.debug("Feed {}: not modified", shownUrl);
        succeed(new FetchResult.NotModified());
      } else if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
        HttpClientRequest left = request;
        request = null;
        left.reset(); // the redirect's own body is not wanted
        redirect(status, response.getHeader("Location"));
      } else if (status < 200 || status > 299) {
        fail(Reason.HTTP_STATUS, status, "the server answered HTTP " + status + " " + reasonPhrase(status) + hint(status));
      } else {
        readBody(response, status);
      }
    }

    private void readBody(HttpClientResponse response, int status) {
      BoundedBody body;
      try {
        body = BoundedBody.forEncoding(response.getHeader("Content-Encoding"), limits.maxBodyBytes());
      } catch (ZipException e) {
        fail(Reason.BAD_ENCODING, status, e.getMessage());
        return;
      }
      String encoding = response.getHeader("Content-Encoding");
      boolean identity = encoding == null || encoding.isBlank() || encoding.strip().equalsIgnoreCase("identity");
      if (identity && declaredLength(response) > limits.maxBodyBytes()) {
        tooLarge(status);
        return;
      }
      response.handler(chunk -> {
        if (done) {
          return;
        }
        try {
          body.append(chunk.getBytes());
        } catch (BoundedBody.TooLargeException e) {
          tooLarge(status);
        } catch (IOException e) {
          fail(Reason.BAD_ENCODING, status, "the body could not be decompressed: " + e.getMessage());
        }
      });
      response.exceptionHandler(e -> {
        if (!done) {
          fail(Reason.UNREACHABLE, status, "the connection broke before the whole feed had arrived");
        }
      });
      response.endHandler(v -> {
        if (done) {
          return;
        }
        try {
          byte[] bytes = body.finish();
          LOG.debug("Feed {}: HTTP {}, {} bytes", shownUrl, status, bytes.length);
          succeed(new FetchResult.Fetched(bytes, response.getHeader("ETag"), response.getHeader("Last-Modified")));
        } catch (IOException e) {
          fail(Reason.BAD_ENCODING, status, "the body could not be decompressed: " + e.getMessage());
        }
      });
    }

    private void redirect(int status, String location) {
      if (location == null || location.isBlank()) {
        fail(Reason.BAD_REDIRECT, status, "the server answered HTTP " + status + " (a redirect) without a Location");
        return;
      }
      if (redirects >= limits.maxRedirects()) {
        fail(Reason.BAD_REDIRECT, status, "more than " + limits.maxRedirects() + " redirects");
        return;
      }
      FeedUrl next;
      try {
        next = resolve(current, location.strip());
      } catch (IllegalArgumentException e) {
        fail(Reason.BAD_REDIRECT, status, "redirected (HTTP " + status + ") to something other than an http or https URL; not followed");
        return;
      }
      if (next.userInfo() == null && current.userInfo() != null && next.sameOrigin(current)) {
        next = next.withUserInfo(current.userInfo()); // Basic auth goes on only within the origin it was given for
      }
      redirects++;
      LOG.debug("Feed {}: HTTP {} redirect to {}", shownUrl, status, FeedUrls.masked(next.toString()));
      send(next);
    }

    private void unreachable(Throwable cause) {
      if (done) {
        return;
      }
      if (isTimeout(cause)) {
        fail(Reason.TIMEOUT, 0, "no answer within " + limits.timeoutSeconds() + " s");
      } else {
        fail(Reason.UNREACHABLE, 0, describe(cause));
      }
    }

    private void tooLarge(int status) {
      fail(Reason.TOO_LARGE, status, "the feed is larger than " + readableSize(limits.maxBodyBytes()) + " (after decompression)");
    }

    private void succeed(FetchResult result) {
      if (done) {
        return;
      }
      done = true;
      vertx.cancelTimer(deadline);
      promise.tryComplete(result);
    }

    /** Ends the fetch with a failure; the first ending wins, and the request in flight is dropped. */
    private void fail(Reason reason, int status, String detail) {
      if (done) {
        return;
      }
      done = true;
      vertx.cancelTimer(deadline);
      if (request != null) {
        request.reset();
      }
      String message = "could not fetch " + shownUrl + ": " + detail;
      message = FeedUrls.scrub(FeedUrls.scrub(message, givenUrl), current == null ? "" : current.toString());
      LOG.debug("Feed fetch failed: {}", message);
      promise.tryFail(new FeedFetchException(reason, status, message));
    }
  }

  /** A redirect's Location, absolute, scheme-relative ({@code //host/path}) or relative to the current URL. */
  static FeedUrl resolve(FeedUrl current, String location) {
    if (location.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*")) {
      return FeedUrl.parse(location);
    }
    if (location.startsWith("//")) {
      return FeedUrl.parse(current.scheme() + ":" + location);
    }
    String encoded = FeedUrl.parse("http://placeholder/" + location).rest().substring(1);
    URI resolved = URI.create("http://placeholder" + current.requestUri()).resolve(encoded);
    String rest = resolved.getRawPath() + (resolved.getRawQuery() == null ? "" : "?" + resolved.getRawQuery());
    return current.withRest(rest);
  }

  private static String basicAuth(String userInfo) {
    int colon = userInfo.indexOf(':');
    String user = FeedUrl.percentDecode(colon < 0 ? userInfo : userInfo.substring(0, colon));
    String password = colon < 0 ? "" : FeedUrl.percentDecode(userInfo.substring(colon + 1));
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static boolean isHeaderValue(String value) {
    return value != null && !value.isBlank() && value.chars().noneMatch(c -> c < 0x20 && c != '\t' || c == 0x7f);
  }

  private static long declaredLength(HttpClientResponse response) {
    try {
      String length = response.getHeader("Content-Length");
      return length == null ? -1 : Long.parseLong(length.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String reasonPhrase(int status) {
    return HttpResponseStatus.valueOf(status).reasonPhrase();
  }

  private static String hint(int status) {
    return switch (status) {
      case 401, 403 -> " (check the credentials or API key in the feed URL)";
      case 404 -> " (check the feed URL)";
      case 429 -> " (asked too often: poll this feed less often)";
      default -> "";
    };
  }

  private static boolean isTimeout(Throwable cause) {
    String name = cause.getClass().getSimpleName();
    return name.contains("Timeout") || (cause.getMessage() != null && cause.getMessage().toLowerCase().contains("timed out"));
  }

  private static String describe(Throwable cause) {
    String message = cause.getMessage() == null ? "" : cause.getMessage();
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || (t.getMessage() != null && t.getMessage().contains("Connection refused"))) {
        return "the connection was refused";
      }
      if (t instanceof UnknownHostException || (t.getMessage() != null && t.getMessage().startsWith("Failed to resolve"))) {
        return "the host name could not be resolved";
      }
      if (t instanceof SSLException) {
        return "the TLS connection failed (" + t.getMessage() + ")";
      }
    }
    if (message.toLowerCase().contains("closed")) {
      return "the connection closed before the answer was complete";
    }
    return cause.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
  }

  private static String readableSize(long bytes) {
    if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
      return bytes / (1024 * 1024) + " MiB";
    }
    if (bytes >= 1024 && bytes % 1024 == 0) {
      return bytes / 1024 + " KiB";
    }
    return bytes + " bytes";
  }
}
