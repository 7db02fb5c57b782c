import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { instantToWallTime, wallTimeToInstant } from '../../src/platform/zoned-time.ts';

describe('wall times in the newsroom time zone', () => {
  it('converts both ways, across zones and daylight saving', () => {
    assert.equal(wallTimeToInstant('2026-12-01T09:00', 'America/Havana')?.toISOString(), '2026-12-01T14:00:00.000Z');
    assert.equal(wallTimeToInstant('2026-07-01T09:00', 'America/Havana')?.toISOString(), '2026-07-01T13:00:00.000Z');
    assert.equal(wallTimeToInstant('2026-07-01T09:00', 'Asia/Kolkata')?.toISOString(), '2026-07-01T03:30:00.000Z');
    assert.equal(wallTimeToInstant('2026-07-01T09:00', 'UTC')?.toISOString(), '2026-07-01T09:00:00.000Z');
    assert.equal(instantToWallTime(new Date('2026-12-01T14:00:00Z'), 'America/Havana'), '2026-12-01T09:00');
    assert.equal(instantToWallTime(new Date('2026-07-01T03:30:00Z'), 'Asia/Kolkata'), '2026-07-01T09:00');
  });
  it('refuses what is not a wall time', () => {
    assert.equal(wallTimeToInstant('tomorrow', 'UTC'), undefined);
    assert.equal(wallTimeToInstant('2026-13-01T09:00', 'UTC'), undefined);
    assert.equal(wallTimeToInstant('2026-02-30T09:00', 'UTC'), undefined);
  });
});
