package io.autoanime.web;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/** How the UI tests find things: as a user (or a screen reader) does, by role and name. */
final class Locators {
  private Locators() {}

  /** The element of this role whose accessible name is exactly {@code name}. */
  static Locator role(Page page, AriaRole role, String name) {
    return page.getByRole(role, new Page.GetByRoleOptions().setName(name).setExact(true));
  }

  /** The table rows that contain {@code text}. */
  static Locator row(Page page, String text) {
    return page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(text));
  }
}
