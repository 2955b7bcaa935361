package io.autoanime.qbittorrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.autoanime.qbittorrent.QbittorrentException.Kind;
import io.autoanime.support.FakeQbittorrent;
import io.autoanime.support.FakeQbittorrent.Deletion;
import io.autoanime.support.FakeQbittorrent.Fault;
import io.autoanime.support.FakeQbittorrent.Version;
import io.autoanime.support.FakeTorrent;
import io.autoanime.support.LogCapture;
import io.autoanime.support.TestService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The client against a fake qBittorrent answering as 4.5 and as 5.2. */
class QbittorrentClientTest {
  private static final String USER = "alice";
  private static final String PASSWORD = "pw-Zq8!never-shown";
  private static final String CATEGORY = "autoanime";
  private static final String LOGIN = "/api/v2/auth/login";
  private static final String INFO = "/api/v2/torrents/info";
  private static final String ADD = "/api/v2/torrents/add";
  private static final String VERSION = "/api/v2/app/version";
  private static final String HASH = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  private static final String OTHER_HASH = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
  private static final long COOLDOWN_MS = 3_600_000;

  private Vertx vertx;
  private FakeQbittorrent qbittorrent;
  private final List<QbittorrentClient> clients = new ArrayList<>();
  private final AtomicLong clock = new AtomicLong(1_800_000_000_000L);

  @BeforeEach
  void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stopEverything() {
    clients.forEach(QbittorrentClient::close);
    if (qbittorrent != null) {
      qbittorrent.stop();
    }
    TestService.await(vertx.close());
  }

  private FakeQbittorrent start(Version version) {
    qbittorrent = new FakeQbittorrent(vertx, version).start();
    return qbittorrent;
  }

  private QbittorrentClient client(Optional<String> user, Optional<String> password) {
    return client(qbittorrent.url(), user, password, 5);
  }

  private QbittorrentClient client(String url, Optional<String> user, Optional<String> password, int timeoutSeconds) {
    QbittorrentClient client = new QbittorrentClient(vertx, new QbittorrentSettings(url, user, password, CATEGORY),
        new QbittorrentTuning(timeoutSeconds, COOLDOWN_MS), clock::get);
    clients.add(client);
    return client;
  }

  private QbittorrentClient withoutLogin() {
    return client(Optional.empty(), Optional.empty());
  }

  private QbittorrentClient loggingIn(String password) {
    return client(Optional.of(USER), Optional.of(password));
  }

  private static <T> T await(Future<T> future) {
    return TestService.await(future);
  }

  private static QbittorrentException failure(Future<?> future) {
    Throwable thrown = catchThrowable(() -> TestService.await(future));
    assertThat(thrown).isInstanceOf(QbittorrentException.class);
    return (QbittorrentException) thrown;
  }

  private static String magnet(String hash, String name) {
    return "magnet:?xt=urn:btih:" + hash + "&dn=" + name + "&tr=http%3A%2F%2Ftracker.example%2Fannounce";
  }

  // --- logging in ----------------------------------------------------------------------------------

  @ParameterizedTest
  @EnumSource(Version.class)
  void withoutAUserNameItNeverLogsIn(Version version) {
    start(version);
    QbittorrentClient client = withoutLogin();

    assertThat(await(client.version())).isEqualTo(version.appVersion());
    assertThat(await(client.torrents())).isEmpty();
    assertThat(qbittorrent.loginAttempts()).isZero();
  }

  @ParameterizedTest
  @EnumSource(Version.class)
  void logsInOnceAndKeepsTheSession(Version version) {
    start(version).requireLogin(USER, PASSWORD);
    QbittorrentClient client = loggingIn(PASSWORD);

    assertThat(await(client.version())).isEqualTo(version.appVersion());
    await(client.torrents());
    assertThat(await(client.torrent(HASH))).isEmpty();
    assertThat(qbittorrent.loginAttempts()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Version.class)
  void callsThatNeedALoginAtOnceShareOne(Version version) {
    start(version).requireLogin(USER, PASSWORD);
    QbittorrentClient client = loggingIn(PASSWORD);

    List<Future<List<TorrentInfo>>> calls = IntStream.range(0, 10).mapToObj(i -> client.torrents()).toList();

    calls.forEach(call -> assertThat(await(call)).isEmpty());
    assertThat(qbittorrent.loginAttempts()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Version.class)
  void aForbiddenCallBringsExactlyOneNewLoginAndOneRetry(Version version) {
    start(version).requireLogin(USER, PASSWORD);
    QbittorrentClient client = loggingIn(PASSWORD);
    await(client.version());

    qbittorrent.expireSessionOnNext(INFO, 1);
    assertThat(await(client.torrents())).isEmpty();
    assertThat(qbittorrent.loginAttempts()).isEqualTo(2);
    assertThat(qbittorrent.requests(INFO)).isEqualTo(2);

    qbittorrent.failNext(INFO, 5, Fault.status(403));
    QbittorrentException refused = failure(client.torrents());
    assertThat(refused.kind()).isEqualTo(Kind.FORBIDDEN);
    assertThat(refused.getMessage()).contains("HTTP 403", INFO, "after a fresh login");
    assertThat(qbittorrent.loginAttempts()).isEqualTo(3);
    assertThat(qbittorrent.requests(INFO)).isEqualTo(4);
  }

  @ParameterizedTest
  @EnumSource(Version.class)
  void aRefusedLoginIsNotTriedAgainBeforeTheCooldown(Version version) {
    start(version).requireLogin(USER, PASSWORD);
    QbittorrentClient client = loggingIn("wrong-password");

    QbittorrentException refused = failure(client.torrents());
    assertThat(refused.kind()).isEqualTo(Kind.LOGIN_REFUSED);
    assertThat(refused.getMessage()).startsWith("qBittorrent refused the login for user alice: check QBITTORRENT_USERNAME"
        + " and QBITTORRENT_PASSWORD");

    for (int i = 0; i < 5; i++) {
      assertThat(failure(client.version()).kind()).isEqualTo(Kind.LOGIN_REFUSED);
    }
    List<Future<List<TorrentInfo>>> atOnce = IntStream.range(0, 5).mapToObj(i -> client.torrents()).toList();
    atOnce.forEach(call -> assertThat(failure(call).kind()).isEqualTo(Kind.LOGIN_REFUSED));
    assertThat(failure(client.add(TorrentAdd.magnet(magnet(HASH, "x"), "t"))).kind()).isEqualTo(Kind.LOGIN_REFUSED);

    assertThat(qbittorrent.loginAttempts()).isEqualTo(1);
    assertThat(qbittorrent.requests()).containsOnly(LOGIN);
    assertThat(qbittorrent.banned()).isFalse();
  }

  @ParameterizedTest
  @EnumSource(Version.class)
  void callsAtOnceWithAWrongPasswordShareOneLoginAttempt(Version version) {
    start(version).requireLogin(USER, PASSWORD);
    QbittorrentClient client = loggingIn("wrong-password");

    List<Future<String>> calls = IntStream.range(0, 8).mapToObj(i -> client.version()).toList();

    calls.forEach(call -> assertThat(failure(call).kind()).isEqualTo(Kind.LOGIN_REFUSED));
    assertThat(qbittorrent.loginAttempts()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Version.class)
  void afterTheCooldownItTriesOneLoginAgain(Version version) {
    start(version).requireLogin(USER, "the-old-password");
    QbittorrentClient client = loggingIn(PASSWORD);
    assertThat(failure(client.version()).kind()).isEqualTo(Kind.LOGIN_REFUSED);

    qbittorrent.requireLogin(USER, PASSWORD); // the user fixes qBittorrent's side
    clock.addAndGet(COOLDOWN_MS - 1);
    assertThat(failure(client.version()).getMessage()).contains("no new login attempt before");
    assertThat(qbittorrent.loginAttempts()).isEqualTo(1);

    clock.addAndGet(1);
    assertThat(await(client.version())).isEqualTo(version.appVersion());
    await(client.torrents());
    assertThat(qbittorrent.loginAttempts()).isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(Version.class)
  void aLoginRefusedWhenTheSessionExpiredStopsEveryCall(Version version) {
    start(version).requireLogin(USER, PASSWORD);
    QbittorrentClient client = loggingIn(PASSWORD);
    await(client.version());

    qbittorrent.requireLogin(USER, "changed-by-the-user").expireSessions();
    assertThat(failure(client.torrents()).kind()).isEqualTo(Kind.LOGIN_REFUSED);
    assertThat(failure(client.torrents()).kind()).isEqualTo(Kind.LOGIN_REFUSED);
    assertThat(failure(client.version()).kind()).isEqualTo(Kind.LOGIN_REFUSED);

    assertThat(qbittorrent.loginAttempts()).isEqualTo(2);
    assertThat(qbittorrent.requests(INFO)).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Version.class)
  void aBannedAddressIsReportedAsBannedAndLeftAlone(Version version) {
    start(version).requireLogin(USER, PASSWORD);
    for (int i = 0; i < 5; i++) { // five separate misconfigured clients, one failed login each
      assertThat(failure(loggingIn("wrong-" + i).version()).kind()).isEqualTo(Kind.LOGIN_REFUSED);
    }
    assertThat(qbittorrent.banned()).isTrue();
    QbittorrentClient client = loggingIn(PASSWORD);

    QbittorrentException banned = failure(client.version());
    assertThat(banned.kind()).isEqualTo(Kind.BANNED);
    assertThat(banned.getMessage()).contains("banned this address", "user alice", "QBITTORRENT_PASSWORD");
    assertThat(failure(client.torrents()).kind()).isEqualTo(Kind.BANNED);
    assertThat(qbittorrent.loginAttempts()).isEqualTo(6);
  }

  @ParameterizedTest
  @EnumSource(Version.class)
  void aLoginNeededWithoutAUserNameSaysWhatToSet(Version version) {
    start(version).requireLogin(USER, PASSWORD);

    QbittorrentException refused = failure(withoutLogin().torrents());

    assertThat(refused.kind()).isEqualTo(Kind.FORBIDDEN);
    assertThat(refused.getMessage()).contains("requires a login", "QBITTORRENT_USERNAME");
    assertThat(qbittorrent.loginAttempts()).isZero();
  }

  // --- adding ---------------------------------------------------------------------------------------

  @ParameterizedTest
  @EnumSource(Version.class)
  void addsAMagnetStartedInOurCategoryWithTheTag(Version version) {
    start(version).requireLogin(USER, PASSWORD);
    QbittorrentClient client = loggingIn(PASSWORD);
    String magnet = magnet(HASH, "Show%20-%2001");

    AddOutcome outcome = await(client.add(new TorrentAdd(magnet, null, "autoanime-7", Optional.of("/data/anime"))));

    assertThat(outcome).isEqualTo(AddOutcome.ADDED);
    FakeQbittorrent.AddRequest sent = qbittorrent.adds().get(0);
    assertThat(sent.urls()).isEqualTo(magnet);
    assertThat(sent.param("category")).isEqualTo(CATEGORY);
    assertThat(sent.param("tags")).isEqualTo("autoanime-7");
    assertThat(sent.param("paused")).isEqualTo("false");
    assertThat(sent.param("stopped")).isEqualTo("false");
    assertThat(sent.param("savepath")).isEqualTo("/data/anime");
    TorrentInfo added = await(client.torrent(HASH)).orElseThrow();
    assertThat(added.name()).isEqualTo("Show - 01");
    assertThat(added.category()).isEqualTo(CATEGORY);
    assertThat(added.tags()).containsExactly("autoanime-7");
    assertThat(added.savePath()).isEqualTo("/data/anime");
    assertThat(added.state()).isEqualTo(TorrentState.METADATA);
  }

  @ParameterizedTest
  @EnumSource(Version.class)
  void aDuplicateIsLookedUpAndFoundAlreadyPresent(Version version) {
    start(version);
    qbittorrent.put(HASH, "added by the user").category("tv");
    QbittorrentClient client = withoutLogin();

    AddOutcome outcome = await(client.add(new TorrentAdd(magnet(HASH, "x"), HASH, "autoanime-1", Optional.empty())));

    assertThat(outcome).isEqualTo(AddOutcome.ALREADY_PRESENT);
    assertThat(qbittorrent.requests(INFO)).isEqualTo(1);
    assertThat(qbittorrent.get(HASH).category()).isEqualTo("tv");
  }

  @ParameterizedTest
  @EnumSource(Version.class)
  void aRefusedAddOfATorrentQbittorrentDoesNotHaveFails(Version version) {
    start(version);
    qbittorrent.failNext(ADD, 1, version == Version.V4_5 ? Fault.body("Fails.") : Fault.status(409));
    QbittorrentClient client = withoutLogin();

    QbittorrentException failed = failure(client.add(TorrentAdd.magnet(magnet(HASH, "x"), "autoanime-1")));

    assertThat(failed.kind()).isEqualTo(Kind.ADD_FAILED);
    assertThat(failed.getMessage()).contains("refused to add the magnet link of " + HASH, "does not have");
    assertThat(qbittorrent.requests(INFO)).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Version.class)
  void aRefusedUrlWithoutAHashCannotBeLookedUpAndSaysSo(Version version) {
    start(version);
    qbittorrent.failNext(ADD, 1, version == Version.V4_5 ? Fault.body("Fails.") : Fault.status(409));
    QbittorrentClient client = withoutLogin();
    String url = "https://tracker.example/download/123.torrent?passkey=s3cr3tpasskey";

    QbittorrentException failed = failure(client.add(new TorrentAdd(url, null, "autoanime-2", Optional.empty())));

    assertThat(failed.kind()).isEqualTo(Kind.ADD_FAILED);
    assertThat(failed.getMessage()).contains("https://tracker.example/download/123.torrent", "no info hash")
        .doesNotContain("s3cr3tpasskey");
    assertThat(qbittorrent.requests(INFO)).isZero();
  }

  @ParameterizedTest
  @EnumSource(Version.class)
  void aUrlWithoutAHashIsFoundAfterwardsByItsTag(Version version) {
    start(version);
    String url = "https://feed.example/download/456.torrent";
    qbittorrent.knowUrl(url, OTHER_HASH, "[Group] Show - 02 [1080p].mkv").file("[Group] Show - 02 [1080p].mkv", 1_000_000);
    QbittorrentClient client = withoutLogin();

    assertThat(await(client.add(new TorrentAdd(url, null, "autoanime-9", Optional.empty())))).isEqualTo(AddOutcome.ADDED);
    assertThat(await(client.add(new TorrentAdd("https://feed.example/dead.torrent", null, "autoanime-10", Optional.empty()))))
        .isEqualTo(AddOutcome.ADDED);

    List<TorrentInfo> tagged = await(client.torrentsTagged("autoanime-9"));
    assertThat(tagged).extracting(TorrentInfo::hash).containsExactly(OTHER_HASH);
    assertThat(tagged.get(0).contentPath()).isEqualTo("/downloads/[Group] Show - 02 [1080p].mkv");
    assertThat(await(client.torrentsTagged("autoanime-10"))).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Version.class)
  void anAddThatMeetsA500IsUnreachable(Version version) {
    start(version);
    qbittorrent.failNext(ADD, 1, Fault.status(500));

    QbittorrentException failed = failure(withoutLogin().add(TorrentAdd.magnet(magnet(HASH, "x"), "t")));

    assertThat(failed.kind()).isEqualTo(Kind.UNREACHABLE);
    assertThat(failed.retryable()).isTrue();
    assertThat(failed.getMessage()).contains("HTTP 500", ADD);
  }

  // --- reading and changing torrents -------------------------------------------------------------------

  @ParameterizedTest
  @EnumSource(Version.class)
  void allOurTorrentsComeInOneRequest(Version version) {
    start(version);
    for (int i = 0; i < 60; i++) {
      qbittorrent.put(String.format("%040x", i), "ours " + i).category(CATEGORY).tags(List.of("autoanime-" + i))
          .file("ours " + i + ".mkv", 1000L + i).progress(0.5).state("downloading");
    }
    for (int i = 100; i < 105; i++) {
      qbittorrent.put(String.format("%040x", i), "someone else's").category("tv");
    }
    qbittorrent.get(String.format("%040x", 3)).complete();
    qbittorrent.get(String.format("%040x", 4)).complete().state(version.pausedUp());
    qbittorrent.get(String.format("%040x", 5)).state(version.pausedDl());

    List<TorrentInfo> torrents = await(withoutLogin().torrents());

    assertThat(qbittorrent.requests(INFO)).isEqualTo(1);
    assertThat(torrents).hasSize(60).allSatisfy(t -> assertThat(t.category()).isEqualTo(CATEGORY));
    TorrentInfo done = torrents.stream().filter(t -> t.hash().equals(String.format("%040x", 3))).findFirst().orElseThrow();
    assertThat(done.state()).isEqualTo(TorrentState.COMPLETED);
    assertThat(done.progress()).isEqualTo(1.0);
    assertThat(done.amountLeft()).isZero();
    assertThat(done.sizeBytes()).isEqualTo(1003);
    assertThat(done.completedAt()).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
    assertThat(done.tags()).containsExactly("autoanime-3");
    assertThat(done.contentPath()).isEqualTo("/downloads/ours 3.mkv");
    assertThat(torrents).filteredOn(t -> t.hash().equals(String.format("%040x", 4)))
        .extracting(TorrentInfo::state).containsExactly(TorrentState.COMPLETED);
    assertThat(torrents).filteredOn(t -> t.hash().equals(String.format("%040x", 5)))
        .extracting(TorrentInfo::state).containsExactly(TorrentState.PAUSED);
    TorrentInfo running = torrents.stream().filter(t -> t.hash().equals(String.format("%040x", 7))).findFirst().orElseThrow();
    assertThat(running.state()).isEqualTo(TorrentState.DOWNLOADING);
    assertThat(running.completedAt()).isNull();
    assertThat(running.amountLeft()).isEqualTo(504);
  }

  @ParameterizedTest
  @EnumSource(Version.class)
  void filesDeleteAndPeers(Version version) {
    start(version);
    qbittorrent.put(HASH, "Batch").category(CATEGORY)
        .file("Batch/Show - 01.mkv", 700).file("Batch/Show - 02.mkv", 800).file("Batch/notes.txt", 3);
    QbittorrentClient client = withoutLogin();

    assertThat(await(client.files(HASH.toUpperCase())))
        .containsExactly(new TorrentFile(0, "Batch/Show - 01.mkv", 700, 0), new TorrentFile(1, "Batch/Show - 02.mkv", 800, 0),
            new TorrentFile(2, "Batch/notes.txt", 3, 0));
    assertThat(await(client.torrent(HASH)).orElseThrow().contentPath()).isEqualTo("/downloads/Batch");
    QbittorrentException missing = failure(client.files(OTHER_HASH));
    assertThat(missing.kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(missing.getMessage()).contains(OTHER_HASH);

    await(client.addPeers(HASH, List.of("127.0.0.1:6881", "[::1]:6882")));
    assertThat(qbittorrent.peersOf(HASH)).containsExactly("127.0.0.1:6881", "[::1]:6882");
    QbittorrentException badPeers = failure(client.addPeers(HASH, List.of("nonsense")));
    assertThat(badPeers.kind()).isEqualTo(Kind.BAD_ANSWER);
    assertThat(badPeers.getMessage()).contains("HTTP 400", "No valid peers were specified");

    await(client.delete(HASH, true));
    assertThat(qbittorrent.deletions()).containsExactly(new Deletion(HASH, true));
    assertThat(await(client.torrent(HASH))).isEmpty();
    await(client.delete(HASH, false)); // already gone: no error
  }

  @Test
  void aHashThatIsNotOneFailsWithoutARequest() {
    start(Version.V4_5);
    QbittorrentClient client = withoutLogin();

    assertThat(catchThrowable(() -> await(client.torrent("not-a-hash")))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("40 hex digits");
    assertThat(catchThrowable(() -> await(client.delete("abc", true)))).isInstanceOf(IllegalArgumentException.class);
    assertThat(qbittorrent.requests()).isEmpty();
  }

  // --- faults -----------------------------------------------------------------------------------------

  @ParameterizedTest
  @EnumSource(Version.class)
  void faultsBecomeClearErrors(Version version) {
    start(version);
    QbittorrentClient client = client(qbittorrent.url(), Optional.empty(), Optional.empty(), 1);

    qbittorrent.failNext(INFO, 1, Fault.status(503));
    assertThat(failure(client.torrents())).satisfies(e -> {
      assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
      assertThat(e.getMessage()).contains("HTTP 503", INFO);
    });
    qbittorrent.failNext(INFO, 1, Fault.silence());
    assertThat(failure(client.torrents())).satisfies(e -> {
      assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
      assertThat(e.getMessage()).isEqualTo("qBittorrent did not answer " + INFO + " within 1 s");
    });
    qbittorrent.failNext(INFO, 1, Fault.hangUp());
    assertThat(failure(client.torrents())).satisfies(e -> {
      assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
      assertThat(e.getMessage()).contains("closed");
    });
    qbittorrent.failNext(INFO, 1, Fault.body("[{\"hash\": \"" + HASH + "\", \"state\": "));
    assertThat(failure(client.torrents())).satisfies(e -> {
      assertThat(e.kind()).isEqualTo(Kind.BAD_ANSWER);
      assertThat(e.getMessage()).isEqualTo("qBittorrent sent malformed JSON for " + INFO);
    });
    qbittorrent.failNext(INFO, 1, Fault.body("[{\"hash\": \"" + HASH + "\", \"progress\": \"half\"}]"));
    assertThat(failure(client.torrents()).kind()).isEqualTo(Kind.BAD_ANSWER);
    qbittorrent.failNext(INFO, 1, Fault.body("{\"not\": \"a list\"}"));
    assertThat(failure(client.torrents()).kind()).isEqualTo(Kind.BAD_ANSWER);
    qbittorrent.failNext(VERSION, 1, Fault.status(401));
    assertThat(failure(client.version())).satisfies(e -> {
      assertThat(e.kind()).isEqualTo(Kind.FORBIDDEN);
      assertThat(e.getMessage()).contains("HostHeaderValidation");
    });

    assertThat(await(client.torrents())).isEmpty(); // and the next call works again
  }

  @Test
  void aWrongUrlOrADeadServerIsSaidPlainly() {
    start(Version.V5_2);
    QbittorrentException wrongBase = failure(client(qbittorrent.url().replace(FakeQbittorrent.URL_BASE, "/elsewhere"),
        Optional.empty(), Optional.empty(), 5).version());
    assertThat(wrongBase.kind()).isEqualTo(Kind.BAD_ANSWER);
    assertThat(wrongBase.getMessage()).contains("HTTP 404", "check QBITTORRENT_URL");

    String url = qbittorrent.url();
    qbittorrent.stop();
    qbittorrent = null;
    QbittorrentException down = failure(client(url, Optional.of(USER), Optional.of(PASSWORD), 5).torrents());
    assertThat(down.kind()).isEqualTo(Kind.UNREACHABLE);
    assertThat(down.getMessage()).contains("could not be reached at " + url, LOGIN);
    start(Version.V5_2);
  }

  @ParameterizedTest
  @EnumSource(Version.class)
  void thePasswordIsNeverShown(Version version) {
    start(version).requireLogin(USER, PASSWORD);
    List<String> messages = new ArrayList<>();
    try (LogCapture logs = new LogCapture()) {
      QbittorrentClient good = loggingIn(PASSWORD);
      await(good.version());
      qbittorrent.expireSessionOnNext(INFO, 1);
      await(good.torrents());
      for (int i = 0; i < 6; i++) { // refusals, then a ban
        messages.add(failure(client(Optional.of(USER), Optional.of(PASSWORD + i)).torrents()).getMessage());
      }
      qbittorrent.expireSessions();
      messages.add(failure(good.torrents()).getMessage());

      assertThat(logs.lines()).anyMatch(line -> line.contains("login failed"))
          .noneMatch(line -> line.contains(PASSWORD));
    }
    assertThat(messages).anyMatch(m -> m.contains("banned")).noneMatch(m -> m.contains(PASSWORD));
    QbittorrentSettings settings = new QbittorrentSettings("http://admin:" + PASSWORD + "@qbittorrent:8080/", Optional.of(USER),
        Optional.of(PASSWORD), CATEGORY);
    assertThat(settings.toString()).doesNotContain(PASSWORD).contains("password=***", "http://***@qbittorrent:8080");
    assertThat(settings.url()).isEqualTo("http://admin:" + PASSWORD + "@qbittorrent:8080");
  }

  @Test
  void settingsRefuseWhatCannotWork() {
    assertThat(catchThrowable(() -> new QbittorrentSettings("qbittorrent:8080", Optional.empty(), Optional.empty(), CATEGORY)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http(s) URL");
    assertThat(catchThrowable(() -> new QbittorrentSettings("http://qbittorrent:8080", Optional.empty(), Optional.empty(), " ")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("category");
    assertThat(new QbittorrentSettings("http://host:8080/qbt//", Optional.of(" "), Optional.empty(), "c"))
        .satisfies(s -> {
          assertThat(s.url()).isEqualTo("http://host:8080/qbt");
          assertThat(s.username()).isEmpty();
        });
  }
}
