package io.autoanime.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Merges the JSON config file ({@code conf/config.json}, or the path in {@code AUTOANIME_CONFIG})
 * with the environment; environment variables win. Uses vertx-config.
 */
public final class ConfigLoader {
  public static final String CONFIG_PATH_VARIABLE = "AUTOANIME_CONFIG";
  private static final String DEFAULT_CONFIG_PATH = "conf/config.json";

  private ConfigLoader() {}

  public static Future<AppConfig> load(Vertx vertx) {
    String explicitPath = System.getenv(CONFIG_PATH_VARIABLE);
    String path = explicitPath != null && !explicitPath.isBlank() ? explicitPath : DEFAULT_CONFIG_PATH;
    if (explicitPath != null && !explicitPath.isBlank() && !Files.isRegularFile(Path.of(explicitPath))) {
      return Future.failedFuture(new ConfigException(CONFIG_PATH_VARIABLE + " names a file that does not exist: " + explicitPath));
    }
    ConfigRetrieverOptions options = new ConfigRetrieverOptions().setIncludeDefaultStores(false);
    if (Files.isRegularFile(Path.of(path))) {
      options.addStore(new ConfigStoreOptions().setType("file").setFormat("json")
          .setConfig(new JsonObject().put("path", path)));
    }
    options.addStore(new ConfigStoreOptions().setType("env")
        .setConfig(new JsonObject().put("raw-data", true).put("keys", new JsonArray(AppConfig.KEYS))));
    ConfigRetriever retriever = ConfigRetriever.create(vertx, options);
    return retriever.getConfig()
        .recover(e -> Future.failedFuture(new ConfigException("cannot read the config file " + path + ": " + e.getMessage())))
        .compose(json -> {
          retriever.close();
          try {
            return Future.succeededFuture(AppConfig.fromJson(json));
          } catch (ConfigException e) {
            return Future.failedFuture(e);
          }
        });
  }
}
