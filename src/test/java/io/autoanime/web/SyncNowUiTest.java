package io.autoanime.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.autoanime.support.BrowserSession;
import io.autoanime.support.Eventually;
import io.autoanime.support.FakeSonarr;
import io.autoanime.support.Gate;
import io.autoanime.support.TestLibrary;
import io.autoanime.sync.SonarrSyncVerticle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * "Sync now" on a library never synced (two groups of series): the progress moves on the page without a
 * reload, held at a known point by gates in the fake Sonarr, then the end shows and the library fills.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SyncNowUiTest {
  private static final int GROUP = SonarrSyncVerticle.SERIES_PER_TRANSACTION;
  /** The standard library's 4 series and GROUP + 1 more: two groups, the second of 5 series. */
  private static final int TOTAL = GROUP + 5;
  private UiService ui;
  private BrowserSession browser;

  @BeforeAll
  void start() {
    ui = UiService.unsynced(sonarr -> TestLibrary.addGenerated(sonarr, 1000, GROUP + 1), settings -> {});
    browser = BrowserSession.start();
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    ui.close();
  }

  @Test
  void sync_now_shows_moving_progress_and_its_end() {
    // Series are written a group to a transaction; holding one series holds its group.
    Gate firstGroup = ui.sonarr.hold("/api/v3/episode?seriesId=1000");
    Gate secondGroup = ui.sonarr.hold("/api/v3/episode?seriesId=" + (1000 + GROUP));
    Page page = browser.newPage();
    page.navigate(ui.page("/library"));
    Locator status = page.locator(".sync-progress");
    assertThat(status).hasText("No sync has run yet.");
    assertThat(page.getByText("0 series", new Page.GetByTextOptions().setExact(true))).isVisible();
    page.waitForFunction("() => document.documentElement.dataset.live === 'open'");

    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sync now")).click();

    Locator bar = page.getByRole(AriaRole.PROGRESSBAR, new Page.GetByRoleOptions().setName("Sync progress"));
    assertThat(status).containsText("Sync running: 0 of " + TOTAL + " series");
    assertThat(bar).hasAttribute("max", Integer.toString(TOTAL));
    assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sync now"))).isDisabled();
    firstGroup.awaitHeld(1);
    secondGroup.awaitHeld(1);

    firstGroup.open();
    assertThat(status).containsText("Sync running: " + GROUP + " of " + TOTAL + " series");
    assertThat(bar).hasAttribute("value", Integer.toString(GROUP));
    BrowserSession.screenshot(page, "library-sync-progress");

    secondGroup.open();
    assertThat(status).containsText("Sync succeeded");
    assertThat(status).containsText(TOTAL + " of " + TOTAL + " series (series: " + TOTAL + " new)");
    // The library reloads by itself when the run ends.
    assertThat(page.getByText(TOTAL + " series", new Page.GetByTextOptions().setExact(true))).isVisible();
    assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Generated series " + (1000 + GROUP)))).isVisible();
    assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sync now"))).isEnabled();
    assertThat(browser.pageErrors()).isEmpty();
    page.context().close();
  }
}
