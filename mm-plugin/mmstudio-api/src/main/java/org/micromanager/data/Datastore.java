package org.micromanager.data;

import java.io.IOException;

/** Subset of MMStudio's Datastore. */
public interface Datastore extends DataProvider {
   void putImage(Image image) throws IOException;

   void setSummaryMetadata(SummaryMetadata summary) throws IOException;

   void freeze() throws IOException;

   void setName(String name);
}
