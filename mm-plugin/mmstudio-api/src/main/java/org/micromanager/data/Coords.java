package org.micromanager.data;

import java.util.List;

/** Subset of MMStudio's Coords (axis constants and the getters the plugin uses). */
public interface Coords {
   String TIME_POINT = "time";
   String T = TIME_POINT;
   String STAGE_POSITION = "position";
   String P = STAGE_POSITION;
   String Z_SLICE = "z";
   String Z = Z_SLICE;
   String CHANNEL = "channel";
   String C = CHANNEL;

   /** Subset of {@code Coords.Builder}. */
   interface Builder {
      Coords build();

      Builder channel(int channel);

      Builder c(int channel);

      Builder timePoint(int frame);

      Builder t(int timepoint);

      Builder zSlice(int slice);

      Builder z(int slice);

      Builder stagePosition(int index);

      Builder p(int index);

      Builder index(String axis, int index);

      Builder removeAxis(String axis);
   }

   int getIndex(String axis);

   int getChannel();

   int getC();

   int getTimePoint();

   int getT();

   int getZSlice();

   int getZ();

   int getStagePosition();

   int getP();

   List<String> getAxes();

   boolean hasAxis(String axis);

   boolean hasZ();

   Builder copyBuilder();

   Coords copyRemovingAxes(String... axes);
}
