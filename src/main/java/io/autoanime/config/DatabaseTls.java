package io.autoanime.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * {@code DATABASE_URL}'s {@code sslmode}, with libpq's meanings. Only the two {@code verify-*}
 * modes authenticate the server (against the JVM's default trust store, as no root certificate
 * file is read); the others encrypt when TLS is used but accept any certificate.
 */
public enum DatabaseTls {
  /** No TLS (the default here, where libpq's is {@code prefer}). */
  DISABLE("disable"),
  /** Plain first; TLS, unverified, only if the server refuses plain. */
  ALLOW("allow"),
  /** TLS, unverified, when the server offers it; plain otherwise. */
  PREFER("prefer"),
  /** TLS always; the certificate is not checked. */
  REQUIRE("require"),
  /** TLS always; the certificate must chain to a trusted authority; the host name is not checked. */
  VERIFY_CA("verify-ca"),
  /** As {@link #VERIFY_CA}, and the certificate must name the host of the URL. */
  VERIFY_FULL("verify-full");

  private final String sslmode;

  DatabaseTls(String sslmode) {
    this.sslmode = sslmode;
  }

  /** The {@code sslmode} value, as libpq and pgjdbc spell it. */
  public String sslmode() {
    return sslmode;
  }

  public boolean verifiesCertificate() {
    return this == VERIFY_CA || this == VERIFY_FULL;
  }

  static Optional<DatabaseTls> ofSslmode(String value) {
    return Arrays.stream(values()).filter(mode -> mode.sslmode.equals(value)).findFirst();
  }

  static String supportedValues() {
    return String.join(", ", Arrays.stream(values()).map(DatabaseTls::sslmode).toList());
  }
}
