package org.micromanager.data;

/** Makes one Processor per pipeline (exact mirror). */
public interface ProcessorFactory {
   Processor createProcessor();
}
