package io.autoanime.feeds;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads RSS 2.0 (and 0.9x/1.0), Atom and Torznab documents into {@link FeedEntry}s, with the JDK's
 * StAX parser. Elements are matched by local name, whatever their namespace or prefix, so
 * {@code nyaa:infoHash}, ezRSS's and Mikan's default-namespaced {@code <torrent>} children and
 * {@code torznab:attr} all read the same way; nested elements other than {@code <torrent>} are
 * never mistaken for an item's own (Mikan's {@code torrent/link} is not the item's link).
 *
 * <p>Security: a document with a DOCTYPE is refused before anything in it is used. The parser is
 * set up not to support DTDs, not to resolve external entities, with no access to external DTDs
 * and a resolver that refuses everything, so nothing is expanded and nothing is fetched (no XXE,
 * no billion laughs).
 */
public final class FeedDocumentReader {
  static final String NOT_A_FEED = "not an RSS, Atom or Torznab feed: ";
  private static final String TORZNAB_NAMESPACE = "http://torznab.com/schemas/2015/feed";
  private static final String NEWZNAB_NAMESPACE = "http://www.newznab.com/DTD/2010/feeds/attributes/";
  private static final int MESSAGE_TEXT_LIMIT = 200;

  private FeedDocumentReader() {}

  public static FeedDocument read(byte[] body) throws FeedFormatException {
    refuseWhatIsNotXml(body);
    XMLStreamReader reader = null;
    try {
      int start = xmlDeclarationAfterWhitespace(body);
      reader = parserFactory().createXMLStreamReader(new ByteArrayInputStream(body, start, body.length - start));
      return new Reading(reader).document();
    } catch (XMLStreamException e) {
      throw malformed(e);
    } finally {
      if (reader != null) {
        try {
          reader.close();
        } catch (XMLStreamException ignored) {
          // nothing is held open: the input is a byte array
        }
      }
    }
  }

  static XMLInputFactory parserFactory() {
    // The JDK's own implementation, whatever else is on the class path; a new one per document,
    // since a factory is not documented as thread-safe.
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
      throw new XMLStreamException("external entities are never read");
    });
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    return factory;
  }

  /** Empty, HTML, JSON and plain-text answers get a message that says so rather than a parse error. */
  private static void refuseWhatIsNotXml(byte[] body) throws FeedFormatException {
    if (body == null) {
      throw new FeedFormatException(NOT_A_FEED + "the answer is empty");
    }
    if (body.length >= 2 && ((body[0] == (byte) 0xFE && body[1] == (byte) 0xFF) || (body[0] == (byte) 0xFF && body[1] == (byte) 0xFE))) {
      return; // UTF-16: the parser reads it
    }
    int start = body.length >= 3 && body[0] == (byte) 0xEF && body[1] == (byte) 0xBB && body[2] == (byte) 0xBF ? 3 : 0;
    String opening = new String(body, start, Math.min(body.length - start, 1024), StandardCharsets.ISO_8859_1)
        .strip().toLowerCase(Locale.ROOT);
    if (opening.isEmpty()) {
      throw new FeedFormatException(NOT_A_FEED + "the answer is empty");
    }
    String afterDeclaration = opening.startsWith("<?xml") && opening.contains("?>")
        ? opening.substring(opening.indexOf("?>") + 2).strip()
        : opening;
    if (afterDeclaration.startsWith("<!doctype html") || afterDeclaration.startsWith("<html")) {
      throw new FeedFormatException(NOT_A_FEED + "the answer is an HTML page");
    }
    if (opening.startsWith("{") || opening.startsWith("[")) {
      throw new FeedFormatException(NOT_A_FEED + "the answer is JSON");
    }
    if (!opening.startsWith("<")) {
      throw new FeedFormatException(NOT_A_FEED + "the answer is plain text, not XML");
    }
  }

  /**
   * Where the XML declaration starts when (PHP-made) feeds put blank lines before it, which XML
   * forbids; else 0. ASCII-compatible encodings only: whitespace there is single bytes.
   */
  private static int xmlDeclarationAfterWhitespace(byte[] body) {
    int position = body.length >= 3 && body[0] == (byte) 0xEF && body[1] == (byte) 0xBB && body[2] == (byte) 0xBF ? 3 : 0;
    int bom = position;
    while (position < body.length && (body[position] == ' ' || body[position] == '\t' || body[position] == '\r' || body[position] == '\n')) {
      position++;
    }
    boolean declaration = position > bom && body.length - position >= 5
        && new String(body, position, 5, StandardCharsets.ISO_8859_1).equals("<?xml");
    return declaration ? position : 0;
  }

  private static FeedFormatException malformed(XMLStreamException e) {
    String reason = e.getMessage() == null ? "unreadable" : e.getMessage();
    int message = reason.indexOf("Message: ");
    if (message >= 0) {
      reason = reason.substring(message + "Message: ".length());
    }
    Location location = e.getLocation();
    String where = location == null || location.getLineNumber() < 0
        ? ""
        : " at line " + location.getLineNumber() + ", column " + location.getColumnNumber();
    return new FeedFormatException(NOT_A_FEED + "malformed XML" + where + ": " + shorten(reason.strip()));
  }

  private static String shorten(String text) {
    return text.length() <= MESSAGE_TEXT_LIMIT ? text : text.substring(0, MESSAGE_TEXT_LIMIT) + "...";
  }

  /** One pass over one document. */
  private static final class Reading {
    private final XMLStreamReader xml;
    private boolean torznab;
    private int skipped;

    Reading(XMLStreamReader xml) {
      this.xml = xml;
    }

    FeedDocument document() throws XMLStreamException, FeedFormatException {
      String root = rootElement();
      checkRoot(root);
      noteNamespaces();
      Set<String> guids = new LinkedHashSet<>();
      List<FeedEntry> entries = new ArrayList<>();
      while (xml.hasNext()) {
        if (xml.next() != XMLStreamConstants.START_ELEMENT) {
          continue;
        }
        noteNamespaces();
        String name = xml.getLocalName();
        if (name.equals("item") || name.equals("entry")) {
          FeedEntry entry = readItem().toEntry();
          if (entry == null) {
            skipped++;
          } else if (guids.add(entry.guid())) {
            entries.add(entry);
          }
        }
      }
      return new FeedDocument(torznab ? FeedKind.TORZNAB : FeedKind.RSS, entries, skipped);
    }

    /** Moves to the root element and answers its local name; refuses a DOCTYPE on the way. */
    private String rootElement() throws XMLStreamException, FeedFormatException {
      while (xml.hasNext()) {
        int event = xml.next();
        if (event == XMLStreamConstants.DTD) {
          String doctype = xml.getText() == null ? "" : xml.getText().toLowerCase(Locale.ROOT);
          if (doctype.matches("(?s)\\s*<!doctype\\s+html\\b.*")) {
            throw new FeedFormatException(NOT_A_FEED + "the answer is an HTML page");
          }
          throw new FeedFormatException("refused: the document declares a DTD (<!DOCTYPE ...>), which feeds never need"
              + " and which could expand entities or fetch files; nothing in it was read");
        }
        if (event == XMLStreamConstants.START_ELEMENT) {
          return xml.getLocalName();
        }
      }
      throw new FeedFormatException(NOT_A_FEED + "the answer has no XML element");
    }

    private void checkRoot(String root) throws FeedFormatException, XMLStreamException {
      switch (root.toLowerCase(Locale.ROOT)) {
        case "rss", "rdf", "feed" -> { }
        case "html" -> throw new FeedFormatException(NOT_A_FEED + "the answer is an HTML page");
        case "caps" -> throw new FeedFormatException(NOT_A_FEED + "the answer is a Torznab capabilities document"
            + " (t=caps); use the indexer's search URL (t=search) instead");
        case "error" -> {
          String description = attribute("description");
          String code = attribute("code");
          throw new FeedFormatException("the indexer answered with an error instead of a feed: "
              + (description == null ? "no description" : shorten(description))
              + (code == null ? "" : " (code " + shorten(code) + ")"));
        }
        default -> throw new FeedFormatException(NOT_A_FEED + "the root element is <" + shorten(root) + ">");
      }
    }

    private void noteNamespaces() {
      if (TORZNAB_NAMESPACE.equals(xml.getNamespaceURI()) || "torznab".equals(xml.getPrefix())) {
        torznab = true;
      }
      for (int i = 0; i < xml.getNamespaceCount(); i++) {
        if (TORZNAB_NAMESPACE.equals(xml.getNamespaceURI(i))) {
          torznab = true;
        }
      }
    }

    /** Reads the children of an item or entry; leaves the reader on its end tag. */
    private FeedItem readItem() throws XMLStreamException {
      FeedItem item = new FeedItem();
      while (true) {
        int event = xml.next();
        if (event == XMLStreamConstants.END_ELEMENT) {
          return item;
        }
        if (event != XMLStreamConstants.START_ELEMENT) {
          continue;
        }
        noteNamespaces();
        switch (xml.getLocalName().toLowerCase(Locale.ROOT)) {
          case "title" -> item.title = FeedItem.first(item.title, text());
          case "link" -> readLink(item);
          case "guid" -> item.guid = FeedItem.first(item.guid, text());
          case "id" -> item.atomId = FeedItem.first(item.atomId, text());
          case "pubdate" -> item.pubDate = FeedItem.first(item.pubDate, text());
          case "published", "issued" -> item.published = FeedItem.first(item.published, text());
          case "date" -> item.dcDate = FeedItem.first(item.dcDate, text());
          case "updated", "modified" -> item.updated = FeedItem.first(item.updated, text());
          case "enclosure" -> {
            item.enclosures.add(new FeedItem.Enclosure(attribute("url"), attribute("type"), attribute("length")));
            skip();
          }
          case "attr" -> readAttr(item);
          case "infohash" -> item.infoHash = FeedItem.first(item.infoHash, text());
          case "magneturi", "magneturl" -> item.magnet = FeedItem.first(item.magnet, text());
          case "size" -> item.size = FeedItem.first(item.size, text());
          case "contentlength" -> item.contentLength = FeedItem.first(item.contentLength, text());
          case "seeders" -> item.seeders = FeedItem.first(item.seeders, text());
          case "torrent" -> readTorrent(item);
          default -> skip();
        }
      }
    }

    /** RSS {@code <link>text</link>}, or Atom {@code <link href rel type length/>}. */
    private void readLink(FeedItem item) throws XMLStreamException {
      String href = attribute("href");
      if (href == null) {
        item.link = FeedItem.first(item.link, text());
        return;
      }
      String rel = attribute("rel");
      if ("enclosure".equalsIgnoreCase(rel)) {
        item.enclosures.add(new FeedItem.Enclosure(href, attribute("type"), attribute("length")));
      } else if (rel == null || "alternate".equalsIgnoreCase(rel)) {
        item.link = FeedItem.first(item.link, href);
      }
      skip();
    }

    /** {@code <torznab:attr name value/>} or its newznab twin. */
    private void readAttr(FeedItem item) throws XMLStreamException {
      String namespace = xml.getNamespaceURI();
      if (TORZNAB_NAMESPACE.equals(namespace) || "torznab".equals(xml.getPrefix())) {
        item.torznabAttribute(attribute("name"), attribute("value"));
      } else if (NEWZNAB_NAMESPACE.equals(namespace) || "newznab".equals(xml.getPrefix())) {
        item.newznabAttribute(attribute("name"), attribute("value"));
      }
      skip();
    }

    /** ezRSS's and Mikan's {@code <torrent xmlns="...">} block. */
    private void readTorrent(FeedItem item) throws XMLStreamException {
      while (true) {
        int event = xml.next();
        if (event == XMLStreamConstants.END_ELEMENT) {
          return;
        }
        if (event != XMLStreamConstants.START_ELEMENT) {
          continue;
        }
        switch (xml.getLocalName().toLowerCase(Locale.ROOT)) {
          case "infohash" -> item.infoHash = FeedItem.first(item.infoHash, text());
          case "magneturi" -> item.magnet = FeedItem.first(item.magnet, text());
          case "contentlength" -> item.contentLength = FeedItem.first(item.contentLength, text());
          case "pubdate" -> item.mikanPubDate = FeedItem.first(item.mikanPubDate, text());
          default -> skip();
        }
      }
    }

    private String attribute(String localName) {
      for (int i = 0; i < xml.getAttributeCount(); i++) {
        if (xml.getAttributeLocalName(i).equalsIgnoreCase(localName)) {
          return xml.getAttributeValue(i);
        }
      }
      return null;
    }

    /** All text inside the current element, its children's included; leaves the reader on its end tag. */
    private String text() throws XMLStreamException {
      StringBuilder text = new StringBuilder();
      int depth = 1;
      while (depth > 0) {
        switch (xml.next()) {
          case XMLStreamConstants.START_ELEMENT -> depth++;
          case XMLStreamConstants.END_ELEMENT -> depth--;
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> text.append(xml.getText());
          default -> { }
        }
      }
      return text.toString().strip();
    }

    private void skip() throws XMLStreamException {
      int depth = 1;
      while (depth > 0) {
        int event = xml.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          depth++;
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          depth--;
        }
      }
    }
  }
}
