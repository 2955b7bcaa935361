package io.autoanime.config;

import java.util.Objects;

/**
 * A parsed {@code postgresql://user:pass@host:5432/db?sslmode=...} URL (see
 * {@link DatabaseUrlParser}). {@link #toString()} hides the password.
 */
public record DatabaseUrl(String host, int port, String database, String user, String password, DatabaseTls tls) {

  public DatabaseUrl {
    Objects.requireNonNull(tls, "tls");
  }

  /** A server reached without TLS. */
  public DatabaseUrl(String host, int port, String database, String user, String password) {
    this(host, port, database, user, password, DatabaseTls.DISABLE);
  }

  public static DatabaseUrl parse(String value) {
    return DatabaseUrlParser.parse(value);
  }

  /** The same server for pgjdbc (Flyway), with the same TLS checks. */
  public String jdbcUrl() {
    String parameters = "?sslmode=" + tls.sslmode();
    if (tls.verifiesCertificate()) {
      // pgjdbc's default factory reads ~/.postgresql/root.crt; this one verifies against the JVM's trust store, as the pool does.
      parameters += "&sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory";
    }
    return "jdbc:postgresql://" + hostForUrl() + ":" + port + "/" + database + parameters;
  }

  private String hostForUrl() {
    return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
  }

  @Override
  public String toString() {
    return "postgresql://" + user + ":***@" + hostForUrl() + ":" + port + "/" + database
        + (tls == DatabaseTls.DISABLE ? "" : "?sslmode=" + tls.sslmode());
  }
}
