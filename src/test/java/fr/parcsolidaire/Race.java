package fr.parcsolidaire;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Starts calls at the same instant, each on its own virtual thread, to race them against each other. */
public final class Race {

    private Race() {
    }

    /** Runs every call at once and returns their answers in the order of the calls. */
    public static <T> List<T> run(List<? extends Callable<T>> calls) {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Callable<T> call : calls) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
        }
        List<T> out = new ArrayList<>(answers.size());
        for (Future<T> answer : answers) {
            try {
                out.add(answer.get());
            } catch (ExecutionException e) {
                throw new AssertionError("a racing call failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        return out;
    }
}
