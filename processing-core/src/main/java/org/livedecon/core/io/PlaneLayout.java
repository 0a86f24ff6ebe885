package org.livedecon.core.io;

import java.util.Collections;
import java.util.List;

/**
 * Where the plane of channel c, slice z and time point t lies among a file's pages, and what the
 * file says about its dimensions: from an ImageJ description, OME-XML, or tifffile's shape.
 * All indices 0-based. Immutable.
 */
final class PlaneLayout {
    final String format;
    final int channels;
    final int slices;
    final int frames;
    /** Page of [t][c][z], or -1 when the file lacks that plane. */
    private final int[][][] pages;
    final List<String> channelNames;
    /** Voxel size in µm from the file's own metadata (OME), or null; a NaN axis is unknown. */
    final double[] physicalSizeUm;

    PlaneLayout(String format, int channels, int slices, int frames, int[][][] pages, List<String> channelNames,
                double[] physicalSizeUm) {
        this.format = format;
        this.channels = channels;
        this.slices = slices;
        this.frames = frames;
        this.pages = pages;
        this.channelNames = channelNames == null ? Collections.<String>emptyList() : channelNames;
        this.physicalSizeUm = physicalSizeUm;
    }

    /** Planes stored in an order named by letters, fastest first (e.g. "CZT" for ImageJ: channel fastest). */
    static PlaneLayout ordered(String format, String fastestFirst, int channels, int slices, int frames,
                               List<String> names, double[] physical) {
        int[][][] pages = new int[frames][channels][slices];
        for (int t = 0; t < frames; t++) {
            for (int c = 0; c < channels; c++) {
                for (int z = 0; z < slices; z++) {
                    pages[t][c][z] = indexOf(fastestFirst, c, z, t, channels, slices, frames);
                }
            }
        }
        return new PlaneLayout(format, channels, slices, frames, pages, names, physical);
    }

    static int indexOf(String fastestFirst, int c, int z, int t, int channels, int slices, int frames) {
        int index = 0;
        int stride = 1;
        for (int i = 0; i < fastestFirst.length(); i++) {
            char a = fastestFirst.charAt(i);
            int v = a == 'C' ? c : a == 'Z' ? z : t;
            int n = a == 'C' ? channels : a == 'Z' ? slices : frames;
            index += v * stride;
            stride *= n;
        }
        return index;
    }

    int page(int c, int z, int t) { return pages[t][c][z]; }

    /**
     * The layout tifffile records in a JSON description, {"shape": [...], "axes": "TCZYX"}: the
     * axes before Y and X, slowest first, in C order. Null when the description is not tifffile's.
     */
    static PlaneLayout tifffile(java.nio.file.Path file, String description, int pageCount) throws TiffException {
        if (description == null || !description.trim().startsWith("{")) return null;
        java.util.regex.Matcher shape = java.util.regex.Pattern.compile("\"shape\"\\s*:\\s*\\[([0-9,\\s]*)\\]")
                .matcher(description);
        if (!shape.find()) return null;
        String[] parts = shape.group(1).trim().split("\\s*,\\s*");
        int[] sizes = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                sizes[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        java.util.regex.Matcher axesMatch = java.util.regex.Pattern.compile("\"axes\"\\s*:\\s*\"([A-Za-z]*)\"")
                .matcher(description);
        String axes = axesMatch.find() ? axesMatch.group(1).toUpperCase(java.util.Locale.ROOT) : null;
        if (axes == null) {
            if (sizes.length <= 3) return null; // z-y-x or one plane: a plain stack
            throw new TiffException("file " + file + " holds a " + sizes.length + "-dimensional array of shape "
                    + java.util.Arrays.toString(sizes) + " (tifffile) without axes, so channels, z and time cannot "
                    + "be told apart: save it with metadata={'axes': 'CZYX'} (or TCZYX), as an ImageJ hyperstack or as OME-TIFF");
        }
        if (axes.length() != sizes.length || !axes.endsWith("YX")) {
            throw new TiffException("file " + file + ": tifffile axes '" + axes + "' do not fit shape "
                    + java.util.Arrays.toString(sizes) + " ending in y, x (colour samples 'S' are not supported)");
        }
        int c = 1, z = 1, t = 1;
        StringBuilder fastestFirst = new StringBuilder();
        for (int i = axes.length() - 3; i >= 0; i--) {
            char a = axes.charAt(i);
            if (a == 'C') c = sizes[i];
            else if (a == 'Z') z = sizes[i];
            else if (a == 'T') t = sizes[i];
            else if (sizes[i] != 1) {
                throw new TiffException("file " + file + ": tifffile axis '" + a + "' (size " + sizes[i] + ") is not "
                        + "supported; livedecon reads the axes T, C, Z, Y, X");
            } else continue;
            if (fastestFirst.indexOf(String.valueOf(a)) >= 0) {
                throw new TiffException("file " + file + ": tifffile axes '" + axes + "' repeat '" + a + "'");
            }
            fastestFirst.append(a);
        }
        for (char a : new char[] {'C', 'Z', 'T'}) {
            if (fastestFirst.indexOf(String.valueOf(a)) < 0) fastestFirst.append(a);
        }
        if ((long) c * z * t != pageCount) {
            throw new TiffException("file " + file + " is inconsistent or truncated: its tifffile shape "
                    + java.util.Arrays.toString(sizes) + " needs " + (long) c * z * t + " planes but the file has " + pageCount);
        }
        return ordered("tifffile " + axes, fastestFirst.toString(), c, z, t, null, null);
    }

    /** Number of pages the layout refers to (the largest page + 1). */
    int pagesUsed() {
        int max = -1;
        for (int[][] a : pages) for (int[] b : a) for (int p : b) max = Math.max(max, p);
        return max + 1;
    }
}
