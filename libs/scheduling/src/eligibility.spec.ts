import { eligibleStaff } from './eligibility';

describe('eligibleStaff', () => {
  const staff = [
    { id: 'ana', performsAllServices: true, serviceIds: [] },
    { id: 'ben', performsAllServices: false, serviceIds: ['cut'] },
    { id: 'cy', performsAllServices: false, serviceIds: ['shave'] },
  ];

  it.each([
    ['cut', undefined, ['ana', 'ben']],
    ['shave', undefined, ['ana', 'cy']],
    ['color', undefined, ['ana']],
    ['cut', 'ben', ['ben']],
    ['cut', 'cy', []],
    ['cut', 'nobody', []],
  ])('service %s, staff %s: %j', (serviceId, staffId, expected) => {
    expect(eligibleStaff(staff, serviceId, staffId).map((s) => s.id)).toEqual(expected);
  });
});
