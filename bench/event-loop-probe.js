// Preloaded into a benchmarked server (NODE_OPTIONS=--require …): records the event loop's
// delay, and on SIGWINCH (a signal Nest's shutdown hooks leave alone) writes its p50/p99/max in ms to EVENT_LOOP_PROBE_FILE and starts over.
// Loaded with --require before the server's own TypeScript loader, so plain CommonJS; the
// built-in modules come from process.getBuiltinModule, which needs no require().
const { writeFileSync } = process.getBuiltinModule('node:fs');
const { monitorEventLoopDelay } = process.getBuiltinModule('node:perf_hooks');

const histogram = monitorEventLoopDelay({ resolution: 1 });
histogram.enable();
process.on('SIGWINCH', () => {
  const ms = (ns) => Math.round(ns / 1e4) / 100;
  const stats = { p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max) };
  writeFileSync(process.env.EVENT_LOOP_PROBE_FILE, JSON.stringify(stats));
  histogram.reset();
});
