package io.trailguard.aws.collect.service;

/** Minimal ARN reading: {@code arn:partition:service:region:account:resource}. */
public final class Arns {
    private Arns() {
    }

    private static String part(String arn, int i) {
        if (arn == null) {
            return null;
        }
        String[] p = arn.split(":", 6);
        return p.length == 6 && "arn".equals(p[0]) ? p[i] : null;
    }

    public static String account(String arn) {
        return part(arn, 4);
    }

    public static String service(String arn) {
        return part(arn, 2);
    }

    public static String region(String arn) {
        return part(arn, 3);
    }

    public static String partition(String arn) {
        return part(arn, 1);
    }

    public static String resource(String arn) {
        return part(arn, 5);
    }

    /** The last path segment of the resource part: a role or policy name. */
    public static String lastName(String arn) {
        String r = resource(arn);
        return r == null ? null : r.substring(r.lastIndexOf('/') + 1);
    }
}
