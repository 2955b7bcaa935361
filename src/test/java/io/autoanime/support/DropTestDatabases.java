package io.autoanime.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Drops the databases a test class made once it is done, so the embedded server holds a few dozen
 * at most and stops at once when the test JVM ends. Registered for every test class
 * (src/test/resources/META-INF/services and junit-platform.properties).
 */
public final class DropTestDatabases implements AfterAllCallback {
  @Override
  public void afterAll(ExtensionContext context) {
    if (context.getRequiredTestClass().getEnclosingClass() == null) {
      TestDatabases.dropCopies();
    }
  }
}
