#!/usr/bin/env sh
# How much AWS knowledge the Java holds outside the policy package, at a git revision (default HEAD), read from git
# (no checkout, no build): bench/aws-knowledge-lines.sh [REV]. TOP=N lists N files (default 10); SHOW=REGEX prints
# each AWS line of the files whose path matches, with what it matched. Needs git and python3.
#
# Scope: the .java files under core/src/main/java except io/trailguard/core/policy/ (the IAM policy model, which is
# AWS knowledge by design), and under rules/src/main/java.
# A Java line: a line with code once comments (//, /* */, javadoc) are removed; a line inside a string or text block
# is code. Blank and comment-only lines are not counted.
# An AWS line: a Java line holding a string literal (or a text-block line) that names an AWS thing:
#   type    a resource type: contains "AWS::"
#   arn     an ARN or its fragment: contains "arn:" (not preceded by a letter)
#   host    a service principal or endpoint: contains "amazonaws.com"
#   action  an IAM action or condition key: contains PREFIX:NAME, PREFIX an IAM service prefix of the services
#           trailguard reads (aws s3 kms sns sqs logs iam sts cloudtrail cloudwatch ec2 organizations config route53
#           route53resolver lambda events) and NAME a letter then letters, digits or dashes, or "*" (s3:GetObject,
#           aws:SourceArn, aws:kms, s3:x-amz-acl); or any lower-case prefix and a PascalCase name (macie2:GetFindings)
#   field   a field of an AWS API shape, or a path of them: the whole literal is made of names joined by . / [ ] $ *
#           and digits ("KmsKeyId", "Replication.Rules[].Destination.Bucket", "$.IsMultiRegionTrail"), and every
#           name is a key with an upper-case letter (PascalCase or camelCase) found inside a resource's
#           "configuration" in the revision's examples/*.json (the snapshots the collector writes from AWS's answers)
# A line counts once however many literals or patterns it holds. Also printed, for the closing note: the rule pack's
# YAML lines (rules/src/main/resources/io/trailguard/rules/pack, *.yaml outside fixtures/), its fixture lines and
# files (everything under a fixtures/ directory there), core's relations.yaml, and the largest main-code Java file.
set -e
cd "$(dirname "$0")/.."
exec python3 - "${1:-HEAD}" "${TOP:-10}" "${SHOW:-}" <<'PY'
import json, re, subprocess, sys

rev, top, show_re = sys.argv[1], int(sys.argv[2]), sys.argv[3]
git = lambda *a: subprocess.run(["git", *a], check=True, capture_output=True, text=True).stdout
files = git("ls-tree", "-r", "--name-only", rev).splitlines()
show = lambda path: git("show", f"{rev}:{path}")

keys = set()
def walk(n):
    if isinstance(n, dict):
        for k, v in n.items():
            keys.add(k)
            walk(v)
    elif isinstance(n, list):
        for v in n:
            walk(v)
for f in files:
    if re.fullmatch(r"examples/[^/]+\.json", f):
        for r in json.loads(show(f)).get("resources", []):
            walk(r.get("configuration", {}))
keys = {k for k in keys if re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", k) and re.search(r"[A-Z]", k)}

PREFIXES = ("aws|s3|kms|sns|sqs|logs|iam|sts|cloudtrail|cloudwatch|ec2|organizations|config|route53|route53resolver"
            "|lambda|events")
PATTERNS = {
    "type": re.compile(r"AWS::"),
    "arn": re.compile(r"(?<![A-Za-z])arn:"),
    "host": re.compile(r"amazonaws\.com"),
    "action": re.compile(rf"(?<![\w-])(?:(?:{PREFIXES}):(?:\*|[A-Za-z][\w-]*)|[a-z][a-z0-9-]*:[A-Z][a-z]\w*)"),
}

def is_field(s):
    s = s.strip()
    names = [t for t in re.split(r"[^A-Za-z0-9]+", s) if t and not t.isdigit()]
    return bool(names) and re.fullmatch(r"[A-Za-z0-9./\[\]$*]+", s) and all(t in keys for t in names)

def kinds(lit):
    out = {k for k, p in PATTERNS.items() if p.search(lit)}
    if is_field(lit):
        out.add("field")
    return out

def java_lines(text):
    """Per line: (has code, [literal fragments on it]), comments removed."""
    lines, code, lits = [], False, []
    i, n, state, buf = 0, len(text), "code", []
    def end_line():
        nonlocal code, lits
        lines.append((code, lits))
        code, lits = False, []
    while i < n:
        c = text[i]
        if state == "code":
            if text.startswith("//", i):
                j = text.find("\n", i)
                i = n if j < 0 else j
                continue
            if text.startswith("/*", i):
                state, i = "block", i + 2
                continue
            if text.startswith('"""', i):
                state, buf, code, i = "textblock", [], True, text.index("\n", i) + 1
                end_line()
                continue
            if c in "\"'":
                quote, j, buf = c, i + 1, []
                while text[j] != quote:
                    if text[j] == "\\":
                        buf.append(text[j])
                        j += 1
                    buf.append(text[j])
                    j += 1
                if quote == '"':
                    lits.append("".join(buf))
                code, i = True, j + 1
                continue
            if c == "\n":
                end_line()
            elif not c.isspace():
                code = True
            i += 1
        elif state == "block":
            if text.startswith("*/", i):
                state, i = "code", i + 2
                continue
            if c == "\n":
                end_line()
            i += 1
        else:  # text block: each line is a literal fragment of its line
            if text.startswith('"""', i) and not text.startswith('\\"""', i - 1):
                lits.append("".join(buf))
                state, i = "code", i + 3
                continue
            if c == "\n":
                lits.append("".join(buf))
                buf, code = [], True
                end_line()
            else:
                buf.append(c)
            i += 1
    end_line()
    return lines

TREES = [("core/src/main/java (not core/policy)", r"core/src/main/java/.*\.java",
          r"core/src/main/java/io/trailguard/core/policy/.*"),
         ("rules/src/main/java", r"rules/src/main/java/.*\.java", None)]
per_file, totals, by_kind = [], [], {k: 0 for k in [*PATTERNS, "field"]}
for label, inc, exc in TREES:
    java = aws = 0
    for f in files:
        if not re.fullmatch(inc, f) or (exc and re.fullmatch(exc, f)):
            continue
        fj = fa = 0
        for no, (code, lits) in enumerate(java_lines(show(f)), 1):
            if not code:
                continue
            fj += 1
            k = set().union(*[kinds(l) for l in lits]) if lits else set()
            if k:
                fa += 1
                if show_re and re.search(show_re, f):
                    print(f"{f}:{no}: {' '.join(sorted(k))}: {lits}")
                for x in k:
                    by_kind[x] += 1
        java, aws = java + fj, aws + fa
        per_file.append((fa, fj, f))
    totals.append((label, java, aws))

sha = git("rev-parse", "--short", rev).strip()
date = git("log", "-1", "--format=%cd", "--date=format:%Y-%m-%d %H:%M", rev).strip()
print(f"revision {rev} = {sha} ({date}); {len(keys)} AWS field names from examples/*.json")
print(f"{'scope':<40}{'Java lines':>12}{'AWS lines':>11}")
for label, java, aws in totals:
    print(f"{label:<40}{java:>12}{aws:>11}")
tj, ta = sum(t[1] for t in totals), sum(t[2] for t in totals)
print(f"{'total':<40}{tj:>12}{ta:>11}  ({100 * ta / tj:.1f}%)")
print("AWS lines by pattern (a line may match several): " + ", ".join(f"{k} {v}" for k, v in by_kind.items()))
print(f"top {top} files by AWS lines (AWS / Java lines):")
for fa, fj, f in sorted(per_file, key=lambda x: (-x[0], x[2]))[:top]:
    print(f"  {fa:>5} / {fj:<5} {f}")

PACK = "rules/src/main/resources/io/trailguard/rules/pack/"
count = lambda paths: sum(show(p).count("\n") for p in paths)
pack_yaml = [f for f in files if f.startswith(PACK) and f.endswith(".yaml") and "/fixtures/" not in f]
fixtures = [f for f in files if f.startswith(PACK) and "/fixtures/" in f]
relations = [f for f in files if f == "core/src/main/resources/io/trailguard/core/relation/relations.yaml"]
mains = [(show(f).count("\n"), f) for f in files if re.fullmatch(r"[^/]+/src/main/java/.*\.java", f)]
print(f"rule pack YAML lines: {count(pack_yaml)} in {len(pack_yaml)} files; fixture lines: {count(fixtures)} in "
      f"{len(fixtures)} files; relations.yaml lines: {count(relations) if relations else 0}")
print("largest main Java file: %d lines, %s" % max(mains))
PY
