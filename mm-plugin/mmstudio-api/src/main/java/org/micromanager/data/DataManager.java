package org.micromanager.data;

/** Subset of MMStudio's DataManager. */
public interface DataManager {
   Coords.Builder coordsBuilder();

   Metadata.Builder metadataBuilder();

   SummaryMetadata.Builder summaryMetadataBuilder();

   Datastore createRAMDatastore();

   Datastore createMultipageTIFFDatastore(String directory, boolean shouldGenerateSeparateMetadata,
         boolean shouldSplitPositions) throws java.io.IOException;

   /** Copies {@code pixels}. */
   Image createImage(Object pixels, int width, int height, int bytesPerPixel, int numComponents, Coords coords,
         Metadata metadata);

   /** Wraps {@code pixels} without a copy. */
   Image wrapImage(Object pixels, int width, int height, int bytesPerPixel, int numComponents, Coords coords,
         Metadata metadata);
}
