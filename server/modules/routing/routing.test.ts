import { describe, expect, it } from 'vitest';
import { routeWarning, tablePorts } from './routing.ts';

const ports = tablePorts({
  residents: [
    { residentId: 'R1', phone: '13800138000', gridId: 'G-12', address: '南宁市青秀区民族大道1号' },
    { residentId: 'R2', phone: '13900139000', address: '南宁市西乡塘区大学路5号' },
    { residentId: 'R3', gridId: 'G-unknown' },
  ],
  grids: { 'G-12': 'station-qingxiu-zhonghua' },
  addressPrefixes: { 南宁市西乡塘区: 'station-xixiangtang', 南宁市西乡塘区大学路: 'station-daxuelu' },
  phoneAreas: { '1370771': '450100' },
  areas: { '450100': 'station-nanning-duty', '450200': 'station-liuzhou-duty' },
  branches: { 'icbc-liuzhou-01': '450200' },
});

describe('routing', () => {
  it('resident grid first', async () => {
    const r = await routeWarning({ subject: { phone: '13800138000' } }, ports);
    expect(r).toMatchObject({ routed: true, unitId: 'station-qingxiu-zhonghua', via: 'resident_grid' });
  });
  it('resident address when no grid; the longest address prefix wins', async () => {
    const r = await routeWarning({ subject: { residentId: 'R2' } }, ports);
    expect(r).toMatchObject({ routed: true, unitId: 'station-daxuelu', via: 'resident_address' });
  });
  it('a grid with no station falls through to the next source and records why', async () => {
    const r = await routeWarning({ subject: { residentId: 'R3', phone: '13707710001' } }, ports);
    expect(r).toMatchObject({ routed: true, unitId: 'station-nanning-duty', via: 'phone_area' });
    expect(r.steps.map((s) => [s.via, s.result])).toEqual([
      ['resident_grid', null],
      ['resident_address', null],
      ['subject_address', null],
      ['phone_area', 'station-nanning-duty'],
    ]);
  });
  it("the warning's own address beats the phone area", async () => {
    const r = await routeWarning({ subject: { phone: '13707710001', address: '南宁市西乡塘区安吉路' } }, ports);
    expect(r).toMatchObject({ unitId: 'station-xixiangtang', via: 'subject_address' });
  });
  it('bank branch area when the phone is unknown', async () => {
    const r = await routeWarning({ subject: { phone: '19900000000' }, reportingBranchId: 'icbc-liuzhou-01' }, ports);
    expect(r).toMatchObject({ routed: true, unitId: 'station-liuzhou-duty', via: 'bank_branch' });
  });
  it('nothing known: the centre manual queue, never a guess', async () => {
    const r = await routeWarning({ subject: { phone: '19900000000' }, reportingBranchId: 'nope' }, ports);
    expect(r).toMatchObject({ routed: false, queue: 'centre_manual' });
    expect(r.steps).toHaveLength(5);
    expect(await routeWarning({ subject: {} }, ports)).toMatchObject({ routed: false });
  });
  it('works with async ports', async () => {
    const r = await routeWarning(
      { subject: { phone: '13800138000' } },
      {
        ...ports,
        findResident: async () => ({ gridId: 'G-12' }),
        stationForGrid: async (g) => (g === 'G-12' ? 'async-station' : null),
      },
    );
    expect(r).toMatchObject({ unitId: 'async-station' });
  });
});
