package org.livedecon.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The DemoCamera hardware configuration in config/: its lines are consistent (every line names a
 * loaded device, labels used by presets exist) and it sets up what the README promises. Loading it
 * in a real MMCore is left to a Micro-Manager installation.
 */
class DemoConfigTest {
    static final Path CFG = Paths.get("..", "..", "config", "MMConfig_livedecon_demo.cfg");

    @Test
    void demoConfigurationIsConsistentAndHasTheDevicesTheReadmeNames() throws Exception {
        assertTrue(Files.isRegularFile(CFG), CFG.toAbsolutePath().toString());
        Map<String, String> devices = new HashMap<String, String>();
        Map<String, Set<String>> labels = new HashMap<String, Set<String>>();
        Map<String, String> core = new HashMap<String, String>();
        List<String[]> presets = new ArrayList<String[]>();
        List<String> channelPresets = new ArrayList<String>();
        Set<String> referenced = new HashSet<String>();
        double pixelUm = 0;
        for (String line : Files.readAllLines(CFG, StandardCharsets.UTF_8)) {
            if (line.trim().isEmpty() || line.startsWith("#")) continue;
            String[] f = line.split(",", -1);
            switch (f[0]) {
                case "Device":
                    assertEquals("DemoCamera", f[2], line);
                    devices.put(f[1], f[3]);
                    break;
                case "Parent": case "FocusDirection":
                    referenced.add(f[1]);
                    break;
                case "Property":
                    if (f[1].equals("Core")) core.put(f[2], f[3]);
                    else referenced.add(f[1]);
                    break;
                case "Label":
                    referenced.add(f[1]);
                    if (!labels.containsKey(f[1])) labels.put(f[1], new HashSet<String>());
                    labels.get(f[1]).add(f[3]);
                    break;
                case "ConfigGroup":
                    referenced.add(f[3]);
                    presets.add(f);
                    if (f[1].equals("Channel")) channelPresets.add(f[2]);
                    break;
                case "ConfigPixelSize":
                    referenced.add(f[2]);
                    presets.add(new String[] {"", "", "", f[2], f[3], f[4]});
                    break;
                case "PixelSize_um":
                    pixelUm = Double.parseDouble(f[2]);
                    break;
                case "PixelSizeAffine":
                    break;
                default:
                    throw new AssertionError("unknown line: " + line);
            }
        }
        for (String d : referenced) assertTrue(devices.containsKey(d), "a line names device " + d + " which is not loaded");
        for (String[] p : presets) {
            if (p[4].equals("Label")) assertTrue(labels.get(p[3]).contains(p[5]), "preset uses undefined label " + p[5]);
        }
        assertEquals("DCam", devices.get("Camera"));
        assertEquals("DStage", devices.get("Z"), "the bead focus is read from the device labelled Z");
        assertEquals("DXYStage", devices.get("XY"));
        assertEquals("DWheel", devices.get("Wheel"));
        assertEquals("Camera", core.get("Camera"));
        assertEquals("Z", core.get("Focus"));
        assertEquals("XY", core.get("XYStage"));
        assertEquals("Channel", core.get("ChannelGroup"));
        assertEquals(Arrays.asList("DAPI", "FITC", "Cy5"), channelPresets);
        assertTrue(presets.stream().anyMatch(p -> p[1].equals("System") && p[2].equals("Startup") && p[3].equals("Camera")
                && p[4].equals("PixelType") && p[5].equals("16bit")), "16-bit camera at start-up");
        assertEquals(1.0, pixelUm, 0, "DemoCamera draws 1 pixel = 1 µm");
    }
}
