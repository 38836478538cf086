package cn.mediation.bench;

/** Tells on stderr what the benchmark is doing, with the time since it started, so a long run can be followed. */
final class Progress {

    private static final long STARTED = System.nanoTime();

    private Progress() {
    }

    static void say(String format, Object... args) {
        long seconds = (System.nanoTime() - STARTED) / 1_000_000_000L;
        System.err.printf("[%02d:%02d] %s%n", seconds / 60, seconds % 60, String.format(format, args));
        System.err.flush();
    }
}
