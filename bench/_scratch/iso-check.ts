import { isoInstant } from '../../apps/api/src/modules/bookings/availability.service';
let n = 0;
const check = (ms: number) => { const d = new Date(ms); if (isoInstant(d) !== d.toISOString()) throw new Error(`${ms}: ${isoInstant(d)} vs ${d.toISOString()}`); n++; };
for (let i = 0; i < 2_000_000; i++) check(Math.floor((Math.random() * 2 - 0.5) * 4e12));
for (const ms of [0, -1, 1, -86400000, 86399999, 253402300799999, -62167219200000, -62167219200001, 8.64e15, -8.64e15, 1795000000000]) check(ms);
console.log('ok', n);
const ds = Array.from({ length: 434 }, (_, i) => new Date(1795000000000 + i * 900000));
for (let k = 0; k < 2; k++) {
  let t = performance.now(); let x = 0;
  for (let r = 0; r < 3000; r++) for (const d of ds) x += d.toISOString().length;
  const a = performance.now() - t; t = performance.now();
  for (let r = 0; r < 3000; r++) for (const d of ds) x += isoInstant(d).length;
  console.log('toISOString', a.toFixed(0), 'ms; isoInstant', (performance.now() - t).toFixed(0), 'ms', x > 0);
}
