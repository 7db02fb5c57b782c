// IP addresses and CIDR ranges (IPv4 and IPv6) as people write them in block lists and bans.
import { BlockList, isIP } from 'node:net';

/** Whether the text is one address (203.0.113.7, 2001:db8::1) or a range (203.0.113.0/24, 2001:db8::/32). */
export function isIpRule(text: string): boolean {
  const [address, prefix, ...rest] = text.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/** A test for "is this address in any of these rules"; rules that are not valid are ignored. */
export function ipMatcher(rules: readonly string[]): (ip: string) => boolean {
  const list = new BlockList();
  let any = false;
  for (const rule of rules) {
    if (!isIpRule(rule)) continue;
    const [address, prefix] = rule.split('/');
    const type = isIP(address) === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
    any = true;
  }
  return (ip) => {
    if (!any) return false;
    const family = isIP(ip);
    // BlockList also matches IPv4-mapped IPv6 addresses (::ffff:203.0.113.7) against IPv4 rules.
    return family !== 0 && list.check(ip, family === 4 ? 'ipv4' : 'ipv6');
  };
}
