package io.autoanime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoanime.db.Database;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DATABASE_URL as libpq reads it, and the connections it leads to. */
class DatabaseUrlTest {

  @Test
  void a_plus_in_the_password_stays_a_plus_and_percent_escapes_are_decoded() {
    assertThat(DatabaseUrl.parse("postgresql://autoanime:abc+def@db:5432/autoanime").password()).isEqualTo("abc+def");
    DatabaseUrl url = DatabaseUrl.parse("postgresql://an%2Bime:p%40s%2Fs%3Fw%23o%3Ar%25d+x@db/my%20db");
    assertThat(url.user()).isEqualTo("an+ime");
    assertThat(url.password()).isEqualTo("p@s/s?w#o:r%d+x");
    assertThat(url.database()).isEqualTo("my db");
    assertThat(url.port()).isEqualTo(5432);
    assertThat(DatabaseUrl.parse("postgresql://u:a:b#c@db/app").password()).as("as libpq: the first : ends the user name")
        .isEqualTo("a:b#c");
  }

  @Test
  void the_user_name_and_password_may_be_given_as_query_parameters_as_libpq_allows() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://db:5432/app?user=anime&password=p%26w+1&sslmode=require");

    assertThat(url.user()).isEqualTo("anime");
    assertThat(url.password()).isEqualTo("p&w+1");
    assertThat(url.tls()).isEqualTo(DatabaseTls.REQUIRE);
    assertThat(DatabaseUrl.parse("postgresql://db/app").user()).as("libpq's default user name here").isEqualTo("postgres");
  }

  @Test
  void a_user_name_or_password_given_twice_stops_the_start_without_showing_the_password() {
    assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://anime:first-secret@db/app?password=second-secret"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("password twice")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("first-secret", "second-secret"));
    assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://anime@db/app?user=other"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("user name twice");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "postgresql://u:Se@cret@db.example.com/app",
      "postgresql://u:Se/cret@db.example.com/app",
      "postgresql://u:1234/Se@cret@db.example.com/app",
      "postgresql://u:Se?cret@db.example.com/app",
  })
  void a_password_with_an_unencoded_special_character_stops_the_start_asking_to_percent_encode_it(String value) {
    assertThatThrownBy(() -> DatabaseUrl.parse(value))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("DATABASE_URL").hasMessageContaining("percent-encode").hasMessageContaining("@ as %40")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Se", "cret", "db.example.com"));
  }

  @Test
  void a_percent_not_followed_by_two_hex_digits_is_refused_without_showing_the_password() {
    assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://u:100%secret@db/app"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("password").hasMessageContaining("%25")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("100", "secret"));
  }

  @Test
  void an_ipv6_host_is_read_and_written_back_with_brackets() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://u:p@[::1]:6543/app");

    assertThat(url.host()).isEqualTo("::1");
    assertThat(url.port()).isEqualTo(6543);
    assertThat(url.jdbcUrl()).startsWith("jdbc:postgresql://[::1]:6543/app?");
  }

  @Test
  void query_parameters_this_service_does_not_take_stop_the_start_instead_of_being_ignored() {
    assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://u:p@db/app?connect_timeout=10"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'connect_timeout'")
        .hasMessageContaining("supported: user, password, sslmode");
    assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://u:p@db/app?whatever-secret=1"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("does not know")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("whatever-secret"));
    assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://u:p@db/app?sslmode=requre"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("disable, allow, prefer, require, verify-ca, verify-full").hasMessageContaining("'requre'");
  }

  @Test
  void sslmode_verify_full_verifies_the_certificate_and_the_host_name() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://u:p@db.example.com:5432/app?sslmode=verify-full");
    PgConnectOptions options = Database.external(url).connectOptions();

    assertThat(options.getSslMode()).isEqualTo(SslMode.VERIFY_FULL);
    assertThat(options.getSslOptions().isTrustAll()).as("verify-full must not trust every certificate").isFalse();
    assertThat(options.getSslOptions().getTrustOptions()).as("the JVM's trust store").isNotNull();
    assertThat(options.getSslOptions().getHostnameVerificationAlgorithm()).isEqualTo("HTTPS");
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:5432/app?sslmode=verify-full"
        + "&sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory");
  }

  @Test
  void sslmode_verify_ca_verifies_the_certificate_but_not_the_host_name() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://u:p@10.0.0.5/app?sslmode=verify-ca");
    PgConnectOptions options = Database.external(url).connectOptions();

    assertThat(options.getSslMode()).isEqualTo(SslMode.VERIFY_CA);
    assertThat(options.getSslOptions().isTrustAll()).isFalse();
    assertThat(options.getSslOptions().getTrustOptions()).isNotNull();
    assertThat(options.getSslOptions().getHostnameVerificationAlgorithm()).isEmpty();
    assertThat(url.jdbcUrl()).contains("sslmode=verify-ca&sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory");
  }

  @Test
  void sslmodes_that_do_not_verify_encrypt_without_checking_and_no_sslmode_means_no_tls() {
    for (DatabaseTls tls : new DatabaseTls[] {DatabaseTls.ALLOW, DatabaseTls.PREFER, DatabaseTls.REQUIRE}) {
      DatabaseUrl url = DatabaseUrl.parse("postgresql://u:p@db/app?sslmode=" + tls.sslmode());
      PgConnectOptions options = Database.external(url).connectOptions();
      assertThat(options.getSslMode()).as(tls.sslmode()).isEqualTo(SslMode.valueOf(tls.name()));
      assertThat(options.getSslOptions().isTrustAll()).as(tls.sslmode()).isTrue();
      assertThat(url.jdbcUrl()).endsWith("?sslmode=" + tls.sslmode());
    }
    DatabaseUrl plain = DatabaseUrl.parse("postgresql://u:p@db/app");
    assertThat(plain.tls()).isEqualTo(DatabaseTls.DISABLE);
    assertThat(Database.external(plain).connectOptions().getSslMode()).isEqualTo(SslMode.DISABLE);
    assertThat(plain.jdbcUrl()).endsWith("?sslmode=disable");
  }

  @Test
  void the_description_hides_the_password_whichever_way_it_was_given() {
    assertThat(DatabaseUrl.parse("postgresql://anime:hidden-one@db/app?sslmode=require").toString())
        .isEqualTo("postgresql://anime:***@db:5432/app?sslmode=require");
    assertThat(DatabaseUrl.parse("postgresql://db/app?user=anime&password=hidden-two").toString())
        .doesNotContain("hidden-two");
  }
}
