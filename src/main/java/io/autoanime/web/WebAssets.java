package io.autoanime.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The web UI's files, read once at start-up into memory (they are small): everything under
 * {@code web/} on the class path, plus the two libraries from their WebJars under {@code vendor/}.
 * Each file has a strong ETag (a hash of its bytes); all of them together have a version (a hash
 * of every file) that names the URL prefix they are served under, so a browser may keep them for a
 * year and a new build still loads its own files.
 */
public final class WebAssets {
  static final String ROOT = "web/";
  static final String INDEX = "index.html";

  /** Vendor files: the name they are served under, and where the WebJar keeps them ({@code %s}: its version). */
  private static final Map<String, VendorFile> VENDOR = Map.of(
      "vendor/preact.module.js", new VendorFile("org.webjars.npm", "preact",
          "META-INF/resources/webjars/preact/%s/dist/preact.module.js"),
      "vendor/hooks.module.js", new VendorFile("org.webjars.npm", "preact",
          "META-INF/resources/webjars/preact/%s/hooks/dist/hooks.module.js"),
      "vendor/htm.module.js", new VendorFile("org.mvnpm", "htm",
          "META-INF/resources/_static/htm/%s/dist/htm.module.js"));

  private record VendorFile(String groupId, String artifactId, String pathPattern) {}

  /** One file: its bytes, content type and ETag. */
  public record Asset(byte[] bytes, String contentType, String etag) {}

  private static final Pattern IMPORT_MAP = Pattern.compile("<script type=\"importmap\">(.*?)</script>", Pattern.DOTALL);

  private final Map<String, Asset> files;
  private final String version;
  private final String contentSecurityPolicy;

  private WebAssets(Map<String, Asset> files, String version, String contentSecurityPolicy) {
    this.files = files;
    this.version = version;
    this.contentSecurityPolicy = contentSecurityPolicy;
  }

  /** Reads every file (blocking: call it off the event loop). */
  public static WebAssets load() {
    Map<String, byte[]> raw = new TreeMap<>(readWebDirectory());
    VENDOR.forEach((name, file) -> raw.put(name, resource(file.pathPattern().formatted(versionOf(file)))));
    if (!raw.containsKey(INDEX)) {
      throw new IllegalStateException("the web UI's " + ROOT + INDEX + " is missing from the class path");
    }
    MessageDigest all = sha256();
    raw.forEach((name, bytes) -> {
      all.update(name.getBytes(StandardCharsets.UTF_8));
      all.update(bytes);
    });
    String version = HexFormat.of().formatHex(all.digest(), 0, 6);
    String prefix = "assets/" + version + "/";
    // Every module is asked for at once, not level by level as the imports are discovered.
    String preloads = String.join("\n  ", raw.keySet().stream().filter(name -> name.endsWith(".js"))
        .map(name -> "<link rel=\"modulepreload\" href=\"" + prefix + name + "\">").toList());
    Map<String, Asset> files = new LinkedHashMap<>();
    raw.forEach((name, bytes) -> {
      if (name.equals(INDEX)) {
        bytes = new String(bytes, StandardCharsets.UTF_8).replace("{{modulepreload}}", preloads)
            .replace("{{assets}}", prefix).getBytes(StandardCharsets.UTF_8);
      }
      files.put(name, new Asset(bytes, contentTypeOf(name), "\"" + HexFormat.of().formatHex(sha256().digest(bytes), 0, 12) + "\""));
    });
    return new WebAssets(Map.copyOf(files), version, policyFor(files.get(INDEX)));
  }

  /**
   * The page runs only its own scripts (the import map inline, allowed by its hash) and talks only
   * to this service; posters may come from their remote URL. A title that slipped through as markup
   * could not run anything.
   */
  private static String policyFor(Asset index) {
    Matcher importMap = IMPORT_MAP.matcher(new String(index.bytes(), StandardCharsets.UTF_8));
    if (!importMap.find()) {
      throw new IllegalStateException("the web UI's index.html has no import map");
    }
    String hash = Base64.getEncoder().encodeToString(sha256().digest(importMap.group(1).getBytes(StandardCharsets.UTF_8)));
    return "default-src 'self'; script-src 'self' 'sha256-" + hash + "'; style-src 'self'; img-src 'self' https: http: data:; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
  }

  /** The Content-Security-Policy header of the page. */
  public String contentSecurityPolicy() {
    return contentSecurityPolicy;
  }

  /** The version that prefixes every asset's URL: {@code /assets/{version}/app.js}. */
  public String version() {
    return version;
  }

  /** The page the browser opens, with the asset URLs filled in. */
  public Asset index() {
    return files.get(INDEX);
  }

  /** A file by its path under {@code web/} (or {@code vendor/...}); null when there is none. */
  public Asset get(String path) {
    return path.equals(INDEX) ? null : files.get(path);
  }

  /** Every file under {@code web/}, from the directory or jar that holds this class (the UI ships with it). */
  private static Map<String, byte[]> readWebDirectory() {
    Map<String, byte[]> result = new TreeMap<>();
    try {
      Path location = Path.of(WebAssets.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isDirectory(location)) {
        Path root = location.resolve(ROOT);
        try (Stream<Path> paths = Files.walk(root)) {
          for (Path path : paths.filter(Files::isRegularFile).toList()) {
            result.put(root.relativize(path).toString().replace('\\', '/'), Files.readAllBytes(path));
          }
        }
      } else {
        try (JarFile jar = new JarFile(location.toFile())) {
          for (var entry : jar.stream().filter(e -> e.getName().startsWith(ROOT) && !e.isDirectory()).toList()) {
            try (InputStream in = jar.getInputStream(entry)) {
              result.put(entry.getName().substring(ROOT.length()), in.readAllBytes());
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the web UI's files could not be read", e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    return result;
  }

  /** The version of a WebJar on the class path, from the pom.properties Maven puts in every jar. */
  private static String versionOf(VendorFile file) {
    String name = "META-INF/maven/" + file.groupId() + "/" + file.artifactId() + "/pom.properties";
    Properties properties = new Properties();
    try (InputStream in = new java.io.ByteArrayInputStream(resource(name))) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("version");
  }

  private static byte[] resource(String name) {
    try (InputStream in = WebAssets.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("the web UI needs " + name + " on the class path (a WebJar dependency)");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String contentTypeOf(String name) {
    String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase();
    return switch (extension) {
      case "html" -> "text/html; charset=utf-8";
      case "js" -> "text/javascript; charset=utf-8";
      case "css" -> "text/css; charset=utf-8";
      case "svg" -> "image/svg+xml";
      case "png" -> "image/png";
      case "json" -> "application/json";
      default -> "application/octet-stream";
    };
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
