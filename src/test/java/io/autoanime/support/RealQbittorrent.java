package io.autoanime.support;

import io.autoanime.qbittorrent.QbittorrentSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.spec.KeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A real {@code qbittorrent-nox} (Debian's, 4.5.2 on bookworm) for a test: its own profile folder in a
 * temporary directory, a free WebUI port and a free torrent port, set up to run headless and to stay
 * on loopback (legal notice accepted; DHT, LSD, PeX, UPnP and the GeoIP download off; BitTorrent bound
 * to {@code lo}). Started, it answers its WebUI; closed, it is killed and its folder removed.
 *
 * <p>Without a login ({@link #start()}), loopback needs no authentication, and host-header and CSRF
 * checks are off as the project's notes prescribe. {@link #startWithLogin} requires a login instead and
 * leaves qBittorrent's own defaults for those checks (both on), so the client is tested against them.
 *
 * <p>When {@code qbittorrent-nox} is missing the start fails (never skips): say {@code apt-get install
 * qbittorrent-nox}. {@code QBITTORRENT_NOX} may name another binary (a 5.x build, say).
 */
public final class RealQbittorrent implements AutoCloseable {
  private static final Duration START_LIMIT = Duration.ofSeconds(30);

  private final Process process;
  private final Path home;
  private final int webUiPort;
  private final int torrentPort;
  private final Optional<String> username;
  private final Optional<String> password;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private RealQbittorrent(Process process, Path home, int webUiPort, int torrentPort, Optional<String> username,
      Optional<String> password) {
    this.process = process;
    this.home = home;
    this.webUiPort = webUiPort;
    this.torrentPort = torrentPort;
    this.username = username;
    this.password = password;
  }

  /** A qBittorrent that lets loopback in without a login. */
  public static RealQbittorrent start() throws Exception {
    return start(Optional.empty(), Optional.empty());
  }

  /** A qBittorrent that requires this login, even from loopback. */
  public static RealQbittorrent startWithLogin(String username, String password) throws Exception {
    return start(Optional.of(username), Optional.of(password));
  }

  private static RealQbittorrent start(Optional<String> username, Optional<String> password) throws Exception {
    String binary = binary();
    Path home = Files.createTempDirectory("autoanime-qbittorrent");
    Files.createDirectories(home.resolve("downloads"));
    int webUiPort = freePort();
    int torrentPort = freePort();
    Path config = home.resolve("profile/qBittorrent/config/qBittorrent.conf");
    Files.createDirectories(config.getParent());
    Files.writeString(config, configuration(home.resolve("downloads"), webUiPort, torrentPort, username, password));
    Process process = new ProcessBuilder(binary, "--profile=" + home.resolve("profile"), "--webui-port=" + webUiPort)
        .redirectOutput(home.resolve("stdout.log").toFile())
        .redirectError(home.resolve("stderr.log").toFile())
        .start();
    RealQbittorrent qbittorrent = new RealQbittorrent(process, home, webUiPort, torrentPort, username, password);
    try {
      qbittorrent.awaitWebUi();
    } catch (Exception | AssertionError e) {
      qbittorrent.close();
      throw e;
    }
    return qbittorrent;
  }

  /** The binary to run; fails (never skips) with how to install it when there is none. */
  private static String binary() {
    String named = System.getenv("QBITTORRENT_NOX");
    if (named != null && !named.isBlank()) {
      if (!Files.isExecutable(Path.of(named))) {
        throw new AssertionError("QBITTORRENT_NOX names " + named + ", which is not an executable file");
      }
      return named;
    }
    Optional<Path> found = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, "qbittorrent-nox"))
        .filter(Files::isExecutable)
        .findFirst();
    if (found.isPresent()) {
      return found.get().toString();
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError("qbittorrent-nox is not installed, and under CI=true the real-qBittorrent tests must run:"
          + " .ci/run installs it (apt-get install -y qbittorrent-nox); install it on this runner the same way");
    }
    throw new AssertionError("qbittorrent-nox is not installed: the real-qBittorrent tests need it. Install it with"
        + " `sudo apt-get install qbittorrent-nox` (Debian, Ubuntu), or set QBITTORRENT_NOX to a qbittorrent-nox binary");
  }

  private static String configuration(Path savePath, int webUiPort, int torrentPort, Optional<String> username,
      Optional<String> password) {
    Map<String, String> webUi = new LinkedHashMap<>();
    webUi.put("WebUI\\Enabled", "true");
    webUi.put("WebUI\\Port", String.valueOf(webUiPort));
    webUi.put("WebUI\\Address", "127.0.0.1");
    webUi.put("WebUI\\UseUPnP", "false");
    if (username.isPresent()) {
      webUi.put("WebUI\\LocalHostAuth", "true");
      webUi.put("WebUI\\Username", username.get());
      webUi.put("WebUI\\Password_PBKDF2", "\"@ByteArray(" + passwordHash(password.orElseThrow()) + ")\"");
    } else {
      webUi.put("WebUI\\LocalHostAuth", "false");
      webUi.put("WebUI\\HostHeaderValidation", "false");
      webUi.put("WebUI\\CSRFProtection", "false");
    }
    StringBuilder text = new StringBuilder()
        .append("[LegalNotice]\nAccepted=true\n\n")
        .append("[BitTorrent]\n")
        .append("Session\\Port=").append(torrentPort).append('\n')
        .append("Session\\DefaultSavePath=").append(savePath).append('\n')
        .append("Session\\DHTEnabled=false\n")
        .append("Session\\LSDEnabled=false\n")
        .append("Session\\PeXEnabled=false\n")
        .append("Session\\AddTrackersEnabled=false\n")
        .append("Session\\Interface=lo\n")
        .append("Session\\InterfaceName=lo\n\n")
        .append("[Network]\nPortForwardingEnabled=false\n\n")
        .append("[Preferences]\n")
        .append("Connection\\ResolvePeerCountries=false\n")
        .append("General\\Locale=en\n");
    webUi.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
    return text.toString();
  }

  /** qBittorrent's {@code Password_PBKDF2}: base64 salt and key of PBKDF2-HMAC-SHA512, 100,000 rounds, 64 bytes. */
  static String passwordHash(String password) {
    try {
      byte[] salt = new byte[16];
      new SecureRandom().nextBytes(salt);
      KeySpec spec = new PBEKeySpec(password.toCharArray(), salt, 100_000, 64 * 8);
      byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
      return Base64.getEncoder().encodeToString(salt) + ":" + Base64.getEncoder().encodeToString(key);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private void awaitWebUi() throws Exception {
    long deadline = System.nanoTime() + START_LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("qbittorrent-nox exited with " + process.exitValue() + " before its WebUI answered:\n"
            + output());
      }
      try {
        int status = http.send(HttpRequest.newBuilder(URI.create(url() + "/api/v2/app/version"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status == 200 || (status == 403 && username.isPresent())) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(50);
    }
    throw new AssertionError("qbittorrent-nox's WebUI did not answer within " + START_LIMIT.toSeconds() + " s:\n" + output());
  }

  /** The WebUI address. */
  public String url() {
    return "http://127.0.0.1:" + webUiPort;
  }

  /** Client settings for this qBittorrent, with its login if it has one. */
  public QbittorrentSettings settings(String category) {
    return new QbittorrentSettings(url(), username, password, category);
  }

  /** Where a peer reaches it: {@code 127.0.0.1:port}. */
  public String peerAddress() {
    return "127.0.0.1:" + torrentPort;
  }

  /** qBittorrent's default save path, inside this instance's temporary folder. */
  public Path downloads() {
    return home.resolve("downloads");
  }

  /** A folder of its own for a test's files (removed on close). */
  public Path folder(String name) throws IOException {
    return Files.createDirectories(home.resolve("files").resolve(name));
  }

  /**
   * Adds a {@code .torrent} whose content already lies in {@code savePath} and seeds it (no hash check:
   * {@code skip_checking}). Only for an instance without a login.
   */
  public void seed(TorrentMaker.Torrent torrent, Path savePath) throws Exception {
    if (username.isPresent()) {
      throw new IllegalStateException("seed() is for an instance without a login");
    }
    String boundary = "autoanime-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"torrents\"; filename=\""
        + torrent.infoHash() + ".torrent\"\r\nContent-Type: application/x-bittorrent\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(torrent.bytes());
    body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    Map<String, String> fields = Map.of("savepath", savePath.toString(), "skip_checking", "true", "paused", "false",
        "stopped", "false", "category", "seeding");
    fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
        + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url() + "/api/v2/torrents/add"))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2 || response.body().strip().equals("Fails.")) {
      throw new AssertionError("qBittorrent did not take the torrent to seed: HTTP " + response.statusCode() + " "
          + response.body());
    }
  }

  /** qBittorrent's own log ({@code qbittorrent.log} in its profile): logins, adds, errors. */
  public String log() throws IOException {
    Path log = home.resolve("profile/qBittorrent/data/logs/qbittorrent.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  /** Its standard output and error. */
  public String output() throws IOException {
    return "--- stdout\n" + Files.readString(home.resolve("stdout.log")) + "--- stderr\n"
        + Files.readString(home.resolve("stderr.log")) + "--- qbittorrent.log\n" + log();
  }

  @Override
  public void close() throws IOException {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> walk = Files.walk(home)) {
      walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
