// Which addresses are the public internet. Anything else (loopback, private networks, link-local, carrier NAT,
// documentation, multicast, reserved, IPv6 unique-local and the transition prefixes that embed an IPv4
// address) is refused as a target, so a URL typed into an article cannot reach the server's own network.
import { BlockList, isIP } from 'node:net';

const notPublic = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  notPublic.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  // Teredo, ORCHID and the rest of 2001::/23; documentation; 6to4 (embeds an IPv4 address).
  ['2001::', 23],
  ['2001:db8::', 32],
  ['2002::', 16],
] as const)
  notPublic.addSubnet(network, prefix, 'ipv6');

const globalUnicast = new BlockList();
globalUnicast.addSubnet('2000::', 3, 'ipv6');

/** Whether an IP address is on the public internet (IPv6: global unicast outside the special prefixes). */
export function isPublicAddress(ip: string): boolean {
  const family = isIP(ip);
  if (family === 4) return !notPublic.check(ip, 'ipv4');
  if (family === 6) {
    // Everything outside 2000::/3 (loopback, ::ffff:-mapped IPv4, NAT64, unique-local, link-local, multicast) is refused.
    return globalUnicast.check(ip, 'ipv6') && !notPublic.check(ip, 'ipv6');
  }
  return false;
}
