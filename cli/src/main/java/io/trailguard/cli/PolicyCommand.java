package io.trailguard.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.core.policy.AccessRequest;
import io.trailguard.core.policy.Decision;
import io.trailguard.core.policy.PolicyDocument;
import io.trailguard.core.policy.PolicyEvaluator;
import io.trailguard.core.policy.PolicyInput;
import io.trailguard.core.policy.PolicyParseException;
import io.trailguard.core.policy.PublicAccess;
import io.trailguard.core.policy.StatementRef;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code trailguard policy}: evaluate a request against policy files, or tell whether a policy is public. Only parses
 * arguments, calls {@link PolicyEvaluator} and prints.
 *
 * <p>Exit codes: {@code evaluate} 0 allowed, 1 denied; {@code public} 0 not public, 1 public; both 2 for bad input
 * (the message names the file and what is wrong).
 *
 * @since 0.1
 */
@Command(
    name = "policy",
    description = "Evaluate IAM policies the way AWS does.",
    mixinStandardHelpOptions = true,
    subcommands = {PolicyCommand.Evaluate.class, PolicyCommand.Public.class})
public final class PolicyCommand implements Callable<Integer> {
  static final int OK = 0;
  static final int NEGATIVE = 1;
  static final int BAD_INPUT = 2;

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return BAD_INPUT;
  }

  /** Output formats. */
  enum Format { text, json }

  /** A policy file could not be read or parsed; the message names the file. */
  static final class BadInput extends Exception {
    BadInput(String message) {
      super(message);
    }
  }

  static PolicyDocument load(Path file) throws BadInput {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new BadInput(file + ": no such file");
    } catch (MalformedInputException e) {
      try {
        io.trailguard.core.diag.InputFiles.readUtf8(file, "the policy");
      } catch (io.trailguard.core.InvalidInputException bad) {
        throw new BadInput(bad.getMessage());
      }
      throw new BadInput(file + ": not UTF-8 text");
    } catch (IOException e) {
      throw new BadInput(file + ": cannot read: " + e.getMessage());
    }
    try {
      return PolicyDocument.parse(text);
    } catch (PolicyParseException e) {
      throw new BadInput(where(file, e));
    }
  }

  /**
   * {@code file:line:col: problem} for a JSON syntax error (the parser names the line and column), {@code file at
   * /pointer: problem} for a policy element, {@code file:1:1: problem} for the document as a whole.
   */
  static String where(Path file, PolicyParseException e) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^not valid JSON at line (\\d+), column (\\d+): ")
        .matcher(e.problem());
    if (e.pointer().isEmpty() && m.find()) {
      return file + ":" + m.group(1) + ":" + m.group(2) + ": not valid JSON: " + e.problem().substring(m.end());
    }
    return e.pointer().isEmpty() ? file + ":1:1: " + e.problem() : file + " at " + e.pointer() + ": " + e.problem();
  }

  static ArrayNode statementsJson(List<StatementRef> refs) {
    ArrayNode a = JSON.createArrayNode();
    for (StatementRef r : refs) {
      ObjectNode o = a.addObject();
      o.put("policy", r.policy());
      o.put("index", r.index());
      if (r.sid() != null) {
        o.put("sid", r.sid());
      }
      o.put("effect", r.effect().name());
    }
    return a;
  }

  static void printJson(PrintWriter out, ObjectNode node) {
    try {
      out.println(JSON.writeValueAsString(node));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code policy evaluate}. */
  @Command(name = "evaluate", mixinStandardHelpOptions = true,
      description = "Is the request allowed? Files with a Principal element are resource policies, others identity"
          + " policies. Exit 0 allowed, 1 denied or allowed only if identity policies that were not given allow it"
          + " (ALLOWED_IF_IDENTITY_ALLOWS), 2 bad input.")
  static final class Evaluate implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "POLICY_FILE", arity = "1..*",
        description = "Policy documents, bare or as {\"Policy\": \"<json string>\"}.")
    List<Path> files;

    @Option(names = "--principal", required = true, paramLabel = "P",
        description = "Account id, user/role/assumed-role ARN, service principal, or * for anonymous.")
    String principal;

    @Option(names = "--action", required = true, paramLabel = "A", description = "e.g. s3:PutObject")
    String action;

    @Option(names = "--resource", required = true, paramLabel = "R", description = "Resource ARN.")
    String resource;

    @Option(names = "--resource-account", paramLabel = "ACCOUNT",
        description = "Account owning the resource (S3 ARNs carry none).")
    String resourceAccount;

    @Option(names = "--context", paramLabel = "KEY=VALUE",
        description = "Request context key; repeat a key for a multivalued key.")
    List<String> context = new ArrayList<>();

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json", description = "Output format.")
    Format format;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      Map<String, List<String>> ctx = new LinkedHashMap<>();
      for (String kv : context) {
        int eq = kv.indexOf('=');
        if (eq <= 0) {
          err.println("--context " + kv + ": expected KEY=VALUE, e.g. aws:SourceAccount=111122223333");
          return BAD_INPUT;
        }
        ctx.computeIfAbsent(kv.substring(0, eq), k -> new ArrayList<>()).add(kv.substring(eq + 1));
      }
      List<PolicyInput> inputs = new ArrayList<>();
      try {
        for (Path f : files) {
          PolicyDocument d = load(f);
          boolean resourcePolicy = d.statements().stream().anyMatch(s -> s.principals() != null);
          inputs.add(resourcePolicy
              ? PolicyInput.resource(f.toString(), d, resourceAccount)
              : PolicyInput.identity(f.toString(), d));
        }
      } catch (BadInput e) {
        err.println(e.getMessage());
        return BAD_INPUT;
      }
      Decision d = PolicyEvaluator.evaluate(inputs,
          new AccessRequest(principal, action, resource, resourceAccount, ctx));
      if (format == Format.json) {
        ObjectNode o = JSON.createObjectNode();
        o.put("decision", d.outcome().name());
        o.put("explanation", d.explanation());
        o.set("statements", statementsJson(d.statements()));
        printJson(out, o);
      } else {
        out.println(d.outcome().name() + ": " + d.explanation());
        for (StatementRef r : d.statements()) {
          out.println("  " + r.effect().name().toLowerCase() + "  " + r.label());
        }
      }
      out.flush();
      return d.allowed() ? OK : NEGATIVE;
    }
  }

  /** {@code policy public}. */
  @Command(name = "public", mixinStandardHelpOptions = true,
      description = "Is the resource policy public by S3 Block Public Access's definition? Exit 0 not public,"
          + " 1 public, 2 bad input.")
  static final class Public implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "POLICY_FILE", description = "A bucket, key or other resource policy.")
    Path file;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json", description = "Output format.")
    Format format;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PolicyDocument d;
      try {
        d = load(file);
      } catch (BadInput e) {
        spec.commandLine().getErr().println(e.getMessage());
        return BAD_INPUT;
      }
      PublicAccess p = PolicyEvaluator.publicAccess(PolicyInput.resource(file.toString(), d, null));
      if (format == Format.json) {
        ObjectNode o = JSON.createObjectNode();
        o.put("public", p.isPublic());
        ArrayNode grants = o.putArray("statements");
        for (PublicAccess.PublicGrant g : p.grants()) {
          ObjectNode s = statementsJson(List.of(g.statement())).get(0).deepCopy();
          s.put("reason", g.reason());
          grants.add(s);
        }
        printJson(out, o);
      } else if (p.isPublic()) {
        out.println("PUBLIC: " + file);
        for (PublicAccess.PublicGrant g : p.grants()) {
          out.println("  " + g.statement().label() + ": " + g.reason());
        }
      } else {
        out.println("NOT PUBLIC: " + file);
      }
      out.flush();
      return p.isPublic() ? NEGATIVE : OK;
    }
  }
}
