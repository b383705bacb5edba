import { describe, expect, it } from "vitest";
import { clientIpFromHeaders, normalizeIp } from "./client-ip";

const forwarded = (value?: string) => new Headers(value === undefined ? {} : { "x-forwarded-for": value });

describe("clientIpFromHeaders", () => {
  it("uses the address Next.js recorded from the socket when there is no proxy", () => {
    expect(clientIpFromHeaders(forwarded("203.0.113.7"), 0)).toBe("203.0.113.7");
  });

  it("behind one proxy, takes the entry that proxy appended, not what the client claimed", () => {
    // The client sent "X-Forwarded-For: 1.1.1.1"; nginx appended the address it saw.
    expect(clientIpFromHeaders(forwarded("1.1.1.1, 198.51.100.4"), 1)).toBe("198.51.100.4");
  });

  it("behind two proxies, skips the inner proxy's address", () => {
    expect(clientIpFromHeaders(forwarded("6.6.6.6, 198.51.100.4, 10.0.0.2"), 2)).toBe("198.51.100.4");
  });

  it("takes the left-most entry when the chain is shorter than configured", () => {
    expect(clientIpFromHeaders(forwarded("198.51.100.4"), 3)).toBe("198.51.100.4");
  });

  it("puts requests without a usable address into one 'unknown' bucket", () => {
    expect(clientIpFromHeaders(forwarded(), 0)).toBe("unknown");
    expect(clientIpFromHeaders(forwarded("   "), 1)).toBe("unknown");
    expect(clientIpFromHeaders(forwarded("not-an-ip"), 0)).toBe("unknown");
    expect(clientIpFromHeaders(forwarded("<script>, 1.2.3.4"), 2)).toBe("unknown");
  });
});

describe("normalizeIp", () => {
  it("strips ports, brackets and zone ids, and unwraps IPv4-mapped IPv6", () => {
    expect(normalizeIp("1.2.3.4:5678")).toBe("1.2.3.4");
    expect(normalizeIp("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(normalizeIp("[::ffff:10.1.2.3]:443")).toBe("10.1.2.3");
    expect(normalizeIp("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
  });

  it("counts IPv6 per /64, so one subscriber cannot rotate through its own block", () => {
    expect(normalizeIp("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(normalizeIp("[2001:DB8:1:2:bbbb:cccc:dddd:eeee]:8080")).toBe("2001:db8:1:2::/64");
    expect(normalizeIp("::1")).toBe("0:0:0:0::/64");
    expect(normalizeIp("64:ff9b::192.0.2.33")).toBe("64:ff9b:0:0::/64");
  });

  it("rejects anything that is not an address", () => {
    for (const bad of ["", "localhost", "1.2.3", "999.1.1.1", "1.2.3.4.5", "2001:db8::g"]) expect(normalizeIp(bad), bad).toBeNull();
  });
});
