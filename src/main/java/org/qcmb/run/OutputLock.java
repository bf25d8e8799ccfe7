package org.qcmb.run;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.qcmb.common.InputException;

/**
 * The lock of an output folder: {@code DIR/.qcmb-lock}, held (an operating-system file lock) by one run from before
 * it reads the folder until it has written its result, so two runs never share one {@code --out}. The file names
 * its holder (PID, host, start time) for the message a second run prints. The lock dies with its process, so a run
 * killed with {@code kill -9} leaves no stale lock: the next run takes it over and overwrites the holder line. The
 * file itself is left in place (deleting it would let a waiting process lock an unlinked file).
 */
final class OutputLock implements AutoCloseable {
    static final String FILE = ".qcmb-lock";

    private final FileChannel channel;
    private final FileLock lock;

    private OutputLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock of dir (which must exist), or throws an {@link InputException} naming the holder. */
    static OutputLock acquire(Path dir) {
        Path file = dir.resolve(FILE);
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new InputException("--out " + dir + " is not writable: cannot create " + file + " ("
                    + OutputFolder.reason(e) + ")");
        }
        try {
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                lock = null;
            }
            if (lock == null) {
                String holder = holder(ch);
                ch.close();
                throw new InputException("--out " + dir + " is in use by another qcmb run (" + holder
                        + "): wait for it to finish, or choose another --out");
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + " " + host() + " " + Instant.now() + "\n")
                    .getBytes(StandardCharsets.UTF_8)), 0);
            ch.force(false);
            return new OutputLock(ch, lock);
        } catch (IOException e) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // the lock was not taken; the first problem is the one to report
            }
            throw new InputException("--out " + dir + ": cannot lock " + file + " (" + OutputFolder.reason(e) + ")");
        }
    }

    /** "pid 123 on host h since T" from the lock file, as far as it can be read. */
    private static String holder(FileChannel ch) {
        try {
            ByteBuffer b = ByteBuffer.allocate(512);
            int n = ch.read(b, 0);
            String[] f = n <= 0 ? new String[0] : new String(b.array(), 0, n, StandardCharsets.UTF_8).strip()
                    .split("\\s+");
            return f.length >= 3 ? "pid " + f[0] + " on host " + f[1] + " since " + f[2] : "holder unknown";
        } catch (IOException e) {
            return "holder unknown";
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }

    @Override
    public void close() {
        try {
            channel.truncate(0);
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the lock is released when the channel closes or the process ends
        }
    }
}
