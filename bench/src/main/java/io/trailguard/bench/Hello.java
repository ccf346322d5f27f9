package io.trailguard.bench;

/** The bare JVM the CLI's cold start is compared with. */
public final class Hello {
    private Hello() {
    }

    public static void main(String[] args) {
        System.out.println("hello");
    }
}
