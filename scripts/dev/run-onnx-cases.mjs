// Replays cases.json (written by scripts/dev/test-export-qwen-vl.py --onnx-out DIR) through ONNX Runtime and
// compares every output with the eager PyTorch wrappers' values: proves the traced graphs stay dynamic in the sizes
// the trace never saw (grid count, grid sizes, past length 0, one-token steps, visual spans).
// Usage: NODE_PATH=<folder with onnxruntime-node> node scripts/dev/run-onnx-cases.mjs BUNDLE_DIR [TOLERANCE]
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const ort = require(process.env.NODE_PATH ? join(process.env.NODE_PATH, 'onnxruntime-node') : 'onnxruntime-node');
const dir = process.argv[2];
const tolerance = Number(process.argv[3] ?? 1e-4);
const cases = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8'));
const sessions = {};
let passed = 0;
let failed = 0;
for (const c of cases) {
  sessions[c.module] ??= await ort.InferenceSession.create(join(dir, `${c.module}.onnx`));
  const feeds = {};
  for (const [name, t] of Object.entries(c.inputs)) {
    const data = t.dtype === 'int64' ? BigInt64Array.from(t.data.map(BigInt)) : Float32Array.from(t.data);
    feeds[name] = new ort.Tensor(t.dtype, data, t.dims);
  }
  const shapes = Object.entries(c.inputs).map(([n, t]) => `${n}[${t.dims}]`).join(' ');
  try {
    const results = await sessions[c.module].run(feeds);
    for (const [name, want] of Object.entries(c.outputs)) {
      const got = results[name];
      const sameShape = got.dims.length === want.dims.length && got.dims.every((d, i) => d === want.dims[i]);
      let diff = 0;
      if (sameShape) {
        for (let i = 0; i < want.data.length; i++) diff = Math.max(diff, Math.abs(Number(got.data[i]) - want.data[i]));
      }
      const ok = sameShape && diff <= tolerance;
      ok ? passed++ : failed++;
      console.log(`${ok ? 'ok  ' : 'FAIL'} ${c.module} ${shapes} -> ${name} [${got.dims}] (want [${want.dims}]) max abs diff ${diff.toExponential(2)}`);
    }
  } catch (e) {
    failed++;
    console.log(`FAIL ${c.module} ${shapes}: ${e.message}`);
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
