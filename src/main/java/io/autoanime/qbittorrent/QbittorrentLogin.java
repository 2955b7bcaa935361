package io.autoanime.qbittorrent;

import io.autoanime.config.Urls;
import io.autoanime.qbittorrent.QbittorrentException.Kind;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebUI session, and the rules that keep us from getting banned (qBittorrent bans an address
 * after five failed logins): calls that need a login while one is under way share it; after a refused
 * login every call fails fast and no login is tried again until the cooldown has passed.
 */
final class QbittorrentLogin {
  static final String PATH = "/api/v2/auth/login";
  private static final Logger LOG = LoggerFactory.getLogger(QbittorrentLogin.class);

  /** What to send with each call: the session cookie, or null when the address needs none. */
  record Session(String cookie) {}

  private static final Session WITHOUT_LOGIN = new Session(null);

  private final QbittorrentSettings settings;
  private final long cooldownMs;
  private final Supplier<Future<HttpResponse<Buffer>>> sendLogin;
  private final QbittorrentErrors errors;
  private final LongSupplier clockMs;

  private Session current;
  private Future<Session> underWay;
  private QbittorrentException refusal;
  private long nextAttemptAtMs;

  QbittorrentLogin(QbittorrentSettings settings, QbittorrentTuning tuning,
      Supplier<Future<HttpResponse<Buffer>>> sendLogin, QbittorrentErrors errors, LongSupplier clockMs) {
    this.settings = settings;
    this.cooldownMs = tuning.loginCooldownMs();
    this.sendLogin = sendLogin;
    this.errors = errors;
    this.clockMs = clockMs;
  }

  boolean required() {
    return settings.username().isPresent();
  }

  /** The session to call with: the current one, the login under way, a new login, or the last refusal. */
  synchronized Future<Session> session() {
    if (!required()) {
      return Future.succeededFuture(WITHOUT_LOGIN);
    }
    if (current != null) {
      return Future.succeededFuture(current);
    }
    if (underWay != null) {
      return underWay;
    }
    if (refusal != null && clockMs.getAsLong() < nextAttemptAtMs) {
      return Future.failedFuture(new QbittorrentException(refusal.kind(), refusal.getMessage()));
    }
    Promise<Session> outcome = Promise.promise();
    underWay = outcome.future();
    Future<HttpResponse<Buffer>> sent;
    try {
      sent = sendLogin.get();
    } catch (RuntimeException e) {
      sent = Future.failedFuture(e);
    }
    sent.onComplete(result -> {
      Object answer;
      try {
        answer = result.succeeded() ? interpret(result.result()) : errors.transport(result.cause(), PATH);
      } catch (RuntimeException e) {
        answer = QbittorrentErrors.badAnswer("qBittorrent's answer to the login could not be read: " + e.getMessage());
      }
      settle(answer, outcome);
    });
    return outcome.future();
  }

  /** After a 403 with {@code stale}: logs in again, unless someone already has since that session was handed out. */
  synchronized Future<Session> renew(Session stale) {
    if (current == stale) {
      current = null;
    }
    return session();
  }

  private void settle(Object answer, Promise<Session> outcome) {
    synchronized (this) {
      underWay = null;
      if (answer instanceof Session session) {
        current = session;
        refusal = null;
      } else if (answer instanceof QbittorrentException failure
          && (failure.kind() == Kind.LOGIN_REFUSED || failure.kind() == Kind.BANNED)) {
        refusal = failure;
        nextAttemptAtMs = clockMs.getAsLong() + cooldownMs;
      }
    }
    if (answer instanceof Session session) {
      LOG.info("Logged in to qBittorrent at {} as {}", Urls.withoutCredentials(settings.url()), settings.userForMessages());
      outcome.complete(session);
    } else {
      QbittorrentException failure = (QbittorrentException) answer;
      LOG.warn("qBittorrent login failed: {}", failure.getMessage());
      outcome.fail(failure);
    }
  }

  /** A {@link Session}, or the {@link QbittorrentException} the answer means. */
  private Object interpret(HttpResponse<Buffer> response) {
    int status = response.statusCode();
    String body = response.body() == null ? "" : response.body().toString().strip();
    if (status == 204 || (status == 200 && body.equals("Ok."))) {
      return new Session(cookieOf(response.cookies()));
    }
    if (status == 401 || (status == 200 && body.equals("Fails."))) {
      return new QbittorrentException(Kind.LOGIN_REFUSED, "qBittorrent refused the login for user "
          + settings.userForMessages() + ": check QBITTORRENT_USERNAME and QBITTORRENT_PASSWORD" + nextAttemptNote());
    }
    if (status == 403 && !body.toLowerCase(Locale.ROOT).contains("banned")) {
      return new QbittorrentException(Kind.LOGIN_REFUSED, "qBittorrent (or a proxy in front of it) answered HTTP 403 to"
          + " the login for user " + settings.userForMessages() + ": check QBITTORRENT_URL, QBITTORRENT_USERNAME and"
          + " QBITTORRENT_PASSWORD" + nextAttemptNote());
    }
    if (status == 403) {
      return new QbittorrentException(Kind.BANNED, "qBittorrent has banned this address after too many failed logins"
          + " (user " + settings.userForMessages() + "): check QBITTORRENT_USERNAME and QBITTORRENT_PASSWORD, then restart"
          + " qBittorrent or wait for the ban to end (WebUI\\BanDuration, an hour by default)" + nextAttemptNote());
    }
    if (status == 200) {
      return QbittorrentErrors.badAnswer("qBittorrent answered its login with neither Ok. nor Fails.: is "
          + "QBITTORRENT_URL the qBittorrent WebUI?");
    }
    return errors.forStatus(response, PATH);
  }

  private String nextAttemptNote() {
    return " (no new login attempt before " + Instant.ofEpochMilli(clockMs.getAsLong() + cooldownMs) + ")";
  }

  /** {@code SID=...} from the Set-Cookie headers (name and value only), or null when there is none. */
  private static String cookieOf(List<String> setCookies) {
    List<String> pairs = setCookies.stream()
        .map(header -> header.split(";", 2)[0].strip())
        .filter(pair -> pair.indexOf('=') > 0)
        .toList();
    return pairs.isEmpty() ? null : String.join("; ", pairs);
  }
}
