package org.micromanager.data;

import java.util.List;
import org.micromanager.PropertyMap;

/** Subset of MMStudio's SummaryMetadata. */
public interface SummaryMetadata {
   /** Subset of {@code SummaryMetadata.Builder}. */
   interface Builder {
      SummaryMetadata build();

      Builder prefix(String prefix);

      /** The root directory the dataset is saved under (MMStudio 2.0 {@code SummaryMetadata.Builder.directory}). */
      Builder directory(String directory);

      Builder channelNames(String... channelNames);

      Builder zStepUm(Double zStepUm);

      Builder axisOrder(String... axisOrder);

      Builder intendedDimensions(Coords intendedDimensions);

      Builder userData(PropertyMap userData);
   }

   Builder copyBuilder();

   /**
    * The dataset's name: the user's prefix plus Micro-Manager's numeric suffix, in practice the name of the
    * folder the data is saved in (below {@link #getDirectory()}); may be null for unsaved data.
    */
   String getPrefix();

   /** The directory the data was originally saved to (the parent of the dataset folder); null when not saved. */
   String getDirectory();

   String getChannelGroup();

   List<String> getChannelNameList();

   String getSafeChannelName(int index);

   Double getZStepUm();

   Double getWaitInterval();

   List<String> getOrderedAxes();

   /** Expected number of images along each axis. */
   Coords getIntendedDimensions();

   PropertyMap getUserData();
}
