package io.autoanime.support;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;

/** Small poster images for the fake Sonarr: a PNG per series, its colours derived from the id. */
public final class Posters {
  private static final Map<Long, byte[]> cache = new ConcurrentHashMap<>();

  private Posters() {}

  public static byte[] of(long sonarrSeriesId) {
    return cache.computeIfAbsent(sonarrSeriesId, Posters::draw);
  }

  private static byte[] draw(long id) {
    System.setProperty("java.awt.headless", "true");
    BufferedImage image = new BufferedImage(200, 300, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
    float hue = (id * 0.137f) % 1f;
    g.setPaint(new GradientPaint(0, 0, Color.getHSBColor(hue, 0.55f, 0.85f), 0, 300, Color.getHSBColor(hue, 0.7f, 0.35f)));
    g.fillRect(0, 0, 200, 300);
    g.setColor(new Color(255, 255, 255, 170));
    g.fillOval(45, 70, 110, 110);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
