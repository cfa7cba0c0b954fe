import { understand } from './understand';
import type { ServiceRef, UnderstandingContext } from './types';

const SERVICES: ServiceRef[] = [
  { id: 'haircut', name: 'Haircut', aliases: ['cut', 'corte', 'corte de pelo'] },
  { id: 'beard', name: 'Beard Trim', aliases: ['beard', 'barba', 'arreglo de barba'] },
  { id: 'color', name: 'Hair Coloring', aliases: ['coloring', 'color', 'tinte'] },
];
const context: UnderstandingContext = {
  now: new Date('2026-11-23T15:00:00Z'),
  timezone: 'America/New_York',
  country: 'US',
  services: SERVICES,
  staff: [{ id: 'alex', name: 'Alex' }],
};
const read = (text: string) => understand(text, context);

describe('a request to change the service of a booking', () => {
  it.each([
    ['can I change my haircut tomorrow to a beard trim?', 'haircut', 'beard'],
    ['switch my cut to a beard trim please', 'haircut', 'beard'],
    ["i'd like to swap my haircut for hair coloring", 'haircut', 'color'],
    ['replace my beard trim with a haircut', 'beard', 'haircut'],
    ['I want a beard trim instead of my haircut', 'haircut', 'beard'],
    ['can I get a coloring instead of the cut on friday?', 'haircut', 'color'],
    ['change my haircut to a bread trim', 'haircut', 'beard'],
    ['¿puedo cambiar mi corte por un arreglo de barba?', 'haircut', 'beard'],
    ['cámbiame el corte de mañana por un tinte a las 3', 'haircut', 'color'],
    ['en vez del corte, quiero barba', 'haircut', 'beard'],
    ['en vez del arreglo de barba, quiero un corte', 'beard', 'haircut'],
    ['prefiero un tinte en lugar del corte', 'haircut', 'color'],
    ['quiero cambiar mi corte por un arreglo de brba', 'haircut', 'beard'],
  ])('%s: from %s to %s', (text, from, to) => {
    expect(read(text)).toMatchObject({ changesService: true, fromServiceId: from, serviceId: to });
  });

  it.each([
    ['change my appointment to a beard trim', 'beard'],
    ['¿me cambias la cita a un tinte?', 'color'],
  ])('%s: to %s, the old one unnamed', (text, to) => {
    const u = read(text);
    expect(u).toMatchObject({ changesService: true, serviceId: to });
    expect(u.fromServiceId).toBeUndefined();
  });

  it.each([
    'can I change my haircut to friday at 3?',
    'cambiar mi corte a las 5',
    'I would like a haircut and a beard trim',
    'book me a beard trim tomorrow',
    'change it to 4pm',
  ])('%s: no service change', (text) => {
    expect(read(text).changesService).toBeUndefined();
  });

  it('keeps the time asked for with the change', () => {
    expect(read('switch my haircut to a beard trim tomorrow at 4pm')).toMatchObject({
      changesService: true,
      serviceId: 'beard',
      date: '2026-11-24',
      time: '16:00',
    });
  });
});
