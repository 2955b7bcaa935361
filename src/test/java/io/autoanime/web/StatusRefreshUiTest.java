package io.autoanime.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.autoanime.web.Locators.role;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;
import io.autoanime.support.BrowserSession;
import io.autoanime.support.FakeSonarr;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The status page's cards are read again while the page is open: Sonarr going down (or up again)
 * shows without a reload.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusRefreshUiTest {
  private static final String SONARR_STATUS = "/api/v3/system/status";

  private UiService ui;
  private BrowserSession browser;

  @BeforeAll
  void start() {
    ui = UiService.unsynced(sonarr -> {}, settings -> {});
    browser = BrowserSession.start();
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    ui.close();
  }

  @AfterEach
  void sonarrUpAgain() {
    ui.sonarr.clearFaults();
  }

  private static Locator sonarrHealth(Page page) {
    return role(page, AriaRole.REGION, "Sonarr").locator("dt:text-is('Health') + dd");
  }

  private void sonarrDown() {
    ui.sonarr.failNext(SONARR_STATUS, 1000, FakeSonarr.Faults.status(401));
  }

  /** Every 30 s (the page's clock is moved on, not waited for). */
  @Test
  void the_cards_are_read_again_every_30_seconds() {
    Page page = browser.newPage();
    page.clock().install();
    page.navigate(ui.page("/status"));
    Locator health = sonarrHealth(page);
    assertThat(health).hasText("UP");

    sonarrDown();
    page.clock().fastForward("00:30");

    assertThat(health).hasText("DOWN");
    assertThat(browser.pageErrors()).isEmpty();
    page.context().close();
  }

  /**
   * When the live channel opens again after a drop (what changed meanwhile may not have been
   * published: a service that restarted, say).
   */
  @Test
  void the_cards_are_read_again_when_the_live_channel_reconnects() {
    Page page = browser.newPage();
    AtomicInteger opened = new AtomicInteger();
    List<Route> reopenings = new CopyOnWriteArrayList<>();
    page.route("**/api/events**", route -> {
      if (opened.incrementAndGet() == 1) { // opens, then drops
        route.fulfill(new Route.FulfillOptions().setStatus(200)
            .setHeaders(Map.of("Content-Type", "text/event-stream")).setBody("retry: 100\n\n"));
      } else {
        reopenings.add(route); // held until Sonarr is down
      }
    });
    page.navigate(ui.page("/status"));
    Locator health = sonarrHealth(page);
    assertThat(health).hasText("UP");
    page.waitForCondition(() -> !reopenings.isEmpty());

    sonarrDown();
    reopenings.forEach(Route::resume);

    assertThat(role(page, AriaRole.REGION, "This browser").locator("dt:text-is('Live updates') + dd")).hasText("UP");
    assertThat(health).hasText("DOWN");
    assertThat(browser.pageErrors()).isEmpty();
    page.context().close();
  }
}
