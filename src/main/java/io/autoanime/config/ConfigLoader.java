package io.autoanime.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Merges the JSON config file ({@code conf/config.json}, or the path in {@code AUTOANIME_CONFIG})
 * with the environment; environment variables win. A variable set to nothing (or to blanks) counts
 * as not set, so the file's value stands: a compose file's {@code KEY: ${KEY:-}} passes every
 * variable it lists, empty when the user did not give it, and an empty {@code AUTOANIME_API_KEY}
 * must not switch off the key the config file sets. Uses vertx-config.
 */
public final class ConfigLoader {
  public static final String CONFIG_PATH_VARIABLE = "AUTOANIME_CONFIG";
  private static final String DEFAULT_CONFIG_PATH = "conf/config.json";

  private ConfigLoader() {}

  public static Future<AppConfig> load(Vertx vertx) {
    return load(vertx, System.getenv());
  }

  static Future<AppConfig> load(Vertx vertx, Map<String, String> environment) {
    String explicitPath = environment.get(CONFIG_PATH_VARIABLE);
    boolean pathGiven = explicitPath != null && !explicitPath.isBlank();
    String path = pathGiven ? explicitPath : DEFAULT_CONFIG_PATH;
    if (pathGiven && !Files.isRegularFile(Path.of(explicitPath))) {
      return Future.failedFuture(new ConfigException(CONFIG_PATH_VARIABLE + " names a file that does not exist: " + explicitPath));
    }
    ConfigRetrieverOptions options = new ConfigRetrieverOptions().setIncludeDefaultStores(false);
    if (Files.isRegularFile(Path.of(path))) {
      options.addStore(new ConfigStoreOptions().setType("file").setFormat("json")
          .setConfig(new JsonObject().put("path", path)));
    }
    options.addStore(new ConfigStoreOptions().setType("json").setConfig(settingsSetIn(environment)));
    ConfigRetriever retriever = ConfigRetriever.create(vertx, options);
    return retriever.getConfig()
        .recover(e -> unreadable(vertx, path, e))
        .compose(json -> {
          retriever.close();
          try {
            return Future.succeededFuture(AppConfig.fromJson(json));
          } catch (ConfigException e) {
            return Future.failedFuture(e);
          }
        });
  }

  /**
   * Why the config file could not be read, without the parser's message: that quotes the file's
   * text, secrets included.
   */
  private static Future<JsonObject> unreadable(Vertx vertx, String path, Throwable failure) {
    return vertx.fileSystem().readFile(path)
        .map(content -> JsonFileProblem.in(content.toString(StandardCharsets.UTF_8))
            .map(problem -> "the config file " + path + " cannot be used: " + problem)
            .orElse("cannot read the config file " + path + " (" + rootCauseName(failure) + ")"))
        .otherwise(e -> "cannot read the config file " + path + " (" + rootCauseName(e) + ")")
        .compose(message -> Future.failedFuture(new ConfigException(message)));
  }

  private static String rootCauseName(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getClass().getSimpleName();
  }

  /** The service's variables that the environment sets to something, as strings. */
  static JsonObject settingsSetIn(Map<String, String> environment) {
    JsonObject settings = new JsonObject();
    for (String key : AppConfig.KEYS) {
      String value = environment.get(key);
      if (value != null && !value.isBlank()) {
        settings.put(key, value);
      }
    }
    return settings;
  }
}
