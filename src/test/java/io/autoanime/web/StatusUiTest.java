package io.autoanime.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.autoanime.web.Locators.role;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.autoanime.config.DatabaseUrl;
import io.autoanime.db.Database;
import io.autoanime.support.BrowserSession;
import io.autoanime.support.TestService;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The status page when the service's own database stops answering. */
class StatusUiTest {

  /** /api/health answers 503 with what is down: the page shows that, not a bare "HTTP 503". */
  @Test
  void a_database_that_stopped_answering_is_shown_down() throws Exception {
    // A PostgreSQL server of this test's own, so stopping it harms no other test.
    EmbeddedPostgres postgres = EmbeddedPostgres.builder()
        .setDataDirectory(Files.createTempDirectory("autoanime-status-pg"))
        .setCleanDataDirectory(true)
        .start();
    Database database = Database.external(new DatabaseUrl("localhost", postgres.getPort(), "postgres", "postgres", ""));
    try (TestService service = TestService.start(database, TestService.settingsFor(null));
        BrowserSession browser = BrowserSession.start()) {
      postgres.close();
      Page page = browser.newPage();

      page.navigate(service.url() + "/#/status");

      Locator card = role(page, AriaRole.REGION, "AutoAnime");
      assertThat(card.locator("dt:text-is('Service') + dd")).hasText("DOWN");
      assertThat(card.locator("dt:text-is('Database') + dd")).hasText("DOWN");
      assertThat(card).not().containsText("HTTP 503");
      page.context().close();
    } finally {
      postgres.close();
    }
  }
}
