package io.trailguard.core.integrity;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipException;

/**
 * Validates every trail's digest chain in a {@link LogStore}, as AWS documents it
 * (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-custom-validation.html): each
 * digest's signature ({@link DigestSignature}) with the public key its {@code digestPublicKeyFingerprint} names; the
 * chain (each digest names its predecessor's object, SHA-256 and signature); and every log file a digest lists,
 * present and with the SHA-256 of its uncompressed content equal to the listed {@code hashValue}. Log files no digest
 * lists are NOT_COVERED. Digests are hashed byte for byte as stored (uncompressed, never re-serialised).
 *
 * <p>Objects are read by {@code parallelism} threads, each streaming through a fixed buffer, so memory does not grow
 * with file size. An object that cannot be read makes its hour UNKNOWN, never valid. With a time range, digests ending
 * up to two hours after it are read too (not reported), because a log file delivered at the end of the range is
 * listed in the next hour's digest. Log files newer than a location's newest digest are not yet covered by any and are
 * not reported. Thread-safe; one instance per run.
 *
 * @since 0.2.0
 */
public final class IntegrityValidator {
    private static final int MAX_DIGEST_BYTES = 64 << 20;
    private static final Duration COVERAGE_SLACK = Duration.ofHours(2);

    private final LogStore store;
    private final ValidateOptions options;
    private final java.util.function.Function<Set<String>, PublicKeys> keyLoader;
    private volatile PublicKeys keys;

    /** Validates with the options' public keys only. */
    public IntegrityValidator(LogStore store, ValidateOptions options) {
        this(store, options, regions -> PublicKeys.none());
    }

    /**
     * Validates with the options' public keys and those {@code keyLoader} returns for the regions whose digests were
     * found (called once, after listing: CloudTrail signs with a key per region).
     */
    public IntegrityValidator(LogStore store, ValidateOptions options,
            java.util.function.Function<Set<String>, PublicKeys> keyLoader) {
        this.store = Objects.requireNonNull(store);
        this.options = Objects.requireNonNull(options);
        this.keyLoader = Objects.requireNonNull(keyLoader);
    }

    /** A digest as read: its key, and either its content, hash and signature verdict, or why it has none. */
    private record Read(Layout.DigestKey key, DigestFile file, String hash, String signature, IssueKind problem,
            String detail) {
        boolean parsed() {
            return file != null;
        }
    }

    /** Validates; {@code validatedAt} is recorded in the report (the caller's clock). */
    public IntegrityReport validate(Instant validatedAt) throws IOException {
        List<Layout.DigestKey> digestKeys = new ArrayList<>();
        List<Layout.LogKey> logKeys = new ArrayList<>();
        Set<String> allDigestKeys = new HashSet<>();
        store.list(options.prefix(), key -> {
            Layout.digest(key).ifPresentOrElse(d -> {
                if (inScope(d.trail().account(), d.trail().region())) {
                    allDigestKeys.add(key);
                    if (readable(d.endTime())) {
                        digestKeys.add(d);
                    }
                }
            }, () -> Layout.log(key).ifPresent(l -> {
                if (inScope(l.scope().account(), l.scope().region()) && inRange(l.time())) {
                    logKeys.add(l);
                }
            }));
        });
        Set<String> regions = new java.util.TreeSet<>();
        digestKeys.forEach(d -> regions.add(d.trail().region()));
        keys = regions.isEmpty() ? options.keys() : options.keys().plus(keyLoader.apply(regions));
        List<IntegrityIssue> issues = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(options.parallelism(), r -> {
            Thread t = new Thread(r, "trailguard-validate-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Read>> reads = new ArrayList<>();
            for (Layout.DigestKey d : digestKeys) {
                reads.add(pool.submit(() -> read(d)));
            }
            Map<TrailId, List<Read>> chains = new TreeMap<>();
            for (Future<Read> f : reads) {
                Read r = Futures.join(f);
                chains.computeIfAbsent(r.key().trail(), k -> new ArrayList<>()).add(r);
            }
            Set<String> covered = ConcurrentHashMap.newKeySet();
            Map<TrailId.LogScope, Instant> newestDigest = new HashMap<>();
            List<Hour> hours = new ArrayList<>();
            List<Future<?>> checks = new ArrayList<>();
            for (Map.Entry<TrailId, List<Read>> e : chains.entrySet()) {
                List<Read> chain = e.getValue();
                chain.sort(Comparator.comparing((Read r) -> r.key().endTime()).thenComparing(r -> r.key().key()));
                checkChain(e.getKey(), chain, allDigestKeys, issues);
                for (Read r : chain) {
                    newestDigest.merge(e.getKey().scope(), r.key().endTime(), (a, b) -> a.isAfter(b) ? a : b);
                    if (r.parsed()) {
                        r.file().logFiles().forEach(lf -> covered.add(lf.s3Object()));
                    }
                    if (!reported(r)) {
                        continue;
                    }
                    Hour h = new Hour(e.getKey(), r);
                    hours.add(h);
                    if (r.problem() != null) {
                        issues.add(new IntegrityIssue(r.problem(), e.getKey(), start(r), r.key().endTime(),
                                r.key().key(), r.detail()));
                    }
                    if (r.parsed()) {
                        for (DigestFile.LogFileEntry lf : r.file().logFiles()) {
                            checks.add(pool.submit(() -> checkLogFile(h, lf, issues)));
                        }
                    }
                }
            }
            for (Future<?> f : checks) {
                Futures.join(f);
            }
            int notCovered = notCovered(logKeys, covered, newestDigest, issues);
            return report(validatedAt, hours, issues, notCovered, digestKeys.size());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Validates one digest as it arrives (the Lambda handler's question): its signature, its link to the previous
     * digest it names (present, same SHA-256 and signature), and every log file it lists. No listing of the bucket:
     * NOT_COVERED is not checked.
     *
     * @throws IllegalArgumentException when the key is not a CloudTrail digest file's key
     */
    public IntegrityReport validateDigest(String digestKey, Instant validatedAt) throws IOException {
        Layout.DigestKey d = Layout.digest(digestKey).orElseThrow(() -> new IllegalArgumentException(
                "not a CloudTrail digest file: " + digestKey));
        keys = options.keys().plus(keyLoader.apply(Set.of(d.trail().region())));
        List<IntegrityIssue> issues = java.util.Collections.synchronizedList(new ArrayList<>());
        Read r = read(d);
        if (r.problem() != null) {
            issues.add(new IntegrityIssue(r.problem(), d.trail(), start(r), d.endTime(), d.key(), r.detail()));
        }
        if (r.parsed() && !r.file().startsChain() && r.file().previousDigestS3Object() != null) {
            String named = r.file().previousDigestS3Object();
            Read prev = Layout.digest(named).map(this::read).orElse(null);
            boolean present = prev != null && !(prev.problem() == IssueKind.UNKNOWN && prev.file() == null
                    && prev.detail().startsWith("the digest disappeared"));
            link(d.trail(), present ? prev : null, r, present ? Set.of(named) : Set.of(), issues);
        }
        Hour h = new Hour(d.trail(), r);
        if (r.parsed()) {
            for (DigestFile.LogFileEntry lf : r.file().logFiles()) {
                checkLogFile(h, lf, issues);
            }
        }
        HourResult hr = h.result();
        return new IntegrityReport(store.describe(d.key()), validatedAt, options,
                List.of(new TrailResult(d.trail(), List.of(hr))), issues, new IntegrityReport.Counts(1, hr.logFiles(),
                        hr.valid(), hr.modified(), hr.deleted(), 0, hr.unknown()));
    }

    private boolean inScope(String account, String region) {
        return (options.accounts().isEmpty() || options.accounts().contains(account))
                && (options.regions().isEmpty() || options.regions().contains(region));
    }

    private boolean readable(Instant digestEnd) {
        return (options.from() == null || digestEnd.isAfter(options.from()))
                && (options.to() == null || !digestEnd.isAfter(options.to().plus(COVERAGE_SLACK)));
    }

    private boolean reported(Read r) {
        return options.to() == null || start(r).isBefore(options.to());
    }

    private boolean inRange(Instant t) {
        return (options.from() == null || !t.isBefore(options.from())) && (options.to() == null || t.isBefore(options.to()));
    }

    private static Instant start(Read r) {
        return r.parsed() ? r.file().digestStartTime() : r.key().endTime().minus(Duration.ofHours(1));
    }

    // ---- one digest ----

    private Read read(Layout.DigestKey d) {
        Map<String, String> meta;
        byte[] content;
        try {
            LogStore.Opened o = store.openWithMetadata(d.key());
            meta = o.metadata();
            try (InputStream in = o.content()) {
                content = Hashing.gunzip(in, MAX_DIGEST_BYTES);
            }
        } catch (NoSuchFileException gone) {
            return new Read(d, null, null, null, IssueKind.UNKNOWN, "the digest disappeared while being read");
        } catch (ZipException | EOFException notGzip) {
            return new Read(d, null, null, null, IssueKind.DIGEST_INVALID,
                    "the digest is not gzip as CloudTrail delivers it: " + notGzip.getMessage());
        } catch (IOException | RuntimeException unreadable) {
            return new Read(d, null, null, null, IssueKind.UNKNOWN, "the digest could not be read ("
                    + store.describe(d.key()) + "): " + unreadable.getMessage());
        }
        String hash = Hashing.sha256(content);
        String signature = meta.get("signature");
        DigestFile f;
        try {
            f = DigestFile.parse(content);
        } catch (IllegalArgumentException bad) {
            return new Read(d, null, hash, signature, IssueKind.DIGEST_INVALID,
                    "the digest's content is not a CloudTrail digest: " + bad.getMessage());
        }
        String where = verdict(d, f, hash, signature, meta.get("signature-algorithm"));
        if (where == null) {
            return new Read(d, f, hash, signature, null, null);
        }
        IssueKind kind = where.startsWith("?") ? IssueKind.UNKNOWN : IssueKind.DIGEST_INVALID;
        return new Read(d, f, hash, signature, kind, where.startsWith("?") ? where.substring(1) : where);
    }

    /** Why the digest is not valid ({@code ?}-prefixed: why it cannot be told), or {@code null} when it is. */
    private String verdict(Layout.DigestKey d, DigestFile f, String hash, String signature, String algorithm) {
        if (!f.digestS3Object().equals(d.key())) {
            return "the digest says it is " + f.digestS3Object() + " but is stored at " + d.key()
                    + ": it was copied or moved, and its signature covers the other location";
        }
        if (store.bucket() != null && !store.bucket().equals(f.digestS3Bucket())) {
            return "the digest says it is in bucket " + f.digestS3Bucket() + " but is stored in " + store.bucket();
        }
        if (!f.awsAccountId().equals(d.trail().account())) {
            return "the digest is for account " + f.awsAccountId() + " but stored under account " + d.trail().account();
        }
        if (signature == null || signature.isBlank()) {
            return "?the digest has no signature in its metadata (x-amz-meta-signature; in a local copy "
                    + "<digest>" + LocalLogStore.METADATA_SUFFIX + "): copy the bucket with trailguard logs fetch, "
                    + "which keeps it";
        }
        String alg = algorithm != null ? algorithm : f.digestSignatureAlgorithm();
        if (alg != null && !DigestSignature.ALGORITHM.equals(alg)) {
            return "the digest's signature algorithm is " + alg + ", not " + DigestSignature.ALGORITHM;
        }
        PublicKeys.Key key = keys.byFingerprint(f.digestPublicKeyFingerprint()).orElse(null);
        if (key == null) {
            return "?the public key " + f.digestPublicKeyFingerprint() + " the digest was signed with is not known: "
                    + "give --public-keys with a ListPublicKeys response covering " + f.digestEndTimeText();
        }
        String data = DigestSignature.dataToSign(f.digestEndTimeText(), f.digestS3Bucket(), f.digestS3Object(), hash,
                f.previousDigestSignature());
        if (!DigestSignature.verify(key.key(), data, signature)) {
            return "the signature does not verify with public key " + key.fingerprint()
                    + ": the digest was modified, or not signed by CloudTrail";
        }
        if (key.validFrom() != null && f.digestEndTime().isBefore(key.validFrom())
                || key.validTo() != null && f.digestEndTime().isAfter(key.validTo())) {
            return "the digest was signed with public key " + key.fingerprint() + " outside the key's validity ("
                    + key.validFrom() + " to " + key.validTo() + ")";
        }
        return null;
    }

    // ---- the chain ----

    private void checkChain(TrailId trail, List<Read> chain, Set<String> allDigestKeys, List<IntegrityIssue> issues) {
        Read prev = null;
        List<Read> empty = new ArrayList<>();
        for (Read r : chain) {
            if (r.key().backfill()) {
                continue; // backfill digests list late log files; they are not links of the chain
            }
            boolean report = reported(r);
            if (r.parsed() && report) {
                if (r.file().startsChain()) {
                    if (prev != null) {
                        issues.add(new IntegrityIssue(IssueKind.VALIDATION_OFF, trail, prevEnd(prev),
                                r.file().digestStartTime(), null, "a new digest chain starts at " + r.file().digestStartTimeText()
                                        + ": log file validation was off (or the trail was re-created) from "
                                        + prevEnd(prev) + "; nothing vouches for log files delivered in between"));
                    }
                } else {
                    link(trail, prev, r, allDigestKeys, issues);
                }
            }
            if (r.parsed() && r.problem() == null && r.file().logFiles().isEmpty() && report) {
                empty.add(r);
            } else {
                flushEmpty(trail, empty, issues);
            }
            prev = r;
        }
        flushEmpty(trail, empty, issues);
    }

    private void link(TrailId trail, Read prev, Read r, Set<String> allDigestKeys, List<IntegrityIssue> issues) {
        DigestFile f = r.file();
        String named = f.previousDigestS3Object();
        if (prev != null && prev.key().key().equals(named)) {
            if (prev.hash() != null && (!prev.hash().equals(f.previousDigestHashValue())
                    || !Objects.equals(prev.signature(), f.previousDigestSignature()))) {
                boolean hashDiffers = !prev.hash().equals(f.previousDigestHashValue());
                issues.add(new IntegrityIssue(IssueKind.CHAIN_BROKEN, trail, start(prev), prev.key().endTime(),
                        prev.key().key(), "the next digest (" + r.key().key() + ") records a different "
                                + (hashDiffers ? "SHA-256" : "signature") + " for this digest than the one stored: "
                                + "the digest or its signature was replaced after delivery"));
            }
            if (prev.parsed() && f.digestStartTime().isAfter(prev.file().digestEndTime())) {
                issues.add(new IntegrityIssue(IssueKind.LOGGING_OFF, trail, prev.file().digestEndTime(),
                        f.digestStartTime(), null, "no digest covers " + prev.file().digestEndTimeText() + " to "
                                + f.digestStartTimeText() + " and the chain is intact: the trail was not logging "
                                + "(StopLogging) in between"));
            }
            return;
        }
        if (named == null) {
            issues.add(new IntegrityIssue(IssueKind.DIGEST_INVALID, trail, f.digestStartTime(), f.digestEndTime(),
                    r.key().key(), "the digest has a previous signature but names no previous digest object"));
            return;
        }
        Instant namedEnd = Layout.digest(named).map(Layout.DigestKey::endTime).orElse(null);
        if (prev == null && (allDigestKeys.contains(named) || options.from() != null && namedEnd != null
                && !namedEnd.isAfter(options.from()))) {
            return; // the predecessor is outside the time range
        }
        if (!allDigestKeys.contains(named)) {
            Instant from = prev == null ? null : prevEnd(prev);
            issues.add(new IntegrityIssue(IssueKind.DIGEST_MISSING, trail, from, f.digestStartTime(), named,
                    "the digest " + r.key().key() + " names this previous digest and it is not in the bucket: "
                            + "nothing vouches for log files delivered " + (from == null ? "before " : "from " + from + " to ")
                            + f.digestStartTimeText() + " (deleted digests; log files they listed may be gone too)"));
        } else {
            issues.add(new IntegrityIssue(IssueKind.CHAIN_BROKEN, trail, f.digestStartTime(), f.digestEndTime(),
                    r.key().key(), "the digest names " + named + " as its predecessor, but the digest before it in the "
                            + "bucket is " + (prev == null ? "none" : prev.key().key())));
        }
    }

    private static Instant prevEnd(Read prev) {
        return prev.parsed() ? prev.file().digestEndTime() : prev.key().endTime();
    }

    private static void flushEmpty(TrailId trail, List<Read> empty, List<IntegrityIssue> issues) {
        if (empty.isEmpty()) {
            return;
        }
        Read first = empty.get(0);
        Read last = empty.get(empty.size() - 1);
        issues.add(new IntegrityIssue(IssueKind.NO_LOG_FILES, trail, first.file().digestStartTime(),
                last.file().digestEndTime(), null, empty.size() + " valid digest(s) from " + first.file().digestStartTimeText()
                        + " to " + last.file().digestEndTimeText() + " list no log files: no events were delivered "
                        + "(logging stopped, or no activity)"));
        empty.clear();
    }

    // ---- log files ----

    /** A reported hour and the verdicts of its log files, filled in by the checking threads. */
    private static final class Hour {
        final TrailId trail;
        final Read read;
        final AtomicInteger valid = new AtomicInteger();
        final AtomicInteger modified = new AtomicInteger();
        final AtomicInteger deleted = new AtomicInteger();
        final AtomicInteger unknown = new AtomicInteger();

        Hour(TrailId trail, Read read) {
            this.trail = trail;
            this.read = read;
        }

        HourResult result() {
            int files = read.parsed() ? read.file().logFiles().size() : 0;
            HourResult.Verdict v = read.problem() == IssueKind.DIGEST_INVALID || modified.get() + deleted.get() > 0
                    ? HourResult.Verdict.INVALID
                    : read.problem() != null || unknown.get() > 0 ? HourResult.Verdict.UNKNOWN : HourResult.Verdict.VALID;
            return new HourResult(start(read), read.key().endTime(), read.key().key(), v, read.key().backfill(), files,
                    valid.get(), modified.get(), deleted.get(), unknown.get());
        }
    }

    private void checkLogFile(Hour h, DigestFile.LogFileEntry lf, List<IntegrityIssue> issues) {
        Instant from = start(h.read);
        Instant to = h.read.key().endTime();
        if (store.bucket() != null && lf.s3Bucket() != null && !store.bucket().equals(lf.s3Bucket())) {
            h.unknown.incrementAndGet();
            issues.add(new IntegrityIssue(IssueKind.UNKNOWN, h.trail, from, to, lf.s3Object(),
                    "listed in bucket " + lf.s3Bucket() + ", not the one validated (" + store.bucket() + ")"));
            return;
        }
        String actual;
        try (InputStream in = store.open(lf.s3Object())) {
            actual = Hashing.sha256OfGunzipped(in);
        } catch (NoSuchFileException gone) {
            h.deleted.incrementAndGet();
            issues.add(new IntegrityIssue(IssueKind.DELETED, h.trail, from, to, lf.s3Object(),
                    "the digest " + h.read.key().key() + " lists this log file and it is not in the bucket"));
            return;
        } catch (ZipException | EOFException notGzip) {
            h.modified.incrementAndGet();
            issues.add(new IntegrityIssue(IssueKind.MODIFIED, h.trail, from, to, lf.s3Object(),
                    "the log file is no longer the gzip CloudTrail delivered: " + notGzip.getMessage()));
            return;
        } catch (IOException | RuntimeException unreadable) {
            h.unknown.incrementAndGet();
            issues.add(new IntegrityIssue(IssueKind.UNKNOWN, h.trail, from, to, lf.s3Object(),
                    "the log file could not be read: " + unreadable.getMessage()));
            return;
        }
        if (actual.equalsIgnoreCase(lf.hashValue())) {
            h.valid.incrementAndGet();
        } else {
            h.modified.incrementAndGet();
            issues.add(new IntegrityIssue(IssueKind.MODIFIED, h.trail, from, to, lf.s3Object(),
                    "SHA-256 of the uncompressed content is " + actual + ", the digest " + h.read.key().key()
                            + " lists " + lf.hashValue()));
        }
    }

    private static int notCovered(List<Layout.LogKey> logs, Set<String> covered,
            Map<TrailId.LogScope, Instant> newestDigest, List<IntegrityIssue> issues) {
        Map<TrailId.LogScope, List<Layout.LogKey>> withoutDigests = new TreeMap<>(
                Comparator.comparing(TrailId.LogScope::toString));
        int n = 0;
        for (Layout.LogKey l : logs) {
            if (covered.contains(l.key())) {
                continue;
            }
            Instant newest = newestDigest.get(l.scope());
            if (newest == null) {
                withoutDigests.computeIfAbsent(l.scope(), k -> new ArrayList<>()).add(l);
                n++;
            } else if (l.time().isBefore(newest.minus(Duration.ofHours(1)))) {
                n++;
                issues.add(new IntegrityIssue(IssueKind.NOT_COVERED, scopeOnly(l.scope()), l.time(), null, l.key(),
                        "no digest lists this log file: it was added after delivery, or delivered while log file "
                                + "validation was off"));
            }
        }
        withoutDigests.forEach((scope, files) -> {
            files.sort(Comparator.comparing(Layout.LogKey::time));
            issues.add(new IntegrityIssue(IssueKind.NOT_COVERED, scopeOnly(scope), files.get(0).time(),
                    files.get(files.size() - 1).time(), files.get(0).key(), files.size() + " log file(s) and no digest "
                            + "at all for this account and region: log file validation is off for the trails delivering here"));
        });
        return n;
    }

    private static TrailId scopeOnly(TrailId.LogScope s) {
        return new TrailId(s.prefix(), s.organizationId(), s.account(), s.region(), null, null);
    }

    private IntegrityReport report(Instant at, List<Hour> hours, List<IntegrityIssue> issues, int notCovered,
            int digests) {
        Map<TrailId, List<HourResult>> byTrail = new TreeMap<>();
        int files = 0;
        int valid = 0;
        int modified = 0;
        int deleted = 0;
        int unknown = 0;
        for (Hour h : hours) {
            HourResult r = h.result();
            byTrail.computeIfAbsent(h.trail, k -> new ArrayList<>()).add(r);
            files += r.logFiles();
            valid += r.valid();
            modified += r.modified();
            deleted += r.deleted();
            unknown += r.unknown();
        }
        List<TrailResult> trails = new ArrayList<>();
        byTrail.forEach((t, hs) -> trails.add(new TrailResult(t, hs)));
        List<IntegrityIssue> sorted = new ArrayList<>(issues);
        sorted.sort(Comparator.comparing((IntegrityIssue i) -> i.trail().scope().toString())
                .thenComparing(i -> String.valueOf(i.trail().trail()))
                .thenComparing(IntegrityIssue::from, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(IntegrityIssue::kind).thenComparing(i -> String.valueOf(i.object())));
        String location = store.bucket() == null ? store.describe(options.prefix())
                : "s3://" + store.bucket() + "/" + options.prefix();
        return new IntegrityReport(location, at, options, trails, sorted,
                new IntegrityReport.Counts(digests, files, valid, modified, deleted, notCovered, unknown));
    }
}
