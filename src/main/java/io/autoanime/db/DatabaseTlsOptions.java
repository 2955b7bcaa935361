package io.autoanime.db;

import io.autoanime.config.DatabaseTls;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.TrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.TrustManagerFactory;

/** Sets the pool's TLS as {@code sslmode} asks (see {@link DatabaseTls}). */
final class DatabaseTlsOptions {
  private DatabaseTlsOptions() {}

  static PgConnectOptions apply(DatabaseTls tls, PgConnectOptions options) {
    return switch (tls) {
      case DISABLE -> options.setSslMode(SslMode.DISABLE);
      case ALLOW -> unverified(options, SslMode.ALLOW);
      case PREFER -> unverified(options, SslMode.PREFER);
      case REQUIRE -> unverified(options, SslMode.REQUIRE);
      case VERIFY_CA -> options.setSslMode(SslMode.VERIFY_CA)
          // The empty algorithm: no host name check, as libpq's verify-ca.
          .setSslOptions(new ClientSSLOptions().setTrustOptions(jvmTrustStore()).setHostnameVerificationAlgorithm(""));
      case VERIFY_FULL -> options.setSslMode(SslMode.VERIFY_FULL)
          .setSslOptions(new ClientSSLOptions().setTrustOptions(jvmTrustStore()).setHostnameVerificationAlgorithm("HTTPS"));
    };
  }

  private static PgConnectOptions unverified(PgConnectOptions options, SslMode mode) {
    return options.setSslMode(mode).setSslOptions(new ClientSSLOptions().setTrustAll(true));
  }

  /** The JVM's default trust store (its cacerts, or {@code javax.net.ssl.trustStore}). */
  private static TrustOptions jvmTrustStore() {
    try {
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init((KeyStore) null);
      return TrustOptions.wrap(factory);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JVM's default trust store cannot be read", e);
    }
  }
}
