package io.autoanime.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code DATABASE_URL} as libpq reads its URI form:
 * {@code postgresql://[user[:password]@]host[:port]/database[?user=..&password=..&sslmode=..]}, with
 * percent-encoded parts ({@code +} stays a plus). Its errors name the part that is wrong and never
 * quote the URL: what looks like a host or a database name may be the tail of a password that holds
 * an unencoded {@code @}, {@code /} or {@code ?}.
 */
final class DatabaseUrlParser {
  private static final String EXPECTED = " (expected postgresql://user:pass@host:5432/db)";
  private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://");
  private static final Pattern HOST_AND_PORT =
      Pattern.compile("^(?:\\[([0-9A-Fa-f:.]+)]|([A-Za-z0-9._-]+))(?::([0-9]{1,5}))?$");
  /** libpq's keywords this service does not take: named in the error, unlike an unknown name that may be a password's piece. */
  private static final Set<String> LIBPQ_KEYWORDS = Set.of("host", "hostaddr", "port", "dbname", "passfile",
      "channel_binding", "connect_timeout", "client_encoding", "options", "application_name",
      "fallback_application_name", "keepalives", "keepalives_idle", "keepalives_interval", "keepalives_count",
      "tcp_user_timeout", "replication", "gssencmode", "sslcompression", "sslcert", "sslkey", "sslpassword",
      "sslcertmode", "sslrootcert", "sslcrl", "sslcrldir", "sslsni", "requirepeer", "ssl_min_protocol_version",
      "ssl_max_protocol_version", "krbsrvname", "gsslib", "gssdelegation", "service", "target_session_attrs",
      "load_balance_hosts", "require_auth", "sslnegotiation", "ssl", "currentSchema");

  private final String url;
  private final String advice;

  private DatabaseUrlParser(String url) {
    this.url = url;
    this.advice = Urls.percentEncodingAdvice(url);
  }

  static DatabaseUrl parse(String value) {
    return new DatabaseUrlParser(value.trim()).parse();
  }

  private DatabaseUrl parse() {
    Matcher scheme = SCHEME.matcher(url);
    if (!scheme.find()) {
      throw new ConfigException("DATABASE_URL must start with postgresql://" + EXPECTED);
    }
    if (!scheme.group(1).equals("postgresql") && !scheme.group(1).equals("postgres")) {
      throw new ConfigException("DATABASE_URL must start with postgresql:// (got scheme '" + scheme.group(1) + "')");
    }
    String rest = url.substring(scheme.end());
    int queryStart = indexOrLength(rest, '?');
    String beforeQuery = rest.substring(0, queryStart);
    int pathStart = indexOrLength(beforeQuery, '/');
    String authority = beforeQuery.substring(0, pathStart);

    int at = authority.lastIndexOf('@');
    if (at != authority.indexOf('@')) {
      throw new ConfigException("DATABASE_URL holds more than one @ before its host" + advice);
    }
    String userInfo = at < 0 ? null : authority.substring(0, at);
    Matcher hostAndPort = hostAndPort(authority.substring(at + 1));
    String host = hostAndPort.group(1) != null ? hostAndPort.group(1) : hostAndPort.group(2);
    int port = port(hostAndPort.group(3));
    String database = database(pathStart < beforeQuery.length() ? beforeQuery.substring(pathStart + 1) : "");

    Map<String, String> query = query(queryStart < rest.length() ? rest.substring(queryStart + 1) : "");
    String user = null;
    String password = null;
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      user = PercentDecoding.decode(colon < 0 ? userInfo : userInfo.substring(0, colon), "DATABASE_URL's user name");
      password = colon < 0 ? null : PercentDecoding.decode(userInfo.substring(colon + 1), "DATABASE_URL's password");
    }
    user = onlyOnce("user name", "user", user, query.get("user"));
    password = onlyOnce("password", "password", password, query.get("password"));
    return new DatabaseUrl(host, port, database, user == null || user.isEmpty() ? "postgres" : user,
        password == null ? "" : password, tls(query.get("sslmode")));
  }

  private Matcher hostAndPort(String text) {
    if (text.isEmpty()) {
      throw new ConfigException("DATABASE_URL has no host" + EXPECTED + advice);
    }
    Matcher matcher = HOST_AND_PORT.matcher(text);
    if (!matcher.matches()) {
      throw new ConfigException("DATABASE_URL's host (and port) cannot be read" + EXPECTED + advice);
    }
    return matcher;
  }

  private int port(String digits) {
    if (digits == null) {
      return 5432;
    }
    int port = Integer.parseInt(digits);
    if (port < 1 || port > 65535) {
      throw new ConfigException("DATABASE_URL's port must be between 1 and 65535" + advice);
    }
    return port;
  }

  private String database(String path) {
    if (path.isEmpty()) {
      throw new ConfigException("DATABASE_URL has no database name" + EXPECTED + advice);
    }
    if (path.indexOf('/') >= 0 || path.indexOf('@') >= 0) {
      throw new ConfigException("DATABASE_URL's database name holds a / or an @" + EXPECTED + advice);
    }
    return PercentDecoding.decode(path, "DATABASE_URL's database name");
  }

  private Map<String, String> query(String text) {
    Map<String, String> parameters = new HashMap<>();
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      if (equals < 0) {
        throw new ConfigException("DATABASE_URL has a query parameter that is not name=value" + advice);
      }
      String name = PercentDecoding.decode(pair.substring(0, equals), "a DATABASE_URL query parameter's name");
      if (!Set.of("user", "password", "sslmode").contains(name)) {
        throw new ConfigException("DATABASE_URL has "
            + (LIBPQ_KEYWORDS.contains(name) ? "the query parameter '" + name + "', which this service does not support"
                : "a query parameter this service does not know")
            + " (supported: user, password, sslmode)" + advice);
      }
      String value = PercentDecoding.decode(pair.substring(equals + 1), "DATABASE_URL's " + name + " parameter");
      if (parameters.put(name, value) != null) {
        throw new ConfigException("DATABASE_URL gives ?" + name + "= twice");
      }
    }
    return parameters;
  }

  private static String onlyOnce(String what, String parameter, String beforeTheAt, String inTheQuery) {
    if (beforeTheAt != null && inTheQuery != null) {
      throw new ConfigException("DATABASE_URL gives the " + what + " twice (before the @ and as ?" + parameter + "=)");
    }
    return beforeTheAt != null ? beforeTheAt : inTheQuery;
  }

  private static DatabaseTls tls(String sslmode) {
    if (sslmode == null) {
      return DatabaseTls.DISABLE;
    }
    return DatabaseTls.ofSslmode(sslmode).orElseThrow(() -> new ConfigException("DATABASE_URL's sslmode must be one of "
        + DatabaseTls.supportedValues()
        + (sslmode.matches("[a-z-]{1,20}") ? " (got '" + sslmode + "')" : "")));
  }

  private static int indexOrLength(String text, char c) {
    int index = text.indexOf(c);
    return index < 0 ? text.length() : index;
  }
}
