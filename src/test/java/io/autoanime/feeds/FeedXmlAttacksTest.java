package io.autoanime.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoanime.support.FakeFeedServer;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * XML with a DTD is refused without expanding an entity or fetching anything; and the parser is
 * configured so that, even read past the DOCTYPE, it neither expands nor fetches. A local HTTP
 * server records whether anything asked for the external entities.
 */
@ExtendWith(VertxExtension.class)
class FeedXmlAttacksTest {
  private static final String REFUSED = "refused: the document declares a DTD";
  private static final String SECRET = "secret-file-content-4711";

  private FakeFeedServer server;
  @TempDir
  Path directory;
  private Path secretFile;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    server = new FakeFeedServer(vertx).start();
    server.serve("/entity", SECRET, "text/plain");
    server.serve("/evil.dtd", "<!ENTITY % all \"<!ENTITY leak SYSTEM 'http://127.0.0.1:" + server.port() + "/leak'>\">%all;", "application/xml-dtd");
    secretFile = Files.writeString(directory.resolve("secret.txt"), SECRET);
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private static String billionLaughs() {
    StringBuilder doctype = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY lol0 \"lol\">\n");
    for (int i = 1; i <= 9; i++) {
      doctype.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">\n");
    }
    return doctype + "]>\n<rss><channel><item><title>&lol9;</title><link>https://example.org/1.torrent</link></item></channel></rss>";
  }

  private List<String> attacks() {
    String http = server.url("/entity");
    return List.of(
        billionLaughs(),
        "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"" + secretFile.toUri() + "\">]>"
            + "<rss><channel><item><title>&xxe;</title><link>https://example.org/1.torrent</link></item></channel></rss>",
        "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"" + http + "\">]>"
            + "<rss><channel><item><title>&xxe;</title><link>https://example.org/1.torrent</link></item></channel></rss>",
        "<?xml version=\"1.0\"?><!DOCTYPE rss SYSTEM \"" + server.url("/evil.dtd") + "\">"
            + "<rss><channel><item><title>&leak;</title><link>https://example.org/1.torrent</link></item></channel></rss>",
        "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY % remote SYSTEM \"" + server.url("/evil.dtd") + "\"> %remote;]>"
            + "<rss><channel><item><title>&leak;</title><link>https://example.org/1.torrent</link></item></channel></rss>");
  }

  @Test
  void documents_with_a_dtd_are_refused_and_nothing_is_fetched_or_shown() {
    for (String attack : attacks()) {
      assertThatThrownBy(() -> FeedDocumentReader.read(attack.getBytes(StandardCharsets.UTF_8)))
          .isInstanceOf(FeedFormatException.class)
          .hasMessageStartingWith(REFUSED)
          .hasMessageNotContaining(SECRET)
          .hasMessageNotContaining("lollol");
    }
    assertThat(server.requests()).as("no external entity or DTD was asked for").isEmpty();
  }

  @Test
  void the_parser_itself_neither_expands_nor_fetches_even_read_past_the_doctype() {
    for (String attack : attacks()) {
      List<String> texts = new ArrayList<>();
      assertThatThrownBy(() -> {
        XMLStreamReader xml = FeedDocumentReader.parserFactory()
            .createXMLStreamReader(new ByteArrayInputStream(attack.getBytes(StandardCharsets.UTF_8)));
        while (xml.hasNext()) {
          if (xml.next() == XMLStreamConstants.CHARACTERS) {
            texts.add(xml.getText());
          }
        }
      }).as("an entity that a DTD declared is unknown to a parser that does not support DTDs")
          .isInstanceOf(XMLStreamException.class)
          .hasMessageNotContaining(SECRET);
      assertThat(String.join("", texts)).doesNotContain(SECRET).doesNotContain("lollol");
    }
    assertThat(server.requests()).as("no external entity or DTD was asked for").isEmpty();
  }

  @Test
  void an_undeclared_entity_without_a_dtd_is_malformed_xml() {
    assertThatThrownBy(() -> FeedDocumentReader.read(
        "<rss><channel><item><title>&xxe;</title></item></channel></rss>".getBytes(StandardCharsets.UTF_8)))
        .hasMessageStartingWith("not an RSS, Atom or Torznab feed: malformed XML at line 1")
        .hasMessageContaining("xxe");
  }
}
