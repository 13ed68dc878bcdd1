package app.tradebot.gateway.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One launcher per data directory. Without it a second launcher would take the first one's
 * PostgreSQL and Redis for leftovers of a killed run and stop them. The operating system drops
 * the lock when the process dies, even by kill -9, so a stale lock file never blocks a start.
 */
final class DataDirectoryLock implements AutoCloseable {

    static final String FILE = ".lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirectoryLock acquire(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        FileChannel channel = null;
        try {
            Files.createDirectories(dataDir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw inUse(dataDir, null);
            }
            return new DataDirectoryLock(channel, lock);
        }
        catch (OverlappingFileLockException e) {
            close(channel);
            throw inUse(dataDir, e);
        }
        catch (IOException e) {
            close(channel);
            throw new EmbeddedInfrastructureException("Cannot use data directory " + dataDir + ": " + e.getMessage()
                    + ". Set TRADEBOT_DATA_DIR to a writable directory.", e);
        }
        catch (RuntimeException e) {
            close(channel);
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        }
        catch (IOException e) {
            // Released with the channel below anyway.
        }
        close(channel);
    }

    private static EmbeddedInfrastructureException inUse(Path dataDir, Exception cause) {
        return new EmbeddedInfrastructureException("Another TradeBot launcher is using " + dataDir
                + " (it holds " + dataDir.resolve(FILE) + "). Stop it, or give this one its own TRADEBOT_DATA_DIR.", cause);
    }

    private static void close(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        }
        catch (IOException e) {
            // Nothing left to release.
        }
    }
}
