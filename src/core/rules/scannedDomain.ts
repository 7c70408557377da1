import { WEIGHT } from '../evidence';
import { plural } from '../words';
import { distinctClicks, duringDelivery, paceShown, quickRuns } from './context';
import { defineRule } from './rule';

/**
 * A company whose gateway scans copies of an e-mail tends to scan most of them, one link or all. A
 * click within seconds of delivery on another copy at that domain is then a scan too; elsewhere the
 * same early click is only a hint, so a fast reader is not thrown away. Two copies clicked within
 * seconds of their own deliveries are enough to show a scanning gateway. When whole-minute stamps
 * hide the pace, a gateway that scanned nearly every copy clicked in the first wave has scanned the
 * rest too: their first links stamped in one minute in that wave are its scan. It reads the other
 * rules' findings, so it runs after them.
 */
export const scannedDomain = defineRule({
  meta: {
    name: 'scannedDomain',
    place: 11,
    needsTimes: 'click',
    reads: ['burst', 'sweep', 'rapid', 'tooSoon', 'wave', 'userAgent', 'ipRange', 'providerFlag', 'trap'],
    settings: {
      scannedDomain: { kind: 'switch', default: true, label: 'Scanning domains', help: 'Weigh clicks on copies at a company domain whose gateway is seen scanning many other copies of the same e-mail.' },
      scannedDomainShare: { kind: 'number', default: 0.3, min: 0.05, max: 1, label: 'Scanning domains: share scanned', help: 'The share of a domain\'s clicking recipients with a certain scan that marks its gateway as scanning.' },
    },
  },
  run(context, found) {
    const { clicks, groups, settings, windows } = context;
    const perDomain = new Map<number, { domain: number; groups: number[]; scanned: number }>();
    const scannedCopy = new Uint8Array(groups.campaignOf.length);
    const domains = clicks.domainNames.length;
    for (let g = 0; g + 1 < groups.starts.length; g++) {
      const domain = clicks.recipientDomain[clicks.recipient[groups.starts[g]]];
      if (domain < 0 || clicks.freemail[domain]) continue;
      const key = groups.campaignOf[g] * domains + domain;
      let entry = perDomain.get(key);
      if (!entry) perDomain.set(key, (entry = { domain, groups: [], scanned: 0 }));
      entry.groups.push(g);
      if (looksScanned(g)) {
        entry.scanned++;
        scannedCopy[g] = 1;
      }
    }
    for (const { domain: id, groups: members, scanned } of perDomain.values()) {
      const domain = clicks.domainNames[id];
      flagScannerLookAlikes(members, domain);
      if (scanned < 2 || scanned < settings.scannedDomainShare * members.length) continue;
      const reason = `${domain}'s gateway scanned ${scanned} of ${members.length} copies`;
      const early = members.filter((g) => inFirstWave(g));
      const scansAll = !paceShown(context) && early.filter((g) => scannedCopy[g]).length >= NEARLY_ALL * early.length;
      for (const g of members) {
        if (scansAll && !scannedCopy[g] && inFirstWave(g)) flagMissingScan(g, domain);
        let inQuickRun: Set<number> | undefined;
        for (let row = groups.starts[g]; row < groups.starts[g + 1]; row++) {
          if (found.isCertain(row)) continue;
          // Links fetched faster than a hand are this gateway's; any click during delivery may be,
          // and several links within seconds of each other during delivery are.
          const during = duringDelivery(context, g, row);
          if (during) inQuickRun ??= new Set(quickRuns(distinctClicks(context, g), clicks.time).flat());
          const weight = during && inQuickRun?.has(row) ? WEIGHT.certain : found.weight('rapid', row) >= WEIGHT.strong ? WEIGHT.strong : during ? WEIGHT.soon : 0;
          if (weight > 0) found.add(row, weight, reason);
        }
      }
    }

    /**
     * With agent and IP columns: an early or quick click with the very agent and network of this
     * domain's certain scans is likely the same scanner. Strong, not certain: colleagues share an
     * office network and often a browser build.
     */
    function flagScannerLookAlikes(members: number[], domain: string): void {
      const agents = clicks.agent;
      const ips = clicks.ip;
      if (!agents || !ips) return;
      const traitOf = (row: number) => (agents[row] < 0 || ips[row] < 0 ? -1 : agents[row] * clicks.networkNames.length + clicks.networkOfIp[ips[row]]);
      const scanners = new Set<number>();
      for (const g of members) {
        for (let row = groups.starts[g]; row < groups.starts[g + 1]; row++) {
          if (found.isCertain(row) && traitOf(row) >= 0) scanners.add(traitOf(row));
        }
      }
      if (scanners.size === 0) return;
      const reason = `same browser and network as ${domain}'s gateway scans`;
      for (const g of members) {
        for (let row = groups.starts[g]; row < groups.starts[g + 1]; row++) {
          // Tested first because it is the cheapest test, and most clicks near certain scans are certain too.
          if (found.isCertain(row)) continue;
          // A click from a gateway address has that weighed already: the same fact must not count twice.
          // Colleagues share the office network and browser build: only a click that is also early or quick counts.
          const machineLike = duringDelivery(context, g, row) || found.weight('rapid', row) > 0;
          if (machineLike && found.weight('ipRange', row) === 0 && scanners.has(traitOf(row))) {
            found.add(row, WEIGHT.strong, reason);
          }
        }
      }
    }

    /** The first links stamped in one minute of a copy the gateway must have scanned too, if they come in the first wave. */
    function flagMissingScan(g: number, domain: string): void {
      const run = quickRuns(distinctClicks(context, g), clicks.time)[0];
      if (!run || !inFirstWave(g, run[0])) return;
      const reason = `${plural(run.length, 'link')} in the same minute; ${domain}'s gateway scanned nearly every other copy`;
      for (const row of run) found.add(row, WEIGHT.certain, reason);
    }

    /** Whether the copy's first click (or the given row) came in the first wave after send, while gateways scan. */
    function inFirstWave(g: number, row = groups.starts[g]): boolean {
      return clicks.time[row] - groups.campaigns[groups.campaignOf[g]].sendTime <= windows.firstWaveMs;
    }

    /** A certain scan, or (with this copy's own delivery time) a click within seconds of it. */
    function looksScanned(g: number): boolean {
      const copyLevel = groups.referenceKind[g] === 'delivery' || groups.referenceKind[g] === 'send';
      for (let row = groups.starts[g]; row < groups.starts[g + 1]; row++) {
        if (found.isCertain(row) || (copyLevel && found.weight('tooSoon', row) > 0)) return true;
      }
      return false;
    }
  },
});

/** The share of a domain's copies clicked in the first wave with a scan that shows its gateway scanning them all. */
const NEARLY_ALL = 0.75;
