package io.autoanime.qbittorrent;

import io.autoanime.torrents.InfoHashes;

import io.autoanime.qbittorrent.QbittorrentException.Kind;
import io.autoanime.qbittorrent.QbittorrentLogin.Session;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * qBittorrent's WebUI API v2, for 4.5 (Debian's {@code qbittorrent-nox}) and 5.x. Logs in only when a
 * user name is configured, with the {@code SID} cookie; a 403 on a call brings exactly one new login and
 * one retry of that call; a refused login is not retried before the cooldown (see
 * {@link QbittorrentLogin}). Sends no {@code Origin} or {@code Referer} header, so qBittorrent's CSRF
 * check has nothing to object to. Nothing here retries a failed call: callers poll again later.
 */
public final class QbittorrentClient {
  private static final Logger LOG = LoggerFactory.getLogger(QbittorrentClient.class);
  private static final String VERSION = "/api/v2/app/version";
  private static final String ADD = "/api/v2/torrents/add";
  private static final String INFO = "/api/v2/torrents/info";
  private static final String FILES = "/api/v2/torrents/files";
  private static final String DELETE = "/api/v2/torrents/delete";
  private static final String ADD_PEERS = "/api/v2/torrents/addPeers";
  private static final String ADD_TAGS = "/api/v2/torrents/addTags";

  private final QbittorrentSettings settings;
  private final WebClient client;
  private final long timeoutMs;
  private final QbittorrentErrors errors;
  private final QbittorrentLogin login;

  public QbittorrentClient(Vertx vertx, QbittorrentSettings settings, QbittorrentTuning tuning) {
    this(vertx, settings, tuning, System::currentTimeMillis);
  }

  /** With the clock the login cooldown is measured on (for tests). */
  QbittorrentClient(Vertx vertx, QbittorrentSettings settings, QbittorrentTuning tuning, LongSupplier clockMs) {
    this.settings = settings;
    this.timeoutMs = tuning.timeoutSeconds() * 1000L;
    this.client = WebClient.create(vertx, new WebClientOptions()
        .setUserAgent("AutoAnime")
        .setConnectTimeout((int) timeoutMs)
        .setFollowRedirects(false),
        new PoolOptions().setHttp1MaxSize(4));
    this.errors = new QbittorrentErrors(settings.url(), tuning.timeoutSeconds());
    this.login = new QbittorrentLogin(settings, tuning, this::sendLogin, errors, clockMs);
  }

  /** qBittorrent's version as it reports it, such as {@code v4.5.2}. */
  public Future<String> version() {
    return call(HttpMethod.GET, VERSION, params()).map(body -> {
      String version = body.toString().strip();
      if (version.isEmpty()) {
        throw QbittorrentErrors.badAnswer("qBittorrent answered " + VERSION + " with nothing");
      }
      return version;
    });
  }

  /**
   * Adds a torrent in our category with {@code add}'s tag, started. When qBittorrent refuses it
   * ("Fails." up to 5.1, 409 from 5.2), looks the hash up: a torrent already there is
   * {@link AddOutcome#ALREADY_PRESENT}; otherwise the future fails with {@code ADD_FAILED}.
   */
  public Future<AddOutcome> add(TorrentAdd add) {
    MultiMap form = params()
        .add("urls", add.source())
        .add("category", settings.category())
        .add("tags", add.tag())
        .add("paused", "false")   // up to 4.6
        .add("stopped", "false"); // 5.0 on; each version ignores the other's
    add.savePath().ifPresent(path -> form.add("savepath", path));
    return exchange(HttpMethod.POST, ADD, form).compose(response -> {
      if (response.statusCode() == 409) {
        return afterRefusal(add);
      }
      Buffer body = errors.successBody(response, ADD);
      String text = body.toString().strip();
      if (text.equals("Ok.")) {
        return Future.succeededFuture(AddOutcome.ADDED);
      }
      if (text.equals("Fails.")) {
        return afterRefusal(add);
      }
      return QbittorrentDecoder.addAccepted(body, ADD) ? Future.succeededFuture(AddOutcome.ADDED) : afterRefusal(add);
    });
  }

  /** Every torrent in our category, in ONE request whatever their number. */
  public Future<List<TorrentInfo>> torrents() {
    return call(HttpMethod.GET, INFO, params().add("category", settings.category()))
        .map(body -> QbittorrentDecoder.torrents(body, INFO));
  }

  /**
   * The torrents carrying this tag, whatever their category: how to find a torrent added by a URL
   * whose hash was unknown (qBittorrent fetches the {@code .torrent} after {@link #add} answered).
   */
  public Future<List<TorrentInfo>> torrentsTagged(String tag) {
    return call(HttpMethod.GET, INFO, params().add("tag", tag)).map(body -> QbittorrentDecoder.torrents(body, INFO));
  }

  /** The torrent with this hash, whatever its category; empty when qBittorrent does not have it. */
  public Future<Optional<TorrentInfo>> torrent(String hash) {
    return normalised(hash).compose(id -> call(HttpMethod.GET, INFO, params().add("hashes", id))
        .map(body -> QbittorrentDecoder.torrents(body, INFO).stream().filter(t -> t.hash().equals(id)).findFirst()));
  }

  /** The torrent's files (none until a magnet's metadata has arrived); {@code NOT_FOUND} when the hash is unknown. */
  public Future<List<TorrentFile>> files(String hash) {
    return normalised(hash).compose(id -> exchange(HttpMethod.GET, FILES, params().add("hash", id)).map(response -> {
      if (response.statusCode() == 404) {
        throw new QbittorrentException(Kind.NOT_FOUND, "qBittorrent has no torrent " + id);
      }
      return QbittorrentDecoder.files(errors.successBody(response, FILES), FILES);
    }));
  }

  /** Removes the torrent (and its downloaded files when asked); an unknown hash is no error. */
  public Future<Void> delete(String hash, boolean deleteFiles) {
    return normalised(hash).compose(id -> call(HttpMethod.POST, DELETE,
        params().add("hashes", id).add("deleteFiles", String.valueOf(deleteFiles)))).mapEmpty();
  }

  /** Adds a tag to the torrent (its other tags stay); an unknown hash is no error. */
  public Future<Void> addTag(String hash, String tag) {
    return normalised(hash).compose(id -> call(HttpMethod.POST, ADD_TAGS, params().add("hashes", id).add("tags", tag)))
        .mapEmpty();
  }

  /** Tells qBittorrent to connect the torrent to these peers ({@code ip:port}, {@code [ipv6]:port}). */
  public Future<Void> addPeers(String hash, List<String> peers) {
    if (peers.isEmpty()) {
      return Future.failedFuture(new IllegalArgumentException("addPeers needs at least one peer"));
    }
    return normalised(hash).compose(id -> call(HttpMethod.POST, ADD_PEERS,
        params().add("hashes", id).add("peers", String.join("|", peers)))).mapEmpty();
  }

  public void close() {
    client.close();
  }

  private Future<AddOutcome> afterRefusal(TorrentAdd add) {
    if (add.knownHash().isEmpty()) {
      return Future.failedFuture(new QbittorrentException(Kind.ADD_FAILED, "qBittorrent refused to add "
          + add.describedSource() + "; the release gives no info hash, so whether qBittorrent already has it cannot be"
          + " checked"));
    }
    String hash = add.knownHash().get();
    return torrent(hash).compose(found -> {
      if (found.isPresent()) {
        LOG.debug("qBittorrent already has {} (category '{}')", hash, found.get().category());
        return Future.succeededFuture(AddOutcome.ALREADY_PRESENT);
      }
      return Future.failedFuture(new QbittorrentException(Kind.ADD_FAILED, "qBittorrent refused to add "
          + add.describedSource() + " and does not have a torrent " + hash));
    });
  }

  /** The body of a 2xx answer to the call, or a failure saying why there is none. */
  private Future<Buffer> call(HttpMethod method, String path, MultiMap params) {
    return exchange(method, path, params).map(response -> errors.successBody(response, path));
  }

  /** The answer to the call (any status but 403), logging in first when needed and once more after a 403. */
  private Future<HttpResponse<Buffer>> exchange(HttpMethod method, String path, MultiMap params) {
    return login.session().compose(session -> once(method, path, params, session).compose(response -> {
      if (response.statusCode() != 403) {
        return Future.succeededFuture(response);
      }
      if (!login.required()) {
        return Future.failedFuture(errors.loginNeeded(path));
      }
      LOG.info("qBittorrent answered HTTP 403 for {}: logging in again", path);
      return login.renew(session)
          .compose(fresh -> once(method, path, params, fresh))
          .compose(second -> second.statusCode() == 403
              ? Future.failedFuture(errors.forStatus(second, path))
              : Future.succeededFuture(second));
    }));
  }

  private Future<HttpResponse<Buffer>> once(HttpMethod method, String path, MultiMap params, Session session) {
    HttpRequest<Buffer> request = client.requestAbs(method, settings.url() + path).timeout(timeoutMs);
    if (session.cookie() != null) {
      request.putHeader("Cookie", session.cookie());
    }
    Future<HttpResponse<Buffer>> sent;
    if (method == HttpMethod.GET) {
      params.forEach(request::addQueryParam);
      sent = request.send();
    } else {
      sent = request.sendForm(params);
    }
    return sent.recover(cause -> Future.failedFuture(errors.transport(cause, path)));
  }

  private Future<HttpResponse<Buffer>> sendLogin() {
    MultiMap form = params()
        .add("username", settings.username().orElse(""))
        .add("password", settings.password().orElse(""));
    return client.postAbs(settings.url() + QbittorrentLogin.PATH).timeout(timeoutMs).sendForm(form);
  }

  private static MultiMap params() {
    return MultiMap.caseInsensitiveMultiMap();
  }

  private static Future<String> normalised(String hash) {
    try {
      return Future.succeededFuture(InfoHashes.normalise(hash));
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
  }
}
