package io.autoanime.feeds;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Feed URLs as users give them and as they may be shown. Credentials in a feed URL are the user
 * info ({@code https://user:password@host/}) and the values of the query parameters named in
 * {@link #CREDENTIAL_PARAMETERS}; {@link #masked} replaces both with {@code ***}. Keys carried in
 * the path (some private trackers put the passkey there) cannot be told from an ordinary path and
 * are not masked. A parameter whose value is itself a URL (a magnet's trackers) is masked inside.
 */
public final class FeedUrls {
  public static final String MASK = "***";

  /**
   * Query parameters (compared case-insensitively) whose values are credentials: Prowlarr's and
   * Jackett's {@code apikey}, private trackers' {@code passkey}, {@code torrent_pass},
   * {@code authkey}, {@code rsskey}, and the generic names. {@code uid} and {@code sid} are masked
   * too: several trackers take a user id with a password or a session id as the login, and
   * hiding them costs the user nothing.
   */
  public static final Set<String> CREDENTIAL_PARAMETERS = Set.of(
      "apikey", "api_key", "api-key", "key", "passkey", "pass_key", "torrent_pass", "authkey", "auth_key",
      "auth", "token", "access_token", "rsskey", "rss_key", "secret", "password", "passwd", "pass", "pwd",
      "sid", "uid");

  /**
   * Endings that make any parameter name a credential: Jackett names its key in download links
   * {@code jackett_apikey}, and other tools prefix theirs the same way ({@code user_token},
   * {@code x-api-key}).
   */
  private static final List<String> CREDENTIAL_NAME_ENDINGS = List.of(
      "apikey", "api_key", "api-key", "passkey", "pass_key", "authkey", "auth_key", "rsskey", "rss_key",
      "token", "secret", "password");

  private static final Pattern USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)([^/?#]*)@");

  private FeedUrls() {}

  /**
   * The URL to store: trimmed, with characters a URL may not hold percent-encoded. Throws
   * {@link IllegalArgumentException} with a message fit for a 400 answer (it does not repeat the
   * URL) unless it is an absolute http or https URL with a host.
   */
  public static String validate(String url) {
    return FeedUrl.parse(url).toString();
  }

  /** The URL as it may be logged or shown: user info and credential values replaced by {@code ***}. Never throws. */
  public static String masked(String url) {
    if (url == null) {
      return null;
    }
    String text = USER_INFO.matcher(url).replaceFirst("$1" + Matcher.quoteReplacement(MASK) + "@");
    int query = text.indexOf('?');
    if (query < 0) {
      return text;
    }
    int fragment = text.indexOf('#', query);
    int queryEnd = fragment < 0 ? text.length() : fragment;
    StringBuilder out = new StringBuilder(text.length()).append(text, 0, query + 1);
    List<String> parameters = splitParameters(text.substring(query + 1, queryEnd));
    for (int i = 0; i < parameters.size(); i++) {
      String parameter = parameters.get(i);
      if (i > 0) {
        out.append('&');
      }
      int equals = parameter.indexOf('=');
      if (equals > 0 && equals < parameter.length() - 1 && isCredential(parameter.substring(0, equals))) {
        out.append(parameter, 0, equals + 1).append(MASK);
      } else if (equals > 0 && holdsUrl(parameter.substring(equals + 1))) {
        out.append(parameter, 0, equals + 1).append(maskedInside(parameter.substring(equals + 1)));
      } else {
        out.append(parameter);
      }
    }
    return out.append(text, queryEnd, text.length()).toString();
  }

  /**
   * A parameter's value that is itself a URL, percent-encoded (a magnet's tracker, {@code tr=}, whose
   * announce URL carries a private tracker's passkey), masked the same way.
   */
  private static String maskedInside(String rawValue) {
    String url = decode(rawValue);
    String masked = masked(url);
    return masked.equals(url) ? rawValue : URLEncoder.encode(masked, StandardCharsets.UTF_8);
  }

  private static boolean holdsUrl(String rawValue) {
    return decode(rawValue).contains("://");
  }

  /**
   * The URL a change should store. A client only ever sees the masked URL, so when it sends one back
   * with {@code ***} in place of the user info or a credential value, those come from the stored
   * URL. That is allowed only for the same scheme, host and port: otherwise a client could send the
   * stored key to a server of its choosing. Throws {@link IllegalArgumentException} when {@code sent}
   * is not a valid URL, or holds a {@code ***} that the stored URL cannot fill in.
   */
  public static String keepStoredWhenMasked(String sent, String stored) {
    String valid = validate(sent);
    if (stored == null || !containsMask(sent)) {
      return valid;
    }
    if (sent.strip().equals(masked(stored)) || valid.equals(masked(stored))) {
      return stored;
    }
    FeedUrl given = FeedUrl.parse(sent);
    FeedUrl kept = FeedUrl.parse(stored);
    if (!given.sameOrigin(kept)) {
      throw new IllegalArgumentException(
          "the feed URL holds a masked credential (***) but names another server: send the whole URL with its credentials");
    }
    FeedUrl merged = given;
    if (MASK.equals(given.userInfo())) {
      if (kept.userInfo() == null) {
        throw new IllegalArgumentException("the feed URL holds a masked user name and password (***@) that the stored URL does not have");
      }
      merged = merged.withUserInfo(kept.userInfo());
    }
    return merged.withRest(fillMaskedValues(given.rest(), kept.rest())).toString();
  }

  /** The secrets inside a URL (user info and credential values, raw and decoded), to scrub them from any text. */
  static List<String> secrets(String url) {
    List<String> secrets = new ArrayList<>();
    Matcher userInfo = USER_INFO.matcher(url);
    if (userInfo.find()) {
      addSecret(secrets, userInfo.group(2));
      int colon = userInfo.group(2).indexOf(':');
      if (colon >= 0) {
        addSecret(secrets, userInfo.group(2).substring(colon + 1));
      }
    }
    for (String[] parameter : credentialParameters(queryOf(url))) {
      addSecret(secrets, parameter[1]);
    }
    for (String parameter : splitParameters(queryOf(url))) {
      int equals = parameter.indexOf('=');
      if (equals > 0 && holdsUrl(parameter.substring(equals + 1))) {
        secrets.addAll(secrets(decode(parameter.substring(equals + 1))));
      }
    }
    return secrets;
  }

  /** {@code text} with every secret of {@code url} replaced by {@code ***}. */
  static String scrub(String text, String url) {
    String scrubbed = text;
    for (String secret : secrets(url)) {
      scrubbed = scrubbed.replace(secret, MASK);
    }
    return scrubbed;
  }

  private static void addSecret(List<String> secrets, String raw) {
    // Very short values (uid=1) would mangle unrelated text and reveal little.
    if (raw.length() >= 4 && !raw.equals(MASK)) {
      secrets.add(raw);
      String decoded = decode(raw);
      if (!decoded.equals(raw) && decoded.length() >= 4) {
        secrets.add(decoded);
      }
    }
  }

  private static String fillMaskedValues(String givenRest, String storedRest) {
    String query = queryOf(givenRest);
    if (query.isEmpty()) {
      return givenRest;
    }
    Map<String, List<String>> storedValues = new HashMap<>();
    for (String[] parameter : credentialParameters(queryOf(storedRest))) {
      storedValues.computeIfAbsent(parameter[0], k -> new ArrayList<>()).add(parameter[1]);
    }
    Map<String, Integer> used = new HashMap<>();
    List<String> parameters = splitParameters(query);
    StringBuilder filled = new StringBuilder();
    for (String parameter : parameters) {
      if (filled.length() > 0) {
        filled.append('&');
      }
      int equals = parameter.indexOf('=');
      String name = equals > 0 ? normalName(parameter.substring(0, equals)) : null;
      if (name != null && isCredentialName(name) && parameter.substring(equals + 1).equals(MASK)) {
        int index = used.merge(name, 1, Integer::sum) - 1;
        List<String> values = storedValues.getOrDefault(name, List.of());
        if (index >= values.size()) {
          throw new IllegalArgumentException("the feed URL holds a masked " + name + " (***) that the stored URL does not have");
        }
        filled.append(parameter, 0, equals + 1).append(values.get(index));
      } else {
        filled.append(parameter);
      }
    }
    int start = givenRest.indexOf('?') + 1;
    return givenRest.substring(0, start) + filled + givenRest.substring(start + query.length());
  }

  /** Credential parameters of a query, as {normal name, raw value} pairs. */
  private static List<String[]> credentialParameters(String query) {
    List<String[]> found = new ArrayList<>();
    for (String parameter : splitParameters(query)) {
      int equals = parameter.indexOf('=');
      if (equals > 0 && isCredential(parameter.substring(0, equals))) {
        found.add(new String[] {normalName(parameter.substring(0, equals)), parameter.substring(equals + 1)});
      }
    }
    return found;
  }

  private static String queryOf(String url) {
    int query = url.indexOf('?');
    if (query < 0) {
      return "";
    }
    int fragment = url.indexOf('#', query);
    return url.substring(query + 1, fragment < 0 ? url.length() : fragment);
  }

  private static List<String> splitParameters(String query) {
    return query.isEmpty() ? List.of() : List.of(query.split("&", -1));
  }

  private static boolean isCredential(String rawName) {
    return isCredentialName(normalName(rawName));
  }

  private static boolean isCredentialName(String normalName) {
    return CREDENTIAL_PARAMETERS.contains(normalName) || CREDENTIAL_NAME_ENDINGS.stream().anyMatch(normalName::endsWith);
  }

  private static String normalName(String rawName) {
    return decode(rawName).strip().toLowerCase(Locale.ROOT);
  }

  private static boolean containsMask(String url) {
    return url != null && url.contains(MASK);
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }
}
