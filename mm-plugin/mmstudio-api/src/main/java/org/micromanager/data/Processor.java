package org.micromanager.data;

/** One stage of an image pipeline (exact mirror of the MMStudio 2.0 interface). */
public interface Processor {
   /** Called at most once, before any image. */
   default SummaryMetadata processSummaryMetadata(SummaryMetadata source) {
      return source;
   }

   void processImage(Image image, ProcessorContext context);

   /** End of the pipeline; may still call {@link ProcessorContext#outputImage}. */
   default void cleanup(ProcessorContext context) {
   }
}
