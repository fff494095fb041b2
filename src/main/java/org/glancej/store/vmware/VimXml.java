package org.glancej.store.vmware;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** The SOAP of the few vSphere API calls the store makes, written and read by hand; no DTD is ever resolved. */
final class VimXml {
    static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    private VimXml() {}

    /** A managed object reference: its type and server-given value. */
    record Moref(String type, String value) {
        String xml(String element) {
            return "<" + element + " type=\"" + escape(type) + "\">" + escape(value) + "</" + element + ">";
        }

        static Moref of(Element e) {
            return new Moref(e.getAttribute("type"), e.getTextContent().strip());
        }
    }

    /** A request: the method's element with {@code _this} and the arguments (already XML) inside. */
    static byte[] request(String method, Moref target, String arguments) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " xmlns:xsi=\"" + XSI + "\"><soapenv:Body><" + method + " xmlns=\"urn:vim25\">"
                + target.xml("_this") + arguments + "</" + method + "></soapenv:Body></soapenv:Envelope>")
                .getBytes(UTF_8);
    }

    static String element(String name, String text) {
        return "<" + name + ">" + escape(text) + "</" + name + ">";
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&apos;");
    }

    /** The body's first element (the response or the fault), or empty when the bytes are not a SOAP envelope. */
    static Optional<Element> body(byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            Element envelope = builder.parse(new ByteArrayInputStream(xml)).getDocumentElement();
            return child(envelope, "Body").flatMap(body -> children(body).stream().findFirst());
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    static Optional<Element> child(Element parent, String name) {
        return children(parent).stream().filter(e -> name.equals(e.getLocalName())).findFirst();
    }

    static List<Element> children(Element parent, String name) {
        return children(parent).stream().filter(e -> name.equals(e.getLocalName())).toList();
    }

    static List<Element> children(Element parent) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                found.add(e);
            }
        }
        return found;
    }

    static String text(Element parent, String name) {
        return child(parent, name).map(e -> e.getTextContent().strip()).orElse("");
    }

    /** An element's {@code xsi:type} without its prefix, e.g. {@code FileNotFound}. */
    static String xsiType(Element e) {
        String type = e.getAttributeNS(XSI, "type");
        return type.substring(type.indexOf(':') + 1);
    }
}
