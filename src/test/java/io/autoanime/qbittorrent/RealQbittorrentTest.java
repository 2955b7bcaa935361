package io.autoanime.qbittorrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.autoanime.qbittorrent.QbittorrentException.Kind;
import io.autoanime.support.RealQbittorrent;
import io.autoanime.support.TestService;
import io.autoanime.support.TorrentMaker;
import io.autoanime.support.TorrentMaker.Torrent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The client against Debian's real {@code qbittorrent-nox}: a torrent made here moves over loopback
 * from a seeding qBittorrent to a downloading one, added by magnet and by URL; the real login works,
 * and a wrong password costs exactly one login attempt.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealQbittorrentTest {
  private static final String CATEGORY = "autoanime-test";
  private static final long LIMIT_MS = 60_000;
  private static final int PIECE = 256 * 1024;

  private Vertx vertx;
  private RealQbittorrent seeder;
  private RealQbittorrent downloader;
  private QbittorrentClient seeding;
  private QbittorrentClient client;

  @BeforeAll
  void startBoth() throws Exception {
    vertx = Vertx.vertx();
    seeder = RealQbittorrent.start();
    downloader = RealQbittorrent.start();
    seeding = new QbittorrentClient(vertx, seeder.settings("seeding"), QbittorrentTuning.defaults());
    client = new QbittorrentClient(vertx, downloader.settings(CATEGORY), QbittorrentTuning.defaults());
  }

  @AfterAll
  void stopBoth() throws Exception {
    if (client != null) {
      client.close();
      seeding.close();
    }
    try (RealQbittorrent a = seeder; RealQbittorrent b = downloader) {
      TestService.await(vertx.close());
    }
  }

  @Test
  void aMagnetDownloadsFromTheSeederAndIsDeletedWithItsFiles() throws Exception {
    Path seedFolder = seeder.folder("magnet");
    Path batch = Files.createDirectories(seedFolder.resolve("[Test] Show (01-02)"));
    byte[] first = write(batch.resolve("Show - 01.mkv"), 3 * 1024 * 1024 + 12345, 1);
    byte[] second = write(Files.createDirectories(batch.resolve("extras")).resolve("Show - 02.mkv"), 700_000, 2);
    Torrent torrent = TorrentMaker.of(batch, PIECE);
    seedAndWait(torrent, seedFolder);
    Path saveTo = downloader.folder("magnet-downloads");

    long startedAt = System.nanoTime();
    AddOutcome outcome = await(client.add(new TorrentAdd(torrent.magnet(), null, "autoanime-1", Optional.of(saveTo.toString()))));
    assertThat(outcome).isEqualTo(AddOutcome.ADDED);
    TorrentInfo listed = poll("the magnet listed", () -> client.torrent(torrent.infoHash()), Optional::isPresent).orElseThrow();
    long listedMs = msSince(startedAt);
    assertThat(listed.category()).isEqualTo(CATEGORY);
    assertThat(listed.tags()).containsExactly("autoanime-1");
    await(client.addPeers(torrent.infoHash(), List.of(seeder.peerAddress())));

    TorrentInfo done = untilFinished(torrent.infoHash());
    long finishedMs = msSince(startedAt);
    System.out.printf("real qBittorrent: magnet listed after %d ms, %d bytes finished after %d ms%n", listedMs,
        done.sizeBytes(), finishedMs);

    assertThat(done.state()).isEqualTo(TorrentState.COMPLETED);
    assertThat(done.progress()).isEqualTo(1.0);
    assertThat(done.amountLeft()).isZero();
    assertThat(done.sizeBytes()).isEqualTo(first.length + second.length);
    assertThat(done.savePath()).isEqualTo(saveTo.toString());
    assertThat(done.contentPath()).isEqualTo(saveTo.resolve("[Test] Show (01-02)").toString());
    assertThat(done.completedAt()).isNotNull();
    assertThat(done.name()).isEqualTo("[Test] Show (01-02)");
    assertThat(await(client.files(torrent.infoHash())))
        .extracting(TorrentFile::name, TorrentFile::size, TorrentFile::progress)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("[Test] Show (01-02)/Show - 01.mkv", (long) first.length, 1.0),
            org.assertj.core.groups.Tuple.tuple("[Test] Show (01-02)/extras/Show - 02.mkv", (long) second.length, 1.0));
    assertThat(Files.readAllBytes(saveTo.resolve("[Test] Show (01-02)/Show - 01.mkv"))).isEqualTo(first);
    assertThat(Files.readAllBytes(saveTo.resolve("[Test] Show (01-02)/extras/Show - 02.mkv"))).isEqualTo(second);
    assertThat(await(client.torrents())).extracting(TorrentInfo::hash).contains(torrent.infoHash());

    // qBittorrent answers a second add of the same hash with "Fails." (4.5) or 409 (5.2)
    assertThat(await(client.add(TorrentAdd.magnet(torrent.magnet(), "autoanime-again")))).isEqualTo(AddOutcome.ALREADY_PRESENT);

    await(client.delete(torrent.infoHash(), true));
    poll("the torrent gone", () -> client.torrent(torrent.infoHash()), Optional::isEmpty);
    poll("its files gone", () -> Future.succeededFuture(Files.exists(saveTo.resolve("[Test] Show (01-02)/Show - 01.mkv"))),
        exists -> !exists);
    assertThat(await(client.torrents())).extracting(TorrentInfo::hash).doesNotContain(torrent.infoHash());
  }

  @Test
  void aTorrentUrlWithoutAHashIsFoundByItsTag() throws Exception {
    Path seedFolder = seeder.folder("url");
    byte[] content = write(seedFolder.resolve("[Test] Single - 05 [1080p].mkv"), 1_500_000, 5);
    Torrent torrent = TorrentMaker.of(seedFolder.resolve("[Test] Single - 05 [1080p].mkv"), PIECE);
    seedAndWait(torrent, seedFolder);
    HttpServer files = await(vertx.createHttpServer()
        .requestHandler(request -> request.response().putHeader("Content-Type", "application/x-bittorrent")
            .end(io.vertx.core.buffer.Buffer.buffer(torrent.bytes())))
        .listen(0, "127.0.0.1"));
    try {
      String url = "http://127.0.0.1:" + files.actualPort() + "/download/5.torrent?passkey=abc";

      assertThat(await(client.add(new TorrentAdd(url, null, "autoanime-url-5", Optional.empty())))).isEqualTo(AddOutcome.ADDED);
      List<TorrentInfo> tagged = poll("the .torrent fetched", () -> client.torrentsTagged("autoanime-url-5"), l -> !l.isEmpty());
      assertThat(tagged).extracting(TorrentInfo::hash).containsExactly(torrent.infoHash());
      await(client.addPeers(torrent.infoHash(), List.of(seeder.peerAddress())));

      TorrentInfo done = untilFinished(torrent.infoHash());
      assertThat(done.savePath()).isEqualTo(downloader.downloads().toString());
      assertThat(done.contentPath()).isEqualTo(downloader.downloads().resolve("[Test] Single - 05 [1080p].mkv").toString());
      assertThat(Files.readAllBytes(Path.of(done.contentPath()))).isEqualTo(content);
      assertThat(await(client.files(torrent.infoHash()))).containsExactly(
          new TorrentFile(0, "[Test] Single - 05 [1080p].mkv", content.length, 1.0));
      await(client.delete(torrent.infoHash(), false));
      poll("the torrent gone", () -> client.torrent(torrent.infoHash()), Optional::isEmpty);
      assertThat(Path.of(done.contentPath())).exists();
    } finally {
      await(files.close());
    }
  }

  @Test
  void theRealLoginWorksAndAWrongPasswordCostsOneAttempt() throws Exception {
    String password = "real-Pw-" + Long.toHexString(new Random().nextLong());
    try (RealQbittorrent guarded = RealQbittorrent.startWithLogin("autoanime", password)) {
      QbittorrentClient right = new QbittorrentClient(vertx, guarded.settings(CATEGORY), QbittorrentTuning.defaults());
      QbittorrentClient wrong = new QbittorrentClient(vertx,
          new QbittorrentSettings(guarded.url(), Optional.of("autoanime"), Optional.of(password + "-wrong"), CATEGORY),
          QbittorrentTuning.defaults());
      QbittorrentClient none = new QbittorrentClient(vertx,
          new QbittorrentSettings(guarded.url(), Optional.empty(), Optional.empty(), CATEGORY), QbittorrentTuning.defaults());
      try {
        assertThat(await(right.version())).startsWith("v");
        assertThat(await(right.torrents())).isEmpty();

        for (int i = 0; i < 4; i++) {
          QbittorrentException refused = failure(i % 2 == 0 ? wrong.torrents() : wrong.version());
          assertThat(refused.kind()).isEqualTo(Kind.LOGIN_REFUSED);
          assertThat(refused.getMessage()).contains("user autoanime").doesNotContain(password);
        }
        assertThat(failure(none.torrents()).kind()).isEqualTo(Kind.FORBIDDEN);

        String log = guarded.log();
        assertThat(log.lines().filter(line -> line.contains("WebAPI login failure"))).hasSize(1);
        assertThat(log.lines().filter(line -> line.contains("WebAPI login success"))).hasSize(1);
      } finally {
        right.close();
        wrong.close();
        none.close();
      }
    }
  }

  private void seedAndWait(Torrent torrent, Path savePath) throws Exception {
    seeder.seed(torrent, savePath);
    poll("the seeder seeding " + torrent.name(), () -> seeding.torrent(torrent.infoHash()),
        found -> found.isPresent() && found.get().state().finished());
  }

  /** Polls the downloader until the torrent has finished, telling it the seeder again now and then. */
  private TorrentInfo untilFinished(String hash) {
    long startedAt = System.nanoTime();
    long deadline = System.currentTimeMillis() + LIMIT_MS;
    long nextPeers = System.currentTimeMillis() + 5_000;
    StringBuilder states = new StringBuilder();
    TorrentState last = null;
    while (true) {
      Optional<TorrentInfo> found = await(client.torrents()).stream().filter(t -> t.hash().equals(hash)).findFirst();
      TorrentState now = found.map(TorrentInfo::state).orElse(null);
      if (now != last) {
        states.append(states.length() == 0 ? "" : ", ").append(now).append(" at ").append(msSince(startedAt)).append(" ms");
        last = now;
      }
      if (found.isPresent() && found.get().state().finished()) {
        System.out.println("real qBittorrent states of " + hash + ": " + states);
        return found.get();
      }
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("the download did not finish within " + LIMIT_MS / 1000 + " s: " + found);
      }
      if (System.currentTimeMillis() > nextPeers) {
        await(client.addPeers(hash, List.of(seeder.peerAddress())));
        nextPeers = System.currentTimeMillis() + 5_000;
      }
      pause();
    }
  }

  private static <T> T poll(String what, Supplier<Future<T>> read, Predicate<T> done) {
    long deadline = System.currentTimeMillis() + LIMIT_MS;
    while (true) {
      T value = await(read.get());
      if (done.test(value)) {
        return value;
      }
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("still waiting, after " + LIMIT_MS / 1000 + " s, for " + what + "; last seen: " + value);
      }
      pause();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted");
    }
  }

  private static byte[] write(Path file, int size, long seed) throws Exception {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    Files.write(file, bytes);
    return bytes;
  }

  private static long msSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }

  private static <T> T await(Future<T> future) {
    return TestService.await(future);
  }

  private static QbittorrentException failure(Future<?> future) {
    Throwable thrown = catchThrowable(() -> TestService.await(future));
    assertThat(thrown).isInstanceOf(QbittorrentException.class);
    return (QbittorrentException) thrown;
  }
}
