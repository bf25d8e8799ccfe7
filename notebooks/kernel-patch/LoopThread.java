package org.rapaio.jupyter.kernel.channels;

/**
 * Replacement for rapaio-jupyter-kernel 3.0.1's LoopThread (same name and API), put before the kernel jar on the
 * kernel JVM's class path by scripts/run-notebooks.
 *
 * <p>Why: the original {@code start()} calls {@code super.start()} and only then sets {@code running = true}, while
 * {@code run()} loops {@code while (running)}. When the new thread gets to {@code run()} first (often on a busy
 * 2-core machine) it sees {@code running == false} and ends at once, so that channel is dead: a dead Shell channel
 * never answers kernel_info_request, which is the "kernel hangs at start" seen in about 1 of 4 starts (thread dumps
 * of hung kernels lacked one of the loop threads). Here {@code running} is set before the thread starts.
 *
 * <p>Second race, seen once the first was fixed: the Shell channel's loop starts before {@code Channels.connect()}
 * has set the message handlers, and a kernel_info_request arriving then throws a NullPointerException that ended the
 * thread (again a kernel that never answers). Here an exception of the loop body is printed and the loop goes on.
 */
public final class LoopThread extends Thread {
    private volatile boolean running = false;
    private final long sleep;
    private final Runnable loopBody;

    public LoopThread(String name, long sleep, Runnable loopBody) {
        super(name);
        this.sleep = sleep;
        this.loopBody = loopBody;
    }

    @Override
    public void run() {
        while (running) {
            try {
                loopBody.run();
            } catch (RuntimeException e) {
                // e.g. the Shell channel reads a request before Channels.connect() has set its handlers (an NPE in
                // Channels.getHandler): the original thread died and the kernel never answered. Carry on; the
                // client repeats kernel_info_request until it gets a reply.
                System.err.println("[LoopThread " + getName() + "] " + e);
            }
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                running = false;
                return;
            }
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        super.start();
    }

    public void shutdown() {
        running = false;
    }
}
