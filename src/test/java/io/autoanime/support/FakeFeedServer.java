package io.autoanime.support;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;

/**
 * A small feed server for tests: serves bodies at paths the way real feed sites do (ETag and
 * Last-Modified, 304 on a matching conditional GET, gzip when asked), misbehaves on request
 * (statuses, redirects, never answering, stalling mid-body, pre-encoded bodies such as a gzip
 * bomb), and records every request with its headers. Paths are matched without the query, so
 * {@code url("/rss?apikey=k")} is answered by what was set up for {@code "/rss"}.
 *
 * <pre>{@code
 * FakeFeedServer feeds = new FakeFeedServer(vertx).start();
 * feeds.serveCapture("/nyaa", "nyaa/nyaa-si-2021-08-24-home.xml");
 * String url = feeds.url("/nyaa");            // http://127.0.0.1:<port>/nyaa
 * feeds.requests("/nyaa").get(0).header("If-None-Match");
 * }</pre>
 */
public final class FakeFeedServer {
  public static final String RSS = "application/rss+xml; charset=utf-8";
  private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

  /** A request as the server saw it. */
  public record RecordedRequest(String method, String uri, MultiMap headers) {
    public String header(String name) {
      return headers.get(name);
    }
  }

  private static final Map<Long, byte[]> BOMBS = new ConcurrentHashMap<>();

  private final Vertx vertx;
  private final Map<String, Handler<HttpServerRequest>> answers = new ConcurrentHashMap<>();
  private final Map<String, Instant> lastModified = new ConcurrentHashMap<>();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final List<HttpServerRequest> hanging = new CopyOnWriteArrayList<>();
  private HttpServer server;

  public FakeFeedServer(Vertx vertx) {
    this.vertx = vertx;
  }

  public FakeFeedServer start() {
    server = vertx.createHttpServer().requestHandler(this::handle);
    TestService.await(server.listen(0, "127.0.0.1"));
    return this;
  }

  public void stop() {
    hanging.forEach(request -> request.connection().close());
    TestService.await(server.close());
  }

  public int port() {
    return server.actualPort();
  }

  /** {@code http://127.0.0.1:<port>} followed by {@code pathAndQuery}. */
  public String url(String pathAndQuery) {
    return "http://127.0.0.1:" + port() + pathAndQuery;
  }

  /**
   * Serves {@code body} with an ETag (from its content) and a Last-Modified (now, or a second after
   * the previous body's, so a changed body is always newer); answers 304 to a request whose
   * {@code If-None-Match} matches the ETag or, without one, whose {@code If-Modified-Since} is not
   * older than Last-Modified.
   */
  public FakeFeedServer serve(String path, byte[] body, String contentType) {
    return serveConditionally(path, body, contentType, false);
  }

  public FakeFeedServer serve(String path, String body, String contentType) {
    return serve(path, body.getBytes(StandardCharsets.UTF_8), contentType);
  }

  /** As {@link #serve}, gzip-compressed (with {@code Content-Encoding: gzip}) when the request accepts gzip. */
  public FakeFeedServer serveGzip(String path, byte[] body, String contentType) {
    return serveConditionally(path, body, contentType, true);
  }

  /** Serves a capture from {@code src/test/resources/feeds/} (e.g. {@code "nyaa/nyaa-si-2021-08-24-home.xml"}) as RSS. */
  public FakeFeedServer serveCapture(String path, String capture) {
    return serve(path, capture(capture), RSS);
  }

  /** Serves {@code body} with no validators: every request gets a 200. */
  public FakeFeedServer serveWithoutValidators(String path, byte[] body, String contentType) {
    return handle(path, request -> request.response().putHeader(HttpHeaders.CONTENT_TYPE, contentType).end(Buffer.buffer(body)));
  }

  /** Sends {@code encodedBody} as it is with the given {@code Content-Encoding} (a gzip bomb, corrupt data...), chunked. */
  public FakeFeedServer serveEncoded(String path, byte[] encodedBody, String contentEncoding, String contentType) {
    return handle(path, request -> request.response()
        .setChunked(true)
        .putHeader(HttpHeaders.CONTENT_TYPE, contentType)
        .putHeader(HttpHeaders.CONTENT_ENCODING, contentEncoding)
        .end(Buffer.buffer(encodedBody)));
  }

  /** Answers {@code status} with a short text body. */
  public FakeFeedServer respond(String path, int status) {
    return respond(path, status, "status " + status, "text/plain");
  }

  public FakeFeedServer respond(String path, int status, String body, String contentType) {
    return handle(path, request -> request.response().setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, contentType).end(body));
  }

  /** Answers {@code status} (301, 302, 307...) with {@code Location: location} (null: none). */
  public FakeFeedServer redirect(String path, int status, String location) {
    return handle(path, request -> {
      if (location != null) {
        request.response().putHeader(HttpHeaders.LOCATION, location);
      }
      request.response().setStatusCode(status).end("moved");
    });
  }

  /** Reads the request and never answers (until {@link #stop}). */
  public FakeFeedServer hang(String path) {
    return handle(path, hanging::add);
  }

  /**
   * Sends the status line, headers and {@code firstPart} of a body (chunked, or with
   * {@code Content-Encoding} when not null), then nothing more until {@link #stop}.
   */
  public FakeFeedServer stall(String path, byte[] firstPart, String contentEncoding) {
    return handle(path, request -> {
      hanging.add(request);
      request.response().setChunked(true).putHeader(HttpHeaders.CONTENT_TYPE, RSS);
      if (contentEncoding != null) {
        request.response().putHeader(HttpHeaders.CONTENT_ENCODING, contentEncoding);
      }
      request.response().write(Buffer.buffer(firstPart));
    });
  }

  /** Anything else: the handler answers requests for {@code path}. */
  public FakeFeedServer handle(String path, Handler<HttpServerRequest> handler) {
    answers.put(path, handler);
    return this;
  }

  /** Requests for {@code path} (query ignored), oldest first. */
  public List<RecordedRequest> requests(String path) {
    return requests.stream().filter(r -> pathOf(r.uri()).equals(path)).toList();
  }

  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  public void clearRequests() {
    requests.clear();
  }

  /** The bytes of a capture in {@code src/test/resources/feeds/}. */
  public static byte[] capture(String name) {
    try (InputStream in = FakeFeedServer.class.getResourceAsStream("/feeds/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no feed capture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] gzip(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * {@code zeros} zero bytes, gzip-compressed (about a thousand to one: 200 MiB make about 200 KB).
   * Kept once made, since making a large one takes a moment.
   */
  public static byte[] gzipBomb(long zeros) {
    return BOMBS.computeIfAbsent(zeros, size -> {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] block = new byte[1024 * 1024];
      try (GZIPOutputStream gzip = new GZIPOutputStream(out, block.length)) {
        for (long left = size; left > 0; left -= block.length) {
          gzip.write(block, 0, (int) Math.min(block.length, left));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out.toByteArray();
    });
  }

  private FakeFeedServer serveConditionally(String path, byte[] body, String contentType, boolean gzip) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant modified = lastModified.merge(path, now, (previous, current) -> current.isAfter(previous) ? current : previous.plusSeconds(1));
    String etag = "\"" + sha256(body).substring(0, 16) + "\"";
    String lastModifiedHeader = HTTP_DATE.format(ZonedDateTime.ofInstant(modified, ZoneOffset.UTC));
    byte[] compressed = gzip ? gzip(body) : null;
    return handle(path, request -> {
      var response = request.response().putHeader(HttpHeaders.ETAG, etag).putHeader(HttpHeaders.LAST_MODIFIED, lastModifiedHeader);
      if (notModified(request, etag, modified)) {
        response.setStatusCode(304).end();
        return;
      }
      response.putHeader(HttpHeaders.CONTENT_TYPE, contentType);
      String accepted = request.getHeader(HttpHeaders.ACCEPT_ENCODING);
      if (gzip && accepted != null && accepted.contains("gzip")) {
        response.putHeader(HttpHeaders.CONTENT_ENCODING, "gzip").end(Buffer.buffer(compressed));
      } else {
        response.end(Buffer.buffer(body));
      }
    });
  }

  private static boolean notModified(HttpServerRequest request, String etag, Instant modified) {
    String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
    if (ifNoneMatch != null) {
      return List.of(ifNoneMatch.split("\\s*,\\s*")).contains(etag) || ifNoneMatch.strip().equals("*");
    }
    String ifModifiedSince = request.getHeader(HttpHeaders.IF_MODIFIED_SINCE);
    if (ifModifiedSince != null) {
      try {
        return !modified.isAfter(ZonedDateTime.parse(ifModifiedSince, HTTP_DATE).toInstant());
      } catch (RuntimeException e) {
        return false;
      }
    }
    return false;
  }

  private void handle(HttpServerRequest request) {
    requests.add(new RecordedRequest(request.method().name(), request.uri(), MultiMap.caseInsensitiveMultiMap().addAll(request.headers())));
    Handler<HttpServerRequest> answer = answers.get(pathOf(request.uri()));
    if (answer == null) {
      request.response().setStatusCode(404).end("no feed here");
    } else {
      answer.handle(request);
    }
  }

  private static String pathOf(String uri) {
    int query = uri.indexOf('?');
    return query < 0 ? uri : uri.substring(0, query);
  }

  private static String sha256(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
