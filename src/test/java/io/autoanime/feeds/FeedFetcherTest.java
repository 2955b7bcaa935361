package io.autoanime.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoanime.feeds.FeedFetchException.Reason;
import io.autoanime.feeds.FetchResult.Fetched;
import io.autoanime.feeds.FetchResult.NotModified;
import io.autoanime.support.FakeFeedServer;
import io.autoanime.support.FakeFeedServer.RecordedRequest;
import io.autoanime.support.LogCapture;
import io.autoanime.support.TestService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Conditional GETs against a fake feed server, and every way a feed site can misbehave. */
@ExtendWith(VertxExtension.class)
class FeedFetcherTest {
  private static final long MIB = 1024 * 1024;
  private static final byte[] NYAA = FakeFeedServer.capture("nyaa/nyaa-si-2021-08-24-home.xml");

  private Vertx vertx;
  private FakeFeedServer feeds;
  private final List<FeedFetcher> fetchers = new ArrayList<>();

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    feeds = new FakeFeedServer(vertx).start();
  }

  @AfterEach
  void stop() {
    fetchers.forEach(FeedFetcher::close);
    feeds.stop();
  }

  private FeedFetcher fetcher(FetchLimits limits) {
    FeedFetcher fetcher = new FeedFetcher(vertx, limits);
    fetchers.add(fetcher);
    return fetcher;
  }

  private FeedFetcher fetcher() {
    return fetcher(FetchLimits.defaults());
  }

  private static Fetched fetched(Future<FetchResult> fetch) {
    FetchResult result = TestService.await(fetch);
    assertThat(result).isInstanceOf(Fetched.class);
    return (Fetched) result;
  }

  private static FeedFetchException failure(Future<FetchResult> fetch) {
    try {
      FetchResult result = fetch.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      throw new AssertionError("expected the fetch to fail, it brought " + result);
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(FeedFetchException.class);
      return (FeedFetchException) e.getCause();
    } catch (Exception e) {
      throw new AssertionError("the fetch did not end within 60 s", e);
    }
  }

  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void a_conditional_get_is_not_modified_until_the_feed_changes() throws Exception {
    feeds.serve("/rss", NYAA, FakeFeedServer.RSS);
    FeedFetcher fetcher = fetcher();

    Fetched first = fetched(fetcher.fetch(feeds.url("/rss"), null, null));
    assertThat(first.body()).isEqualTo(NYAA);
    assertThat(first.etag()).isNotBlank();
    assertThat(first.lastModified()).isNotBlank();
    RecordedRequest plain = feeds.requests("/rss").get(0);
    assertThat(plain.header("If-None-Match")).isNull();
    assertThat(plain.header("If-Modified-Since")).isNull();
    assertThat(plain.header("User-Agent")).isEqualTo("AutoAnime/1.0");
    assertThat(plain.header("Accept-Encoding")).isEqualTo("gzip, deflate");

    assertThat(TestService.await(fetcher.fetch(feeds.url("/rss"), first.etag(), first.lastModified())))
        .isEqualTo(new NotModified());
    RecordedRequest conditional = feeds.requests("/rss").get(1);
    assertThat(conditional.header("If-None-Match")).isEqualTo(first.etag());
    assertThat(conditional.header("If-Modified-Since")).isEqualTo(first.lastModified());

    byte[] changed = FakeFeedServer.capture("nyaa/nyaa-si-2019-02-15-home.xml");
    feeds.serve("/rss", changed, FakeFeedServer.RSS);
    Fetched second = fetched(fetcher.fetch(feeds.url("/rss"), first.etag(), first.lastModified()));
    assertThat(second.body()).isEqualTo(changed);
    assertThat(second.etag()).isNotEqualTo(first.etag());
    assertThat(FeedDocumentReader.read(second.body()).entries()).hasSize(75);
  }

  @Test
  void last_modified_alone_is_enough_for_a_304_and_a_feed_without_validators_is_always_fetched() {
    feeds.serve("/rss", NYAA, FakeFeedServer.RSS);
    Fetched first = fetched(fetcher().fetch(feeds.url("/rss"), null, null));

    assertThat(TestService.await(fetcher().fetch(feeds.url("/rss"), null, first.lastModified()))).isEqualTo(new NotModified());

    feeds.serveWithoutValidators("/plain", NYAA, FakeFeedServer.RSS);
    Fetched plain = fetched(fetcher().fetch(feeds.url("/plain"), "\"old\"", "Tue, 24 Aug 2021 22:18:46 GMT"));
    assertThat(plain.body()).isEqualTo(NYAA);
    assertThat(plain.etag()).isNull();
    assertThat(plain.lastModified()).isNull();
  }

  @Test
  void gzip_answers_are_decoded() throws Exception {
    feeds.serveGzip("/gz", NYAA, FakeFeedServer.RSS);

    assertThat(fetched(fetcher().fetch(feeds.url("/gz"), null, null)).body()).isEqualTo(NYAA);

    feeds.serveEncoded("/deflate", deflate(NYAA), "deflate", FakeFeedServer.RSS);
    assertThat(fetched(fetcher().fetch(feeds.url("/deflate"), null, null)).body()).isEqualTo(NYAA);
  }

  private static byte[] deflate(byte[] data) throws Exception {
    var out = new ByteArrayOutputStream();
    try (var deflating = new DeflaterOutputStream(out)) {
      deflating.write(data);
    }
    return out.toByteArray();
  }

  @Test
  void a_gzip_bomb_is_refused_while_it_streams() {
    byte[] bomb = FakeFeedServer.gzipBomb(200 * MIB);
    feeds.serveEncoded("/bomb", bomb, "gzip", FakeFeedServer.RSS);
    FeedFetcher fetcher = fetcher(new FetchLimits(30, MIB, 5));

    FeedFetchException whole = failure(fetcher.fetch(feeds.url("/bomb"), null, null));
    assertThat(whole.reason()).isEqualTo(Reason.TOO_LARGE);
    assertThat(whole.getMessage()).isEqualTo("could not fetch " + feeds.url("/bomb") + ": the feed is larger than 1 MiB (after decompression)");

    // The server sends the first 64 KiB of the bomb and then nothing, never ending the body: only a
    // fetcher that decides while the body streams in gets to "too large" (else: a timeout in 30 s).
    feeds.stall("/stalled-bomb", Arrays.copyOf(bomb, 64 * 1024), "gzip");
    FeedFetchException streaming = failure(fetcher.fetch(feeds.url("/stalled-bomb"), null, null));
    assertThat(streaming.reason()).isEqualTo(Reason.TOO_LARGE);
  }

  @Test
  void a_body_over_the_limit_is_refused_whether_declared_or_streamed() {
    byte[] big = new byte[(int) (2 * MIB)];
    Arrays.fill(big, (byte) 'x');
    feeds.serve("/declared", big, FakeFeedServer.RSS);
    feeds.stall("/streamed", Arrays.copyOf(big, (int) (1.5 * MIB)), null);
    FeedFetcher fetcher = fetcher(new FetchLimits(30, MIB, 5));

    for (String path : List.of("/declared", "/streamed")) {
      FeedFetchException refused = failure(fetcher.fetch(feeds.url(path), null, null));
      assertThat(refused.reason()).as(path).isEqualTo(Reason.TOO_LARGE);
      assertThat(refused.httpStatus()).isEqualTo(200);
    }
    feeds.serve("/fits", Arrays.copyOf(big, (int) MIB), FakeFeedServer.RSS);
    assertThat(fetched(fetcher.fetch(feeds.url("/fits"), null, null)).body()).hasSize((int) MIB);
  }

  @Test
  void a_server_that_never_answers_or_stops_mid_body_times_out() {
    feeds.hang("/never");
    feeds.stall("/slow", Arrays.copyOf(NYAA, 100), null);
    FeedFetcher fetcher = fetcher(new FetchLimits(1, MIB, 5));

    for (String path : List.of("/never", "/slow")) {
      FeedFetchException timeout = failure(fetcher.fetch(feeds.url(path), null, null));
      assertThat(timeout.reason()).as(path).isEqualTo(Reason.TIMEOUT);
      assertThat(timeout.getMessage()).isEqualTo("could not fetch " + feeds.url(path) + ": no complete answer within 1 s");
    }
  }

  @Test
  void a_refused_connection_says_so() throws Exception {
    String url = "http://127.0.0.1:" + closedPort() + "/rss";

    FeedFetchException refused = failure(fetcher().fetch(url, null, null));

    assertThat(refused.reason()).isEqualTo(Reason.UNREACHABLE);
    assertThat(refused.httpStatus()).isZero();
    assertThat(refused.getMessage()).isEqualTo("could not fetch " + url + ": the connection was refused");
  }

  @Test
  void an_error_status_is_named_with_a_hint() {
    feeds.respond("/down", 503);
    feeds.respond("/key", 401);
    feeds.respond("/page", 200, "<!DOCTYPE html><html><body>Checking your browser</body></html>", "text/html");

    FeedFetchException down = failure(fetcher().fetch(feeds.url("/down"), null, null));
    assertThat(down.reason()).isEqualTo(Reason.HTTP_STATUS);
    assertThat(down.httpStatus()).isEqualTo(503);
    assertThat(down.getMessage()).isEqualTo("could not fetch " + feeds.url("/down") + ": the server answered HTTP 503 Service Unavailable");
    assertThat(failure(fetcher().fetch(feeds.url("/key"), null, null)).getMessage())
        .endsWith("HTTP 401 Unauthorized (check the credentials or API key in the feed URL)");
    assertThat(failure(fetcher().fetch(feeds.url("/nowhere"), null, null)).getMessage())
        .endsWith("HTTP 404 Not Found (check the feed URL)");

    Fetched page = fetched(fetcher().fetch(feeds.url("/page"), null, null));
    assertThatThrownBy(() -> FeedDocumentReader.read(page.body()))
        .hasMessage("not an RSS, Atom or Torznab feed: the answer is an HTML page");
  }

  @Test
  void redirects_are_followed_up_to_the_limit_and_only_to_http() {
    feeds.serve("/feed", NYAA, FakeFeedServer.RSS);
    feeds.redirect("/old", 301, feeds.url("/moved/here?x=1"));
    feeds.redirect("/moved/here", 302, "../feed");
    feeds.redirect("/loop", 302, "/loop");
    feeds.redirect("/ftp", 301, "ftp://example.org/rss");
    feeds.redirect("/nowhere", 302, null);

    assertThat(fetched(fetcher().fetch(feeds.url("/old"), null, null)).body()).isEqualTo(NYAA);
    assertThat(feeds.requests()).extracting(RecordedRequest::uri).containsExactly("/old", "/moved/here?x=1", "/feed");

    feeds.clearRequests();
    FeedFetchException loop = failure(fetcher().fetch(feeds.url("/loop"), null, null));
    assertThat(loop.reason()).isEqualTo(Reason.BAD_REDIRECT);
    assertThat(loop.getMessage()).endsWith(": more than 5 redirects");
    assertThat(feeds.requests("/loop")).hasSize(6);

    FeedFetchException ftp = failure(fetcher().fetch(feeds.url("/ftp"), null, null));
    assertThat(ftp.reason()).isEqualTo(Reason.BAD_REDIRECT);
    assertThat(ftp.getMessage()).endsWith("redirected (HTTP 301) to something other than an http or https URL; not followed");
    assertThat(failure(fetcher().fetch(feeds.url("/nowhere"), null, null)).getMessage())
        .endsWith("the server answered HTTP 302 (a redirect) without a Location");
    assertThat(failure(fetcher(new FetchLimits(30, MIB, 0)).fetch(feeds.url("/old"), null, null)).getMessage())
        .endsWith(": more than 0 redirects");
  }

  @Test
  void user_info_is_sent_as_basic_auth_and_only_to_its_own_origin() {
    FakeFeedServer elsewhere = new FakeFeedServer(vertx).start();
    try {
      feeds.serve("/private", NYAA, FakeFeedServer.RSS);
      feeds.redirect("/same-origin", 302, "/private");
      feeds.redirect("/other-origin", 302, elsewhere.url("/landing"));
      elsewhere.serve("/landing", NYAA, FakeFeedServer.RSS);
      String credentials = "alice:p%40ss+word@";
      String expected = "Basic " + Base64.getEncoder().encodeToString("alice:p@ss+word".getBytes(StandardCharsets.UTF_8));

      fetched(fetcher().fetch(feeds.url("/private").replace("://", "://" + credentials), null, null));
      assertThat(feeds.requests("/private").get(0).header("Authorization")).isEqualTo(expected);
      assertThat(feeds.requests("/private").get(0).uri()).isEqualTo("/private");

      fetched(fetcher().fetch(feeds.url("/same-origin").replace("://", "://" + credentials), null, null));
      assertThat(feeds.requests("/private").get(1).header("Authorization")).as("after a same-origin redirect").isEqualTo(expected);

      fetched(fetcher().fetch(feeds.url("/other-origin").replace("://", "://" + credentials), null, null));
      assertThat(feeds.requests("/other-origin").get(0).header("Authorization")).isEqualTo(expected);
      assertThat(elsewhere.requests("/landing").get(0).header("Authorization")).as("never sent to another origin").isNull();
    } finally {
      elsewhere.stop();
    }
  }

  @Test
  void credentials_in_the_url_reach_no_error_message_and_no_log_line() throws Exception {
    String secrets = "alice:hunter2secret@";
    String query = "?t=search&apikey=SECRETKEY123&passkey=PK-98765";
    feeds.respond("/denied", 401);
    feeds.hang("/hang");
    feeds.redirect("/ftp", 301, "ftp://example.org/rss" + query);
    feeds.redirect("/loop", 302, "/loop" + query);
    feeds.serve("/big", new byte[2048], FakeFeedServer.RSS);
    List<String> urls = List.of(
        "http://" + secrets + "127.0.0.1:" + closedPort() + "/rss" + query,
        feeds.url("/denied" + query).replace("://", "://" + secrets),
        feeds.url("/hang" + query).replace("://", "://" + secrets),
        feeds.url("/ftp" + query).replace("://", "://" + secrets),
        feeds.url("/loop" + query).replace("://", "://" + secrets),
        feeds.url("/big" + query).replace("://", "://" + secrets));
    List<String> messages = new ArrayList<>();
    List<String> lines;
    try (LogCapture logs = new LogCapture()) {
      FeedFetcher fetcher = fetcher(new FetchLimits(1, 1024, 3));
      for (String url : urls) {
        FeedFetchException failed = failure(fetcher.fetch(url, null, null));
        messages.add(failed.getMessage());
        assertThat(failed.getMessage()).contains("***@127.0.0.1:").contains("apikey=***").contains("passkey=***");
      }
      lines = logs.lines();
    }
    assertThat(lines).as("the fetcher logs its failures").anyMatch(line -> line.contains("Feed fetch failed"));
    for (String secret : List.of("hunter2secret", "SECRETKEY123", "PK-98765", "alice")) {
      assertThat(messages).noneMatch(message -> message.contains(secret));
      assertThat(lines).noneMatch(line -> line.contains(secret));
    }
  }

  @Test
  void a_url_that_is_not_http_fails_without_a_request() {
    FeedFetchException invalid = failure(fetcher().fetch("file:///etc/passwd", null, null));

    assertThat(invalid.reason()).isEqualTo(Reason.INVALID_URL);
    assertThat(invalid.getMessage()).isEqualTo("could not fetch file:///etc/passwd: the feed URL must start with http:// or https://");
    assertThat(feeds.requests()).isEmpty();
  }
}
