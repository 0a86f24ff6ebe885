package org.livedecon.core.live;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15, item 5: a spill folder left by a killed run is deleted when the next store is made. */
class SpillStoreCleanupTest {
    @TempDir
    Path temp;

    @Test
    void staleSpillFolderIsDeletedAtStartAndOwnFolderAtClose() throws Exception {
        Path stale = Files.createDirectory(temp.resolve(SpillStore.PREFIX + "12345"));
        Files.write(stale.resolve(SpillStore.LOCK), new byte[0]); // its owner is gone: nobody holds the lock
        Files.write(stale.resolve("stack-1.raw"), new byte[4096]);
        Path other = Files.createDirectory(temp.resolve("my-data"));

        SpillStore store = new SpillStore(temp);
        assertFalse(Files.exists(stale), "stale spill folder deleted");
        assertTrue(Files.exists(other), "other folders untouched");

        RawStack s = new RawStack(new org.livedecon.core.acquisition.PlaneCoords(0, 0, 0, 0), 2, 4, 3);
        s.put(0, new short[12], 0L);
        store.write(s);
        Path mine = store.directory();
        assertTrue(Files.isRegularFile(mine.resolve(SpillStore.LOCK)), "in use: locked");
        // a second store (another run at the same time) leaves a folder in use alone
        new SpillStore(temp).close();
        assertTrue(Files.exists(mine));
        store.close();
        assertFalse(Files.exists(mine));
    }
}
