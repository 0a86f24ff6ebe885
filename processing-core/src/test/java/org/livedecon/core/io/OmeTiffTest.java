package org.livedecon.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livedecon.core.volume.Volume;

/**
 * Issue 15, item 6 and bar 2: OME-TIFF (2 channels x 3 time points x 4 planes, two dimension
 * orders, physical sizes with units, TiffData maps) and tifffile's shape/axes are read with the
 * right channel, time point and voxel size; channel names appear in the summary.
 */
class OmeTiffTest {
    @TempDir
    Path dir;

    private static final int NX = 10, NY = 8, C = 2, Z = 4, T = 3;

    /** The value every pixel of the plane (c, z, t) holds, all 0-based. */
    private static double value(int c, int z, int t) {
        return 1000 * (c + 1) + 100 * (t + 1) + z;
    }

    private static String ome(String order, String tiffData, String sizes) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<OME xmlns=\"http://www.openmicroscopy.org/Schemas/OME/2016-06\" Creator=\"test\">"
                + "<Image ID=\"Image:0\" Name=\"cells\"><Pixels ID=\"Pixels:0\" DimensionOrder=\"" + order + "\" Type=\"uint16\""
                + " SizeX=\"" + NX + "\" SizeY=\"" + NY + "\" SizeZ=\"" + Z + "\" SizeC=\"" + C + "\" SizeT=\"" + T + "\" "
                + sizes + ">"
                + "<Channel ID=\"Channel:0:0\" Name=\"DAPI\" SamplesPerPixel=\"1\"/>"
                + "<Channel ID=\"Channel:0:1\" Name=\"GFP\" SamplesPerPixel=\"1\"/>"
                + tiffData + "</Pixels></Image></OME>";
    }

    /** Planes written in {@code order} (fastest first after XY), all pages in that order. */
    private Path write(String name, String order, String tiffData, String sizes) throws Exception {
        TestTiff tiff = TestTiff.unsigned16(NX, NY).description(ome(order, tiffData, sizes));
        String fastest = order.substring(2);
        for (int i = 0; i < C * Z * T; i++) {
            int[] czt = new int[3];
            int rest = i;
            for (int k = 0; k < 3; k++) {
                char a = fastest.charAt(k);
                int n = a == 'C' ? C : a == 'Z' ? Z : T;
                czt["CZT".indexOf(a)] = rest % n;
                rest /= n;
            }
            tiff.constantPlane(value(czt[0], czt[1], czt[2]));
        }
        Path f = dir.resolve(name);
        tiff.write(f);
        return f;
    }

    private static void assertReads(Path f, double x, double y, double z) throws Exception {
        for (int c = 1; c <= C; c++) {
            for (int t = 1; t <= T; t++) {
                TiffStack s = TiffReader.read(f, c, t);
                Volume v = s.volume();
                assertEquals(Z, v.nz(), "z planes of " + f.getFileName());
                assertEquals(C, s.channels());
                assertEquals(T, s.frames());
                for (int zz = 0; zz < Z; zz++) {
                    assertEquals(value(c - 1, zz, t - 1), v.get(3, 2, zz), 0, f.getFileName() + " c" + c + " t" + t + " z" + zz);
                }
                assertTrue(s.calibrated());
                assertEquals(x, v.voxelSize().x(), 1e-9);
                assertEquals(y, v.voxelSize().y(), 1e-9);
                assertEquals(z, v.voxelSize().z(), 1e-9);
                assertEquals(Arrays.asList("DAPI", "GFP"), s.channelNames());
                assertTrue(s.toString().contains("OME-TIFF") && s.toString().contains("2 channel(s) [DAPI, GFP]")
                        && s.toString().contains("3 frame(s)"), s.toString());
            }
        }
    }

    @Test
    void zFastestOrderWithMicrometres() throws Exception {
        Path f = write("xyzct.ome.tif", "XYZCT", "<TiffData/>",
                "PhysicalSizeX=\"0.065\" PhysicalSizeY=\"0.065\" PhysicalSizeZ=\"0.25\" PhysicalSizeXUnit=\"µm\"");
        assertReads(f, 0.065, 0.065, 0.25);
    }

    @Test
    void channelFastestOrderWithNanometresAndOneTiffDataPerPlane() throws Exception {
        StringBuilder td = new StringBuilder();
        // explicit map, listed in a different order from the pages
        for (int t = T - 1; t >= 0; t--) {
            for (int z = 0; z < Z; z++) {
                for (int c = 0; c < C; c++) {
                    int page = c + C * (z + Z * t);
                    td.append("<TiffData IFD=\"").append(page).append("\" FirstC=\"").append(c).append("\" FirstZ=\"")
                            .append(z).append("\" FirstT=\"").append(t).append("\" PlaneCount=\"1\"/>");
                }
            }
        }
        Path f = write("xyczt.ome.tif", "XYCZT", td.toString(),
                "PhysicalSizeX=\"100\" PhysicalSizeXUnit=\"nm\" PhysicalSizeY=\"110\" PhysicalSizeYUnit=\"nm\" "
                        + "PhysicalSizeZ=\"0.3\" PhysicalSizeZUnit=\"µm\"");
        assertReads(f, 0.1, 0.11, 0.3);
    }

    @Test
    void channelOutOfRangeNamesTheChannels() throws Exception {
        Path f = write("o.ome.tif", "XYZCT", "", "PhysicalSizeX=\"0.1\" PhysicalSizeY=\"0.1\" PhysicalSizeZ=\"0.2\"");
        TiffException e = assertThrows(TiffException.class, () -> TiffReader.read(f, 3, 1));
        assertTrue(e.getMessage().contains("has 2 channels: --channel 3 is out of range"), e.getMessage());
        e = assertThrows(TiffException.class, () -> TiffReader.read(f, 1, 0));
        assertTrue(e.getMessage().contains("has 3 time points"), e.getMessage());
    }

    @Test
    void omeNamingMorePagesThanTheFileHasIsRefused() throws Exception {
        Path f = dir.resolve("short.ome.tif");
        TestTiff t = TestTiff.unsigned16(NX, NY).description(ome("XYZCT", "<TiffData/>", ""));
        for (int i = 0; i < 5; i++) t.constantPlane(i);
        t.write(f);
        TiffException e = assertThrows(TiffException.class, () -> TiffReader.read(f, 1, 1));
        assertTrue(e.getMessage().contains("the file has 5 pages"), e.getMessage());
    }

    @Test
    void tifffileAxesSeparateChannelsFromZ() throws Exception {
        Path f = dir.resolve("czyx.tif");
        TestTiff t = TestTiff.float32(NX, NY).description("{\"shape\": [2, 4, " + NY + ", " + NX + "], \"axes\": \"CZYX\"}");
        for (int c = 0; c < 2; c++) for (int z = 0; z < 4; z++) t.constantPlane(value(c, z, 0));
        t.write(f);
        TiffStack s = TiffReader.read(f, 2, 0);
        assertEquals(2, s.channels());
        assertEquals(4, s.volume().nz());
        assertEquals(value(1, 3, 0), s.volume().get(0, 0, 3), 0);

        Path g = dir.resolve("noaxes.tif");
        TestTiff u = TestTiff.float32(NX, NY).description("{\"shape\": [2, 4, " + NY + ", " + NX + "]}");
        for (int i = 0; i < 8; i++) u.constantPlane(i);
        u.write(g);
        TiffException e = assertThrows(TiffException.class, () -> TiffReader.read(g, 0, 0));
        assertTrue(e.getMessage().contains("without axes, so channels, z and time cannot be told apart"), e.getMessage());
    }
}
