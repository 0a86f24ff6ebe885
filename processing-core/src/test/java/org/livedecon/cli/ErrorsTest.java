package org.livedecon.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livedecon.core.volume.Shape;

/** Each bad input gives one "error: ..." line naming the problem, a non-zero exit and no stack trace. */
class ErrorsTest {
    @TempDir
    Path dir;

    private Path image;
    private Path out;

    @BeforeEach
    void writeImage() throws Exception {
        image = Cli.imageJStack(dir.resolve("image.tif"), 1, 6, true);
        out = dir.resolve("out.tif");
    }

    private Cli deconvolve(String... extra) {
        String[] args = new String[extra.length + 4];
        args[0] = "deconvolve";
        System.arraycopy(extra, 0, args, 1, extra.length);
        args[extra.length + 1] = "--threads";
        args[extra.length + 2] = "1";
        args[extra.length + 3] = "-o" + out;
        return Cli.run(args);
    }

    @Test
    void missingImageFile() {
        deconvolve(dir.resolve("nothing.tif").toString(), "--theoretical").assertError(1, "does not exist");
    }

    @Test
    void notATiff() throws Exception {
        Path text = Files.write(dir.resolve("notes.tif"), "hello, not an image".getBytes(StandardCharsets.UTF_8));
        deconvolve(text.toString(), "--theoretical").assertError(1, "is not a TIFF");
    }

    @Test
    void unknownAlgorithm() {
        deconvolve(image.toString(), "--theoretical", "--algorithm", "magic").assertError(2, "unknown algorithm 'magic'");
    }

    @Test
    void negativeIterations() {
        deconvolve(image.toString(), "--theoretical", "--iterations", "-3")
                .assertError(2, "iterations must be between 1 and 100000, got -3");
    }

    @Test
    void uncalibratedImageWithoutVoxelSize() {
        Path plain = Cli.imageJStack(dir.resolve("plain.tif"), 1, 6, false);
        deconvolve(plain.toString(), "--theoretical").assertError(2, "has no voxel size calibration");
    }

    @Test
    void multichannelWithoutChannel() {
        Path multi = Cli.imageJStack(dir.resolve("multi.tif"), 2, 5, true);
        deconvolve(multi.toString(), "--theoretical").assertError(1, "has 2 channels: choose one with --channel 1..2");
    }

    @Test
    void psfWithNaN() throws Exception {
        Path psf = Cli.floatStack(dir.resolve("nan.tif"), Shape.of(5, 5, 3), 1f, 7);
        deconvolve(image.toString(), "--psf", psf.toString()).assertError(1, "every PSF voxel must be a finite number");
    }

    @Test
    void allZeroPsf() throws Exception {
        Path psf = Cli.floatStack(dir.resolve("zero.tif"), Shape.of(5, 5, 3), 0f, -1);
        deconvolve(image.toString(), "--psf", psf.toString()).assertError(1, "is all zero");
    }

    @Test
    void negativeSumPsf() throws Exception {
        Path psf = Cli.floatStack(dir.resolve("negative.tif"), Shape.of(5, 5, 3), -1f, -1);
        deconvolve(image.toString(), "--psf", psf.toString()).assertError(1, "must have positive total intensity");
    }

    @Test
    void noPsfChosen() {
        deconvolve(image.toString()).assertError(2, "no PSF");
    }

    @Test
    void missingOutput() {
        Cli.run("deconvolve", image.toString(), "--theoretical").assertError(2, "Missing required option");
    }

    @Test
    void badVoxelSize() {
        deconvolve(image.toString(), "--theoretical", "--voxel-size", "0.1,-1,0.2").assertError(2, "must be a finite number > 0");
    }

    @Test
    void unknownOption() {
        deconvolve(image.toString(), "--theoretical", "--fast").assertError(2, "Unknown option: '--fast'");
    }

    @Test
    void missingOutputDirectory() {
        Cli.run("psf", "-o", dir.resolve("no/such/dir/psf.tif").toString()).assertError(1, "does not exist");
    }

    @Test
    void badBenchSize() {
        Cli.run("bench", "--sizes", "64x256").assertError(2, "expected ZxYxX");
    }
}
