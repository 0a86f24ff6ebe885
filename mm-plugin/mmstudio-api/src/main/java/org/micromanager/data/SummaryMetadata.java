package org.micromanager.data;

import java.util.List;
import org.micromanager.PropertyMap;

/** Subset of MMStudio's SummaryMetadata. */
public interface SummaryMetadata {
   /** Subset of {@code SummaryMetadata.Builder}. */
   interface Builder {
      SummaryMetadata build();

      Builder prefix(String prefix);

      Builder channelNames(String... channelNames);

      Builder zStepUm(Double zStepUm);

      Builder axisOrder(String... axisOrder);

      Builder intendedDimensions(Coords intendedDimensions);

      Builder userData(PropertyMap userData);
   }

   Builder copyBuilder();

   String getPrefix();

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
