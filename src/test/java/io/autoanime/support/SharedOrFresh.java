package io.autoanime.support;

import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Sets a {@link Fixture} up for each test, or once for the whole class when the class is annotated
 * {@code @TestInstance(PER_CLASS)}: a class whose tests change nothing another test could see (they
 * read, or they are refused and check that nothing changed) shares one started service.
 */
public final class SharedOrFresh implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {
  /** What a test class starts before its tests and stops after them. */
  public interface Fixture {
    void setUp();

    void tearDown();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (sharedByClass(context)) {
      fixture(context).setUp();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!sharedByClass(context)) {
      fixture(context).setUp();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!sharedByClass(context)) {
      fixture(context).tearDown();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (sharedByClass(context)) {
      fixture(context).tearDown();
    }
  }

  private static boolean sharedByClass(ExtensionContext context) {
    return context.getTestInstanceLifecycle().orElse(TestInstance.Lifecycle.PER_METHOD) == TestInstance.Lifecycle.PER_CLASS;
  }

  private static Fixture fixture(ExtensionContext context) {
    return (Fixture) context.getRequiredTestInstance();
  }
}
