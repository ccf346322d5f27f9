package io.trailguard.core.policy;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 or IPv6 CIDR block (a single address is a /32 or /128). Never performs DNS lookups. */
record IpRange(byte[] network, int prefix) {

  /** Parses {@code 203.0.113.0/24}, {@code 2001:DB8:1234:5678::/64} or a single address; null when malformed. */
  static IpRange parse(String text) {
    String s = text.trim();
    int slash = s.indexOf('/');
    String addr = slash < 0 ? s : s.substring(0, slash);
    byte[] bytes = address(addr);
    if (bytes == null) {
      return null;
    }
    int max = bytes.length * 8;
    int prefix = max;
    if (slash >= 0) {
      String p = s.substring(slash + 1);
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
        return null;
      }
      prefix = Integer.parseInt(p);
      if (prefix > max) {
        return null;
      }
    }
    return new IpRange(bytes, prefix);
  }

  /** Parses a literal IPv4 or IPv6 address; null when it is not one. */
  static byte[] address(String s) {
    if (s.isEmpty()) {
      return null;
    }
    if (s.indexOf(':') >= 0) {
      // A string containing ':' is only ever parsed as an IPv6 literal by InetAddress (no name lookup).
      if (!s.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
        return null;
      }
      try {
        byte[] b = InetAddress.getByName(s).getAddress();
        return b.length == 16 ? b : v4mapped(b);
      } catch (UnknownHostException e) {
        return null;
      }
    }
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] b = new byte[4];
    for (int i = 0; i < 4; i++) {
      String p = parts[i];
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
        return null;
      }
      int v = Integer.parseInt(p);
      if (v > 255) {
        return null;
      }
      b[i] = (byte) v;
    }
    return b;
  }

  private static byte[] v4mapped(byte[] v4) {
    byte[] b = new byte[16];
    b[10] = (byte) 0xff;
    b[11] = (byte) 0xff;
    System.arraycopy(v4, 0, b, 12, 4);
    return b;
  }

  boolean isIpv4() {
    return network.length == 4;
  }

  /** Whether the literal address {@code ip} lies in this block (IPv4 and IPv6 never match each other). */
  boolean contains(String ip) {
    byte[] a = address(ip.trim());
    if (a == null || a.length != network.length) {
      return false;
    }
    int bits = prefix;
    for (int i = 0; i < a.length && bits > 0; i++, bits -= 8) {
      int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
      if ((a[i] & mask) != (network[i] & mask)) {
        return false;
      }
    }
    return true;
  }

  BigInteger size() {
    return BigInteger.ONE.shiftLeft(network.length * 8 - prefix);
  }
}
