package org.livedecon.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.File;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** Checks the built (shaded) jar as Micro-Manager sees it. Runs in the verify phase (failsafe). */
class PluginJarIT {
    private static File jar() {
        File f = new File(System.getProperty("livedecon.pluginJar", "target/livedecon-mm-plugin.jar"));
        assertTrue(f.isFile(), "plugin jar not built: " + f);
        return f;
    }

    private static URL codeSource(Class<?> c) {
        return c.getProtectionDomain().getCodeSource().getLocation();
    }

    @Test
    void theBuildLeavesOnePluginJarWhereTheReadmePoints() {
        File dir = jar().getParentFile();
        File thin = new File(new File(dir, "thin"), jar().getName());
        assertTrue(thin.isFile(), "the thin jar goes to " + thin);
        List<String> jars = new ArrayList<String>();
        for (File f : dir.listFiles()) {
            // a jar older than this build's thin jar was left by an earlier build (of an older pom) in an uncleaned target/
            if (f.getName().endsWith(".jar") && f.lastModified() >= thin.lastModified()) jars.add(f.getName());
        }
        assertEquals(java.util.Collections.singletonList("livedecon-mm-plugin.jar"), jars,
                "a user copying " + dir + "/*.jar into mmplugins must get one copy of each plugin");
    }

    @Test
    void scijavaIndexFindsOneProcessorAndOneMenuPluginInTheJar() throws Exception {
        // Parent: only what Micro-Manager provides (the mirror, scijava-common, MMCoreJ), not the test class path.
        ClassLoader platform = ClassLoader.getSystemClassLoader().getParent();
        URL[] mm = { codeSource(org.micromanager.MMPlugin.class), codeSource(org.scijava.plugin.Plugin.class),
                codeSource(mmcorej.CMMCore.class), codeSource(org.scijava.parsington.Variable.class) };
        try (URLClassLoader parent = new URLClassLoader(mm, platform);
             URLClassLoader loader = new URLClassLoader(new URL[] {jar().toURI().toURL()}, parent)) {
            // As Micro-Manager: scijava's own classes (here: those of the isolated parent) read the jar's index.
            Class<?> finderType = Class.forName("org.scijava.plugin.PluginFinder", true, parent);
            Object finder = Class.forName("org.scijava.plugin.DefaultPluginFinder", true, parent)
                    .getConstructor(ClassLoader.class).newInstance(loader);
            Object index = Class.forName("org.scijava.plugin.PluginIndex", true, parent).getConstructor(finderType)
                    .newInstance(finder);
            index.getClass().getMethod("discover").invoke(index);
            List<String> processors = new ArrayList<String>();
            List<String> menus = new ArrayList<String>();
            for (Object info : (Iterable<?>) index.getClass().getMethod("getAll").invoke(index)) {
                String type = ((Class<?>) info.getClass().getMethod("getPluginType").invoke(info)).getName();
                String name = (String) info.getClass().getMethod("getClassName").invoke(info);
                if (type.equals("org.micromanager.data.ProcessorPlugin")) processors.add(name);
                if (type.equals("org.micromanager.MenuPlugin")) menus.add(name);
            }
            assertEquals(1, processors.size(), "processor plugins: " + processors);
            assertEquals(1, menus.size(), "menu plugins: " + menus);
            // the index names the classes where they are: the processor where saved pipelines look for it
            assertEquals(SavedSettingsTest.SAVED_PLUGIN_CLASS, processors.get(0));
            assertEquals(CalibrationWizardPlugin.class.getName(), menus.get(0));
            Class<?> processor = Class.forName(processors.get(0), true, loader);
            assertEquals(loader, processor.getClassLoader(), "the plugin class must come from the jar");
            assertTrue(Class.forName("org.micromanager.data.ProcessorPlugin", false, loader).isAssignableFrom(processor));
            Object plugin = processor.getConstructor().newInstance();
            assertEquals(LiveDeconvolutionPlugin.NAME, processor.getMethod("getName").invoke(plugin));
            Class<?> menu = Class.forName(menus.get(0), true, loader);
            assertTrue(Class.forName("org.micromanager.MenuPlugin", false, loader).isAssignableFrom(menu));
            menu.getConstructor().newInstance();
        }
    }

    @Test
    void jarIsJava8AndShipsNoMicroManagerOrScijavaClasses() throws Exception {
        int ours = 0;
        try (ZipFile zip = new ZipFile(jar())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                String n = e.getName();
                assertTrue(!n.startsWith("org/micromanager/") && !n.startsWith("mmcorej/") && !n.startsWith("org/scijava/")
                        && !n.startsWith("ij/") && !n.startsWith("org/apache/commons/math3/") && !n.startsWith("org/livedecon/cli/")
                        && !n.startsWith("picocli/") && !n.equals("module-info.class"), "must not be shipped: " + n);
                if (!n.endsWith(".class")) continue;
                try (InputStream in = zip.getInputStream(e)) {
                    DataInputStream d = new DataInputStream(in);
                    assertEquals(0xCAFEBABE, d.readInt(), n);
                    d.readUnsignedShort();
                    int major = d.readUnsignedShort();
                    assertTrue(major <= 52, n + " is class version " + major + ", above Java 8 (52)");
                    if (n.startsWith("org/livedecon/") && !n.startsWith("org/livedecon/shaded/")) {
                        assertEquals(52, major, n);
                        ours++;
                    }
                }
            }
            assertTrue(zip.getEntry("org/livedecon/shaded/ij/ImagePlus.class") != null, "ImageJ must be relocated");
        }
        assertTrue(ours > 30, "our classes in the jar: " + ours);
    }
}
