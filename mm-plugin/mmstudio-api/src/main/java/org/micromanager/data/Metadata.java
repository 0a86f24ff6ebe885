package org.micromanager.data;

import org.micromanager.PropertyMap;

/** Subset of MMStudio's per-image Metadata. */
public interface Metadata {
   /** Subset of {@code Metadata.Builder}. */
   interface Builder {
      Metadata build();

      Builder pixelSizeUm(Double pixelSizeUm);

      Builder zPositionUm(Double zPositionUm);

      Builder userData(PropertyMap userData);

      Builder bitDepth(Integer bitDepth);
   }

   Double getPixelSizeUm();

   Double getZPositionUm();

   Double getExposureMs();

   Integer getBitDepth();

   String getCamera();

   PropertyMap getUserData();

   Builder copyBuilderPreservingUUID();

   Builder copyBuilderWithNewUUID();
}
