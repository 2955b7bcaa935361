package io.autoanime.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.autoanime.config.AppConfig;
import io.autoanime.support.BrowserSession;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** With AUTOANIME_API_KEY set, the UI asks for the key once, refuses a wrong one, and keeps the right one. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiKeyUiTest {
  private static final String KEY = "a-long-random-string-for-the-ui";
  private static final String NEW_KEY = "the-key-after-a-change-on-the-server";
  private UiService ui;
  private BrowserSession browser;

  @BeforeAll
  void start() {
    ui = UiService.synced(sonarr -> {}, settings -> settings.put(AppConfig.AUTOANIME_API_KEY, KEY));
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
  void the_ui_asks_for_the_key_refuses_a_wrong_one_and_keeps_the_right_one() {
    Page page = browser.newPage();
    page.navigate(ui.page("/library"));
    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("API key needed"))).isVisible();
    Locator field = page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("API key").setExact(true));
    Locator save = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save key"));

    field.fill("not-the-key");
    save.click();
    assertThat(page.getByRole(AriaRole.ALERT)).hasText("That API key is wrong: the service refused it. Check AUTOANIME_API_KEY.");
    assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Aerial Africa"))).hasCount(0);
    assertThat(page.evaluate("() => localStorage.getItem('autoanime.apiKey')")).isNull();
    BrowserSession.screenshot(page, "api-key");

    field.fill(KEY);
    field.press("Enter");
    assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Aerial Africa"))).isVisible();
    page.waitForFunction("() => [...document.querySelectorAll('img.poster')].every(i => i.complete && i.naturalWidth > 0)");

    // Kept: a reload does not ask again, and the live channel is open with the key.
    page.reload();
    assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Aerial Africa"))).isVisible();
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Status")).click();
    assertThat(page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("This browser"))
        .locator("dt:text-is('Live updates') + dd")).hasText("UP");

    // A key that is no longer right (changed on the server) asks again.
    page.evaluate("() => localStorage.setItem('autoanime.apiKey', 'an-old-key')");
    page.reload();
    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("API key needed"))).isVisible();
    assertThat(page.getByRole(AriaRole.ALERT)).hasText("The stored API key is wrong: enter the current one.");
    assertThat(browser.pageErrors()).isEmpty();
    page.context().close();
  }

  /**
   * The key is changed on the server (and the service restarted) while a page follows the live
   * channel: its reconnection is refused (401), which brings up the key prompt, as any refused call
   * does, without being tried again with the old key; once the new key is entered, the channel is
   * open again with it.
   */
  @Test
  void a_key_changed_on_the_server_asks_again_from_the_live_channel_which_then_follows_the_new_key() {
    Page page = browser.newPage();
    page.clock().install(); // the channel's timers are then run at once below
    List<String> streams = new CopyOnWriteArrayList<>();
    page.onRequest(request -> {
      if (request.url().contains("/api/events")) {
        streams.add(request.url());
      }
    });
    page.navigate(ui.page("/status"));
    page.evaluate("key => localStorage.setItem('autoanime.apiKey', key)", KEY);
    page.reload();
    Locator live = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("This browser"))
        .locator("dt:text-is('Live updates') + dd");
    assertThat(live).hasText("UP");

    try {
      ui.service.restart(settings -> settings.put(AppConfig.AUTOANIME_API_KEY, NEW_KEY));
      assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("API key needed"))).isVisible();
      assertThat(page.getByRole(AriaRole.ALERT)).hasText("The stored API key is wrong: enter the current one.");
      streams.clear();
      page.clock().fastForward("05:00"); // any retry the channel planned is due now

      Locator field = page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("API key").setExact(true));
      field.fill(NEW_KEY);
      field.press("Enter");
      assertThat(live).hasText("UP");
      assertThat(streams).as("the live channel's requests since the prompt showed")
          .isNotEmpty().allMatch(url -> url.endsWith("apikey=" + NEW_KEY));
      assertThat(browser.pageErrors()).isEmpty();
    } finally {
      ui.service.restart(settings -> settings.put(AppConfig.AUTOANIME_API_KEY, KEY));
    }
    page.context().close();
  }
}
