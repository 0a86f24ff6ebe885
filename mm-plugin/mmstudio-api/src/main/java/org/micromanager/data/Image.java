package org.micromanager.data;

/** Mirror of MMStudio's immutable image (all methods of the 2.0 interface). */
public interface Image {
   Image copyAtCoords(Coords coords);

   Image copyWithMetadata(Metadata metadata);

   Image copyWith(Coords coords, Metadata metadata);

   long getIntensityAt(int x, int y);

   long getComponentIntensityAt(int x, int y, int component);

   long[] getComponentIntensitiesAt(int x, int y);

   @Deprecated
   int getImageJPixelType();

   String getIntensityStringAt(int x, int y);

   Metadata getMetadata();

   Coords getCoords();

   int getWidth();

   int getHeight();

   int getBytesPerPixel();

   int getBytesPerComponent();

   int getNumComponents();

   /** byte[] (GRAY8, RGB32), short[] (GRAY16) or float[] (GRAY32); do not modify. */
   Object getRawPixels();

   Object getRawPixelsCopy();

   Object getRawPixelsForComponent(int component);

   byte[] getByteArray();
}
