package org.micromanager.data;

import java.io.Closeable;
import java.io.IOException;

/** Subset of MMStudio's DataProvider. */
public interface DataProvider extends Closeable {
   Image getImage(Coords coords) throws IOException;

   int getNumImages();

   String getName();

   @Override
   void close() throws IOException;
}
