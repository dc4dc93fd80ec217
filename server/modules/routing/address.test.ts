import { describe, expect, it } from 'vitest';
import { communityName, matchAddress, townshipOfStationName, type GazetteerStation } from './address.ts';

// 河池市 as the organisation tree would describe it: two stations in 金城江区, one in 宜州区 whose township has
// the same name as a community of another district (place names repeat across counties).
const STATIONS: GazetteerStation[] = [
  { id: 'jcj', district: ['金城江区'], streets: ['金城江街道'], communities: ['城北社区', '南桥社区'] },
  { id: 'dj', district: ['金城江区'], streets: ['东江镇'], communities: ['东江社区'] },
  { id: 'qy', district: ['宜州区'], streets: ['庆远镇'], communities: ['城北社区', '东江社区'] },
];

describe('address → station', () => {
  it('district + township/street names the station', () => {
    expect(matchAddress('广西壮族自治区河池市金城江区金城江街道新建路12号', STATIONS)).toBe('jcj');
    expect(matchAddress('河池市金城江区东江镇东江村3组', STATIONS)).toBe('dj');
    expect(matchAddress('河池市 宜州区 庆远镇 中山路', STATIONS)).toBe('qy');
  });
  it('district + community names the station whose grid it is, even when the name repeats elsewhere', () => {
    expect(matchAddress('金城江区城北社区5栋', STATIONS)).toBe('jcj');
    expect(matchAddress('宜州区城北社区', STATIONS)).toBe('qy');
    expect(matchAddress('宜州区东江社区', STATIONS)).toBe('qy');
  });
  it('without the district, only a name one station alone has', () => {
    expect(matchAddress('东江镇农贸市场旁', STATIONS)).toBe('dj');
    expect(matchAddress('南桥社区2号楼', STATIONS)).toBe('jcj');
    expect(matchAddress('城北社区2号楼', STATIONS)).toBeNull(); // 金城江区 and 宜州区 both have one
  });
  it('never guesses: a contradicting district, no place name, or nothing at all is no answer', () => {
    expect(matchAddress('宜州区金城江街道', STATIONS)).toBeNull();
    expect(matchAddress('金城江区某某小区', STATIONS)).toBeNull();
    expect(matchAddress('南宁市青秀区', STATIONS)).toBeNull();
    expect(matchAddress(' ', STATIONS)).toBeNull();
  });
  it('station and grid names give the township and community', () => {
    expect(townshipOfStationName('东兰镇派出所')).toBe('东兰镇');
    expect(townshipOfStationName('金城江派出所')).toBeNull();
    expect(communityName('城北社区居民委员会')).toBe('城北社区');
  });
});
