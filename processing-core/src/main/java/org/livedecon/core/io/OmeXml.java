package org.livedecon.core.io;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The plane layout of an OME-TIFF, from the OME-XML in its first ImageDescription (as written by
 * Micro-Manager, Bio-Formats and most acquisition software): DimensionOrder, SizeC/Z/T, channel
 * names, PhysicalSizeX/Y/Z with their units, and the TiffData elements that map planes to pages.
 * Only the first Image (series) is read. Parsed with the JDK's XML parser, with DOCTYPEs and
 * external entities refused.
 */
final class OmeXml {
    private OmeXml() {}

    static boolean looksLikeOme(String description) {
        return description != null && description.contains("<OME") && description.trim().startsWith("<");
    }

    static PlaneLayout parse(Path file, String xml, int pageCount) throws TiffException {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            doc = b.parse(new InputSource(new StringReader(xml.trim())));
        } catch (Exception e) {
            throw new TiffException("file " + file + " has OME-XML that cannot be parsed: " + e.getMessage(), e);
        }
        NodeList images = doc.getElementsByTagNameNS("*", "Image");
        if (images.getLength() == 0) {
            throw new TiffException("file " + file + " has OME-XML without an Image element");
        }
        Element pixels = child((Element) images.item(0), "Pixels");
        if (pixels == null) throw new TiffException("file " + file + " has an OME Image without Pixels");
        int sizeC = positive(file, pixels, "SizeC");
        int sizeZ = positive(file, pixels, "SizeZ");
        int sizeT = positive(file, pixels, "SizeT");
        String order = pixels.getAttribute("DimensionOrder").trim().toUpperCase(Locale.ROOT);
        if (!order.matches("XY[CZT]{3}") || order.indexOf('C') < 0 || order.indexOf('Z') < 0 || order.indexOf('T') < 0) {
            throw new TiffException("file " + file + ": OME DimensionOrder '" + pixels.getAttribute("DimensionOrder")
                    + "' is not one of XYZCT, XYZTC, XYCZT, XYCTZ, XYTCZ, XYTZC");
        }
        String fastest = order.substring(2);

        List<String> names = new ArrayList<String>();
        NodeList channels = pixels.getElementsByTagNameNS("*", "Channel");
        for (int i = 0; i < channels.getLength(); i++) {
            Element ch = (Element) channels.item(i);
            String spp = ch.getAttribute("SamplesPerPixel");
            if (!spp.isEmpty() && !spp.trim().equals("1")) {
                throw new TiffException("file " + file + ": OME channel " + (i + 1) + " has " + spp
                        + " samples per pixel (colour); livedecon reads grayscale channels only");
            }
            String name = ch.getAttribute("Name");
            names.add(name.isEmpty() ? "channel " + (i + 1) : name);
        }
        if (!names.isEmpty() && names.size() != sizeC) names.clear();

        double[] physical = {size(file, pixels, "PhysicalSizeX"), size(file, pixels, "PhysicalSizeY"),
            size(file, pixels, "PhysicalSizeZ")};

        int[][][] pages = new int[sizeT][sizeC][sizeZ];
        for (int[][] a : pages) for (int[] p : a) java.util.Arrays.fill(p, -1);
        int planeCount = sizeC * sizeZ * sizeT;
        NodeList tiffData = pixels.getElementsByTagNameNS("*", "TiffData");
        if (tiffData.getLength() == 0) {
            fill(pages, fastest, 0, 0, planeCount, sizeC, sizeZ, sizeT);
        } else {
            String own = file.getFileName() == null ? "" : file.getFileName().toString();
            for (int i = 0; i < tiffData.getLength(); i++) {
                Element td = (Element) tiffData.item(i);
                Element uuid = child(td, "UUID");
                if (uuid != null && !uuid.getAttribute("FileName").isEmpty()
                        && !uuid.getAttribute("FileName").equals(own)) {
                    throw new TiffException("file " + file + " is part of a multi-file OME-TIFF (planes in "
                            + uuid.getAttribute("FileName") + "); livedecon reads single-file OME-TIFFs only: "
                            + "save the dataset as one file");
                }
                boolean hasIfd = td.hasAttribute("IFD");
                int ifd = nonNegative(file, td, "IFD", 0);
                int firstZ = nonNegative(file, td, "FirstZ", 0);
                int firstC = nonNegative(file, td, "FirstC", 0);
                int firstT = nonNegative(file, td, "FirstT", 0);
                int first = PlaneLayout.indexOf(fastest, firstC, firstZ, firstT, sizeC, sizeZ, sizeT);
                int count = td.hasAttribute("PlaneCount") ? nonNegative(file, td, "PlaneCount", 1)
                        : hasIfd || tiffData.getLength() > 1 ? 1 : planeCount - first;
                fill(pages, fastest, first, ifd, count, sizeC, sizeZ, sizeT);
            }
        }
        for (int[][] a : pages) {
            for (int[] p : a) {
                for (int page : p) {
                    if (page >= pageCount) {
                        throw new TiffException("file " + file + " is inconsistent or truncated: its OME-XML puts a plane on "
                                + "page " + (page + 1) + " but the file has " + pageCount + " pages");
                    }
                }
            }
        }
        return new PlaneLayout("OME-TIFF", sizeC, sizeZ, sizeT, pages, names, physical);
    }

    /** Planes first..first+count-1 in dimension order lie on pages ifd, ifd+1, ... */
    private static void fill(int[][][] pages, String fastest, int first, int ifd, int count, int sizeC, int sizeZ,
                             int sizeT) {
        int total = sizeC * sizeZ * sizeT;
        for (int k = 0; k < count && first + k < total; k++) {
            int index = first + k;
            int c = 0, z = 0, t = 0;
            int rest = index;
            for (int i = 0; i < 3; i++) {
                char a = fastest.charAt(i);
                int n = a == 'C' ? sizeC : a == 'Z' ? sizeZ : sizeT;
                int v = rest % n;
                rest /= n;
                if (a == 'C') c = v;
                else if (a == 'Z') z = v;
                else t = v;
            }
            pages[t][c][z] = ifd + k;
        }
    }

    private static Element child(Element parent, String localName) {
        NodeList l = parent.getElementsByTagNameNS("*", localName);
        return l.getLength() == 0 ? null : (Element) l.item(0);
    }

    private static int positive(Path file, Element e, String attribute) throws TiffException {
        int v = nonNegative(file, e, attribute, 1);
        if (v < 1) throw new TiffException("file " + file + ": OME " + attribute + " is " + v + ", expected at least 1");
        return v;
    }

    private static int nonNegative(Path file, Element e, String attribute, int fallback) throws TiffException {
        if (!e.hasAttribute(attribute)) return fallback;
        String s = e.getAttribute(attribute).trim();
        try {
            int v = Integer.parseInt(s);
            if (v < 0) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException ex) {
            throw new TiffException("file " + file + ": OME " + e.getLocalName() + " " + attribute + "='" + s
                    + "' is not a whole number >= 0");
        }
    }

    /** A physical size in µm, or NaN when missing or in a unit that is not a length. */
    private static double size(Path file, Element pixels, String attribute) throws TiffException {
        if (!pixels.hasAttribute(attribute)) return Double.NaN;
        double v;
        try {
            v = Double.parseDouble(pixels.getAttribute(attribute).trim());
        } catch (NumberFormatException e) {
            throw new TiffException("file " + file + ": OME " + attribute + "='" + pixels.getAttribute(attribute)
                    + "' is not a number");
        }
        String unit = pixels.hasAttribute(attribute + "Unit") ? pixels.getAttribute(attribute + "Unit").trim() : "µm";
        double factor = unit.equals("Å") ? 1e-4 : unit.equals("pm") ? 1e-6 : Units.toMicron(unit);
        double um = v * factor;
        return um > 0 && !Double.isInfinite(um) ? um : Double.NaN;
    }
}
