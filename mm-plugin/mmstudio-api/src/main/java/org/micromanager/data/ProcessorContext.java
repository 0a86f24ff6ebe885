package org.micromanager.data;

/** Exact mirror. */
public interface ProcessorContext {
   /** Only legal from inside processImage() or cleanup(). */
   void outputImage(Image image);

   SummaryMetadata getSummaryMetadata();
}
