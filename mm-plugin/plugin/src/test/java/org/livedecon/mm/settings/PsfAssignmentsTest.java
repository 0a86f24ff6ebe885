package org.livedecon.mm.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livedecon.core.deconv.Algorithm;
import org.livedecon.core.psf.PsfLibrary;
import org.livedecon.mm.testing.FakePropertyMap;
import org.micromanager.PropertyMap;


class PsfAssignmentsTest {
    @Test
    void assignmentsAccumulateInTheLibraryFolder(@TempDir Path dir) throws Exception {
        PsfLibrary lib = new PsfLibrary(dir.resolve("psfs"));
        assertTrue(PsfAssignments.read(lib).byChannel().isEmpty(), "no file yet");
        PsfAssignments.assign(lib, 0, "gfp-100x");
        PsfAssignments.assign(lib, PsfAssignments.DEFAULT, "any-100x");
        PsfAssignments a = PsfAssignments.assign(lib, 2, "mcherry-100x");
        assertEquals(a.byChannel(), PsfAssignments.read(lib).byChannel());
        PsfAssignments.assign(lib, 0, "gfp-100x-v2");
        PsfAssignments read = PsfAssignments.read(lib);
        assertEquals("gfp-100x-v2", read.nameFor(0), "replaced");
        assertEquals("mcherry-100x", read.nameFor(2));
        assertEquals("any-100x", read.nameFor(PsfAssignments.DEFAULT));
        String file = new String(Files.readAllBytes(dir.resolve("psfs").resolve(PsfAssignments.FILE_NAME)), "ISO-8859-1");
        assertTrue(file.contains("channel.2=mcherry-100x") && file.contains("default=any-100x"), file);

        PluginSettings s = read.toSettings(PluginSettings.defaults());
        assertEquals(ChannelPsf.library("any-100x"), s.defaultPsf());
        assertEquals(ChannelPsf.library("gfp-100x-v2"), s.psfFor(0));
        assertEquals(ChannelPsf.library("any-100x"), s.psfFor(1));

        assertThrows(IllegalArgumentException.class, () -> PsfAssignments.assign(lib, 1, "../evil"));
        assertThrows(IllegalArgumentException.class, () -> PsfAssignments.assign(lib, -3, "ok"));
    }

    @Test
    void aNewProcessorStartsFromTheAssignmentsAndAConfiguredOneKeepsItsPsfs(@TempDir Path dir) throws Exception {
        PsfLibrary lib = new PsfLibrary(dir);
        PsfAssignments a = PsfAssignments.assign(lib, 1, "beads-60x");
        PropertyMap fresh = FakePropertyMap.builder().putString(SettingsKeys.PROCESSOR_NAME, "Live Deconvolution")
                .putString(SettingsKeys.ALGORITHM, Algorithm.WIENER.cliName()).build();
        PropertyMap preset = a.presetFor(fresh, SettingsConverterTest.FAKE);
        PluginSettings s = SettingsConverter.fromPropertyMap(preset);
        assertEquals(ChannelPsf.library("beads-60x"), s.psfFor(1));
        assertEquals(Algorithm.WIENER, s.deconvolution().algorithm(), "other settings kept");
        assertEquals("Live Deconvolution", preset.getString(SettingsKeys.PROCESSOR_NAME, null));

        PropertyMap configured = SettingsConverter.toPropertyMap(PluginSettings.defaults(), SettingsConverterTest.FAKE);
        assertSame(configured, a.presetFor(configured, SettingsConverterTest.FAKE), "PSFs already chosen: untouched");
        PsfAssignments none = PsfAssignments.read(new PsfLibrary(dir.resolve("empty")));
        assertSame(fresh, none.presetFor(fresh, SettingsConverterTest.FAKE));
    }

    @Test
    void theWizardAssignsByChannelNameAndANewProcessorUsesTheNameWhateverTheChannelOrder(@TempDir Path dir) throws Exception {
        PsfLibrary lib = new PsfLibrary(dir);
        PsfAssignments.assign(lib, 0, "old-index-psf");
        PsfAssignments a = PsfAssignments.assign(lib, "Cy5 far red", "cy5-100x");
        assertEquals("cy5-100x", a.byChannelName().get("Cy5 far red"));
        assertEquals(a.byChannelName(), PsfAssignments.read(lib).byChannelName(), "a name with spaces survives the file");
        assertEquals("old-index-psf", PsfAssignments.read(lib).nameFor(0), "other lines kept");
        PropertyMap fresh = FakePropertyMap.builder().putString(SettingsKeys.PROCESSOR_NAME, "Live Deconvolution").build();
        PluginSettings s = SettingsConverter.fromPropertyMap(PsfAssignments.read(lib).presetFor(fresh, SettingsConverterTest.FAKE));
        assertEquals(ChannelPsf.library("cy5-100x"), s.psfFor(2, "Cy5 far red"), "by name, at any index");
        assertEquals(ChannelPsf.library("cy5-100x"), s.psfFor(0, "Cy5 far red"));
        assertEquals(s.defaultPsf(), s.psfFor(0, "DAPI"), "a named channel never falls back to the index entry");
        assertEquals(ChannelPsf.library("old-index-psf"), s.psfFor(0, null), "the index only without a name");
        assertThrows(IllegalArgumentException.class, () -> PsfAssignments.assign(lib, " ", "ok"));
    }
}
