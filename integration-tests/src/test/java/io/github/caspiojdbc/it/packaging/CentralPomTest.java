/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The root POM carries what Maven Central requires of a published artifact (name, description, url,
 * licence, developers, scm), and its release profile attaches the sources and javadoc jars. What
 * the profile builds is run by hand ({@code mvn -Prelease package}); this keeps the POM from losing
 * a required part.
 */
class CentralPomTest {

  private static Document root() throws Exception {
    Path pom = Path.of("..", "pom.xml");
    assertTrue(Files.isRegularFile(pom), pom.toAbsolutePath()::toString);
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(pom.toFile());
  }

  private static String text(Document d, String path) throws Exception {
    XPath x = XPathFactory.newInstance().newXPath();
    return ((String) x.evaluate(path, d, XPathConstants.STRING)).strip();
  }

  @Test
  void rootPom_hasEveryPartCentralRequires() throws Exception {
    Document d = root();
    for (String path :
        List.of(
            "/project/name",
            "/project/description",
            "/project/url",
            "/project/licenses/license/name",
            "/project/licenses/license/url",
            "/project/developers/developer/name",
            "/project/scm/connection",
            "/project/scm/url")) {
      assertFalse(text(d, path).isEmpty(), path);
    }
    assertEquals("Apache-2.0", text(d, "/project/licenses/license/name"));
  }

  @Test
  void releaseProfile_attachesSourcesAndJavadoc() throws Exception {
    XPath x = XPathFactory.newInstance().newXPath();
    NodeList goals =
        (NodeList)
            x.evaluate(
                "/project/profiles/profile[id='release']/build/plugins/plugin/executions/execution/goals/goal",
                root(),
                XPathConstants.NODESET);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < goals.getLength(); i++) {
      names.add(goals.item(i).getTextContent().strip());
    }
    assertEquals(List.of("jar-no-fork", "jar"), names);
  }
}
