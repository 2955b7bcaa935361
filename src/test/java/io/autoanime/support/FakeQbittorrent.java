package io.autoanime.support;

import io.autoanime.torrents.InfoHashes;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A small qBittorrent: the WebUI API v2 endpoints the service uses, answering as 4.5 ("Ok."/"Fails.",
 * {@code pausedUP}) or 5.2 (204/401 logins, JSON and 409 from {@code torrents/add}, {@code stoppedUP})
 * does, under a URL base (as behind a reverse proxy). Without {@link #requireLogin} it lets every call in
 * (qBittorrent's "bypass authentication for localhost"); with it, calls need the {@code SID} cookie of a
 * login, and five failed logins ban the address as the real one does. Tests set torrents' states,
 * inject faults per path, hold answers at a {@link Gate} and count requests.
 */
public final class FakeQbittorrent {
  public static final String URL_BASE = "/qbittorrent";
  public static final String DEFAULT_SAVE_PATH = "/downloads";
  private static final int MAX_FAILED_LOGINS = 5;

  /** The two generations of the API that differ in what the service sees. */
  public enum Version {
    V4_5("v4.5.2", "2.8.19"),
    V5_2("v5.2.0", "2.11.4");

    private final String appVersion;
    private final String webApiVersion;

    Version(String appVersion, String webApiVersion) {
      this.appVersion = appVersion;
      this.webApiVersion = webApiVersion;
    }

    public String appVersion() {
      return appVersion;
    }

    /** The state of a finished torrent that was paused (4.x) or stopped (5.x). */
    public String pausedUp() {
      return this == V4_5 ? "pausedUP" : "stoppedUP";
    }

    public String pausedDl() {
      return this == V4_5 ? "pausedDL" : "stoppedDL";
    }
  }

  /** One {@code torrents/add} request, as sent. */
  public record AddRequest(Map<String, String> params) {
    public String param(String name) {
      return params.get(name);
    }

    public String urls() {
      return params.get("urls");
    }
  }

  /** One {@code torrents/delete} request. */
  public record Deletion(String hash, boolean deleteFiles) {}

  /** A canned misbehaviour for {@link #failNext}. */
  @FunctionalInterface
  public interface Fault extends Consumer<HttpServerRequest> {
    static Fault status(int status) {
      return request -> request.response().setStatusCode(status).end("fault " + status);
    }

    static Fault body(String body) {
      return request -> request.response().putHeader("Content-Type", "application/json").end(body);
    }

    /** Never answers. */
    static Fault silence() {
      return request -> { };
    }

    /** Closes the connection without answering. */
    static Fault hangUp() {
      return request -> request.connection().close();
    }
  }

  private final Vertx vertx;
  private final Version version;
  private HttpServer server;
  private volatile String username;
  private volatile String password;
  private final Set<String> sessions = ConcurrentHashMap.newKeySet();
  private final AtomicInteger loginAttempts = new AtomicInteger();
  private final AtomicInteger failedLogins = new AtomicInteger();
  private final Map<String, FakeTorrent> torrents = new ConcurrentHashMap<>();
  private final Map<String, FakeTorrent> byUrl = new ConcurrentHashMap<>();
  private final List<AddRequest> adds = new CopyOnWriteArrayList<>();
  private final List<Deletion> deletions = new CopyOnWriteArrayList<>();
  private final Map<String, List<String>> peers = new ConcurrentHashMap<>();
  private final Map<String, Queue<Fault>> faults = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<Gate> gates = new CopyOnWriteArrayList<>();

  public FakeQbittorrent(Vertx vertx, Version version) {
    this.vertx = vertx;
    this.version = version;
  }

  public FakeQbittorrent start() {
    server = vertx.createHttpServer().requestHandler(this::handle);
    TestService.await(server.listen(0, "127.0.0.1"));
    return this;
  }

  public void stop() {
    TestService.await(server.close());
  }

  /** The WebUI address to configure, with the URL base. */
  public String url() {
    return "http://127.0.0.1:" + server.actualPort() + URL_BASE;
  }

  public Version version() {
    return version;
  }

  // --- login -------------------------------------------------------------------------------------

  /** From now on every call needs a login with these credentials (a second call changes them). */
  public FakeQbittorrent requireLogin(String user, String pass) {
    this.username = user;
    this.password = pass;
    return this;
  }

  /** Logins received, successful or not (bans included). */
  public int loginAttempts() {
    return loginAttempts.get();
  }

  public boolean banned() {
    return failedLogins.get() >= MAX_FAILED_LOGINS;
  }

  /** Forgets every session, as after a restart of qBittorrent or a session timeout: calls get 403 until a new login. */
  public FakeQbittorrent expireSessions() {
    sessions.clear();
    return this;
  }

  // --- torrents ----------------------------------------------------------------------------------

  /** Adds a torrent as if it had been added earlier (by the user, or by the service before a restart). */
  public FakeTorrent put(String hash, String name) {
    FakeTorrent torrent = new FakeTorrent(InfoHashes.normalise(hash), name);
    torrents.put(torrent.hash(), torrent);
    return torrent;
  }

  /** What qBittorrent finds when it fetches this {@code .torrent} URL; URLs not known here lead nowhere (a dead link). */
  public FakeTorrent knowUrl(String url, String hash, String name) {
    FakeTorrent torrent = new FakeTorrent(InfoHashes.normalise(hash), name);
    byUrl.put(url, torrent);
    return torrent;
  }

  public Optional<FakeTorrent> torrent(String hash) {
    return Optional.ofNullable(torrents.get(hash.toLowerCase(Locale.ROOT)));
  }

  /** The torrent with this hash, which must exist. */
  public FakeTorrent get(String hash) {
    return torrent(hash).orElseThrow(() -> new AssertionError("the fake qBittorrent has no torrent " + hash));
  }

  public List<FakeTorrent> torrents() {
    return List.copyOf(torrents.values());
  }

  /** Removes a torrent behind the service's back (the user deleted it in qBittorrent). */
  public FakeQbittorrent remove(String hash) {
    torrents.remove(hash.toLowerCase(Locale.ROOT));
    return this;
  }

  public List<AddRequest> adds() {
    return List.copyOf(adds);
  }

  public List<Deletion> deletions() {
    return List.copyOf(deletions);
  }

  /** The peers {@code torrents/addPeers} gave each torrent. */
  public List<String> peersOf(String hash) {
    return List.copyOf(peers.getOrDefault(hash.toLowerCase(Locale.ROOT), List.of()));
  }

  // --- faults and counts -------------------------------------------------------------------------

  /**
   * The next {@code times} requests for this path (such as {@code /api/v2/torrents/info}, without the
   * URL base or query) get this answer instead.
   */
  public FakeQbittorrent failNext(String path, int times, Fault fault) {
    Queue<Fault> queue = faults.computeIfAbsent(path, p -> new ArrayDeque<>());
    synchronized (queue) {
      for (int i = 0; i < times; i++) {
        queue.add(fault);
      }
    }
    return this;
  }

  /** The next {@code times} requests for this path find their session expired (403), as after a session timeout. */
  public FakeQbittorrent expireSessionOnNext(String path, int times) {
    return failNext(path, times, request -> {
      sessions.clear();
      request.response().setStatusCode(403).end("Forbidden");
    });
  }

  /**
   * Holds the answers to every request for this path (such as {@code /api/v2/torrents/delete}) until
   * the gate is opened; a held request is answered as the torrents are when the gate opens.
   */
  public Gate hold(String path) {
    Gate gate = new Gate(Predicate.isEqual(path));
    gates.add(gate);
    return gate;
  }

  /** Requests received for this path (without the URL base or query), faults and refusals included. */
  public long requests(String path) {
    return requests.stream().filter(path::equals).count();
  }

  public List<String> requests() {
    return List.copyOf(requests);
  }

  // --- the server --------------------------------------------------------------------------------

  private void handle(HttpServerRequest request) {
    if (!request.path().startsWith(URL_BASE + "/api/v2/")) {
      request.response().setStatusCode(404).end("Not Found");
      return;
    }
    String path = request.path().substring(URL_BASE.length());
    requests.add(path);
    Queue<Fault> queue = faults.get(path);
    Fault fault = null;
    if (queue != null) {
      synchronized (queue) {
        fault = queue.poll();
      }
    }
    if (fault != null) {
      fault.accept(request);
      return;
    }
    params(request).onSuccess(params -> {
      Consumer<HttpServerRequest> answer = held -> answer(held, path, params);
      if (gates.stream().noneMatch(gate -> gate.hold(path, request, answer))) {
        answer.accept(request);
      }
    });
  }

  private static Future<MultiMap> params(HttpServerRequest request) {
    MultiMap params = MultiMap.caseInsensitiveMultiMap().addAll(request.params());
    if (request.method().name().equals("GET")) {
      return Future.succeededFuture(params);
    }
    request.setExpectMultipart(true);
    return request.end().map(v -> params.addAll(request.formAttributes()));
  }

  private void answer(HttpServerRequest request, String path, MultiMap params) {
    boolean post = request.method().name().equals("POST");
    if (path.equals("/api/v2/auth/login")) {
      if (!post) {
        text(request, 405, "Method Not Allowed");
      } else {
        login(request, params);
      }
      return;
    }
    if (!authorised(request)) {
      text(request, 403, "Forbidden");
      return;
    }
    switch (path) {
      case "/api/v2/app/version" -> text(request, 200, version.appVersion);
      case "/api/v2/app/webapiVersion" -> text(request, 200, version.webApiVersion);
      case "/api/v2/torrents/info" -> json(request, 200, info(params).encode());
      case "/api/v2/torrents/files" -> files(request, params);
      case "/api/v2/torrents/add" -> onlyPost(request, post, () -> add(request, params));
      case "/api/v2/torrents/delete" -> onlyPost(request, post, () -> delete(request, params));
      case "/api/v2/torrents/addPeers" -> onlyPost(request, post, () -> addPeers(request, params));
      case "/api/v2/torrents/addTags" -> onlyPost(request, post, () -> addTags(request, params));
      default -> text(request, 404, "Not Found");
    }
  }

  private boolean authorised(HttpServerRequest request) {
    if (username == null) {
      return true;
    }
    Cookie sid = request.getCookie("SID");
    return sid != null && sessions.contains(sid.getValue());
  }

  private void login(HttpServerRequest request, MultiMap params) {
    loginAttempts.incrementAndGet();
    if (banned()) {
      text(request, 403, "Your IP address has been banned after too many failed authentication attempts.");
      return;
    }
    boolean valid = username == null
        || (username.equals(params.get("username")) && password.equals(params.get("password")));
    if (!valid) {
      failedLogins.incrementAndGet();
      if (version == Version.V4_5) {
        text(request, 200, "Fails.");
      } else {
        text(request, 401, "Unauthorized");
      }
      return;
    }
    failedLogins.set(0);
    String sid = UUID.randomUUID().toString().replace("-", "");
    sessions.add(sid);
    request.response().putHeader("Set-Cookie", "SID=" + sid + "; HttpOnly; path=/; SameSite=Strict");
    if (version == Version.V4_5) {
      text(request, 200, "Ok.");
    } else {
      request.response().setStatusCode(204).end();
    }
  }

  private JsonArray info(MultiMap params) {
    String category = params.get("category");
    String tag = params.get("tag");
    Set<String> hashes = params.contains("hashes")
        ? Set.copyOf(Arrays.asList(params.get("hashes").toLowerCase(Locale.ROOT).split("\\|")))
        : null;
    JsonArray list = new JsonArray();
    for (FakeTorrent torrent : torrents.values()) {
      if ((category == null || category.equals(torrent.category()))
          && (tag == null || torrent.tags().contains(tag))
          && (hashes == null || hashes.contains(torrent.hash()))) {
        list.add(torrent.toJson());
      }
    }
    return list;
  }

  private void files(HttpServerRequest request, MultiMap params) {
    FakeTorrent torrent = params.get("hash") == null ? null : torrents.get(params.get("hash").toLowerCase(Locale.ROOT));
    if (torrent == null) {
      text(request, 404, "Not Found");
    } else {
      json(request, 200, torrent.filesJson().encode());
    }
  }

  private void add(HttpServerRequest request, MultiMap params) {
    Map<String, String> sent = new LinkedHashMap<>();
    params.forEach(sent::put);
    adds.add(new AddRequest(sent));
    int added = 0;
    int pending = 0;
    List<String> ids = new ArrayList<>();
    for (String url : params.get("urls") == null ? new String[0] : params.get("urls").split("\n")) {
      url = url.strip();
      if (url.isEmpty()) {
        continue;
      }
      Optional<String> magnetHash = InfoHashes.ofMagnet(url);
      FakeTorrent torrent;
      if (magnetHash.isPresent()) {
        torrent = new FakeTorrent(magnetHash.get(), displayName(url).orElse(magnetHash.get())).state("metaDL");
      } else {
        // 4.5 fetches a URL after answering, and 5.2 answers 202 "pending" for it: a duplicate or a dead
        // link is not reported to the caller in either
        pending++;
        FakeTorrent known = byUrl.get(url);
        if (known == null || torrents.containsKey(known.hash())) {
          continue;
        }
        torrent = known.copy().state("downloading");
      }
      if (torrents.containsKey(torrent.hash())) {
        continue;
      }
      torrent.category(params.get("category") == null ? "" : params.get("category"))
          .tags(params.get("tags") == null ? List.of() : Arrays.stream(params.get("tags").split(","))
              .map(String::strip).filter(t -> !t.isEmpty()).toList())
          .savePath(params.get("savepath") == null || params.get("savepath").isBlank()
              ? DEFAULT_SAVE_PATH : params.get("savepath"))
          .addedOn(Instant.now());
      torrents.put(torrent.hash(), torrent);
      if (magnetHash.isPresent()) {
        added++;
        ids.add(torrent.hash());
      }
    }
    if (version == Version.V4_5) {
      text(request, 200, added + pending > 0 ? "Ok." : "Fails.");
    } else if (added + pending == 0) {
      text(request, 409, "Conflict");
    } else {
      json(request, pending > 0 ? 202 : 200, new JsonObject()
          .put("success_count", added).put("failure_count", 0).put("pending_count", pending)
          .put("added_torrent_ids", new JsonArray(ids)).encode());
    }
  }

  private void delete(HttpServerRequest request, MultiMap params) {
    boolean deleteFiles = Boolean.parseBoolean(params.get("deleteFiles"));
    for (String hash : params.get("hashes") == null ? new String[0] : params.get("hashes").split("\\|")) {
      deletions.add(new Deletion(hash.toLowerCase(Locale.ROOT), deleteFiles));
      torrents.remove(hash.toLowerCase(Locale.ROOT));
    }
    empty(request);
  }

  private void addTags(HttpServerRequest request, MultiMap params) {
    List<String> added = params.get("tags") == null ? List.of()
        : Arrays.stream(params.get("tags").split(",")).map(String::strip).filter(tag -> !tag.isEmpty()).toList();
    for (String hash : params.get("hashes") == null ? new String[0] : params.get("hashes").split("\\|")) {
      FakeTorrent torrent = torrents.get(hash.toLowerCase(Locale.ROOT));
      if (torrent != null) {
        List<String> tags = new ArrayList<>(torrent.tags());
        added.stream().filter(tag -> !tags.contains(tag)).forEach(tags::add);
        torrent.tags(tags);
      }
    }
    empty(request);
  }

  private void addPeers(HttpServerRequest request, MultiMap params) {
    List<String> valid = params.get("peers") == null ? List.of() : Arrays.stream(params.get("peers").split("\\|"))
        .map(String::strip).filter(peer -> peer.matches("(\\d{1,3}(\\.\\d{1,3}){3}|\\[[0-9a-fA-F:]+\\]):\\d{1,5}")).toList();
    if (valid.isEmpty()) {
      text(request, 400, "No valid peers were specified");
      return;
    }
    JsonObject results = new JsonObject();
    for (String hash : params.get("hashes") == null ? new String[0] : params.get("hashes").split("\\|")) {
      String id = hash.toLowerCase(Locale.ROOT);
      if (torrents.containsKey(id)) {
        peers.computeIfAbsent(id, h -> new CopyOnWriteArrayList<>()).addAll(valid);
        results.put(id, new JsonObject().put("added", valid.size()).put("failed", 0));
      }
    }
    json(request, 200, results.encode());
  }

  private static Optional<String> displayName(String magnet) {
    for (String part : magnet.substring(magnet.indexOf('?') + 1).split("&")) {
      if (part.startsWith("dn=")) {
        return Optional.of(URLDecoder.decode(part.substring(3), StandardCharsets.UTF_8));
      }
    }
    return Optional.empty();
  }

  private static void onlyPost(HttpServerRequest request, boolean post, Runnable action) {
    if (post) {
      action.run();
    } else {
      text(request, 405, "Method Not Allowed");
    }
  }

  /** 4.5 answers an action without a result with an empty 200, 5.2 with 204. */
  private void empty(HttpServerRequest request) {
    if (version == Version.V4_5) {
      text(request, 200, "");
    } else {
      request.response().setStatusCode(204).end();
    }
  }

  private static void text(HttpServerRequest request, int status, String body) {
    request.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=UTF-8").end(body);
  }

  private static void json(HttpServerRequest request, int status, String body) {
    request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
  }
}
