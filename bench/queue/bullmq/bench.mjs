// BullMQ side of bench/queue: no-op jobs, one Worker with the same concurrency as our bench, against the
// same redis-server. Prints one JSON line: {"jobs_per_s":…, "p50_ms":…, "p99_ms":…}.
// Usage: node bench.mjs <redis-url> <jobs> <concurrency> <latency-samples>
import { Queue, Worker, QueueEvents } from 'bullmq';

const [url = 'redis://127.0.0.1:6379', jobsArg = '20000', concArg = '8', samplesArg = '300'] = process.argv.slice(2);
const u = new URL(url);
const connection = { host: u.hostname, port: Number(u.port || 6379), maxRetriesPerRequest: null };
const jobs = Number(jobsArg), concurrency = Number(concArg), samples = Number(samplesArg);
const name = 'bybench-' + process.pid;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function throughput() {
  const queue = new Queue(name + '-t', { connection });
  const opts = { removeOnComplete: true, removeOnFail: true };
  for (let i = 0; i < jobs; i += 500) {
    const batch = [];
    for (let k = i; k < Math.min(jobs, i + 500); k++) batch.push({ name: 'noop', data: { k }, opts });
    await queue.addBulk(batch);
  }
  let done = 0;
  let resolveDone;
  const finished = new Promise((r) => (resolveDone = r));
  const t0 = process.hrtime.bigint();
  const worker = new Worker(name + '-t', async () => {}, { connection, concurrency, autorun: false });
  worker.on('completed', () => { if (++done === jobs) resolveDone(); });
  worker.run();
  await finished;
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return jobs / secs;
}

async function latency() {
  const queue = new Queue(name + '-l', { connection });
  const lat = [];
  const worker = new Worker(name + '-l', async (job) => { lat.push(Date.now() - job.data.t); },
                            { connection, concurrency });
  await worker.waitUntilReady();
  await sleep(500);
  for (let i = 0; i < samples; i++) {
    await queue.add('noop', { t: Date.now() }, { removeOnComplete: true });
    await sleep(20);
  }
  while (lat.length < samples) await sleep(20);
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  lat.sort((a, b) => a - b);
  return { p50: lat[Math.floor(lat.length * 0.5)], p99: lat[Math.min(lat.length - 1, Math.floor(lat.length * 0.99))] };
}

const jobsPerS = await throughput();
const l = await latency();
console.log(JSON.stringify({ jobs_per_s: Math.round(jobsPerS), p50_ms: l.p50, p99_ms: l.p99 }));
process.exit(0);
