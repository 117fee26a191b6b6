// BullMQ side of bench/queue: no-op jobs, one Worker with the same concurrency as our bench, against the
// same redis-server. Prints one JSON line: {"jobs_per_s", "p50_ms", "p99_ms", "client_cpu_us", "server_cpu_us"}
// (CPU per job of this node process and of redis-server during the throughput phase).
// Usage: node bench.mjs <redis-url> <jobs> <concurrency> <latency-samples>
import { Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';

const [url = 'redis://127.0.0.1:6379', jobsArg = '20000', concArg = '8', samplesArg = '300'] = process.argv.slice(2);
const u = new URL(url);
const connection = { host: u.hostname, port: Number(u.port || 6379), maxRetriesPerRequest: null };
const jobs = Number(jobsArg), concurrency = Number(concArg), samples = Number(samplesArg);
const name = 'bybench-' + process.pid;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const admin = new IORedis(connection);

async function throughput() {
  const queue = new Queue(name + '-t', { connection });
  const opts = { removeOnComplete: true, removeOnFail: true };
  for (let i = 0; i < jobs; i += 500) {
    const batch = [];
    for (let k = i; k < Math.min(jobs, i + 500); k++) batch.push({ name: 'noop', data: { k }, opts });
    await queue.addBulk(batch);
  }
  const serverCpu = async () => {
    const info = await admin.info('cpu');
    const get = (k) => Number((info.match(new RegExp(k + ':([0-9.]+)')) || [0, 0])[1]);
    return get('used_cpu_user') + get('used_cpu_sys');
  };
  const s0 = await serverCpu();
  const c0 = process.cpuUsage();
  let done = 0;
  let resolveDone;
  const finished = new Promise((r) => (resolveDone = r));
  const t0 = process.hrtime.bigint();
  const worker = new Worker(name + '-t', async () => {}, { connection, concurrency, autorun: false });
  worker.on('completed', () => { if (++done === jobs) resolveDone(); });
  worker.run();
  await finished;
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  const c = process.cpuUsage(c0);
  const clientUs = (c.user + c.system) / jobs;
  const serverUs = ((await serverCpu()) - s0) * 1e6 / jobs;
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return { jobsPerS: jobs / secs, clientUs, serverUs };
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

const t = await throughput();
const l = await latency();
console.log(JSON.stringify({ jobs_per_s: Math.round(t.jobsPerS), p50_ms: l.p50, p99_ms: l.p99,
                             client_cpu_us: Math.round(t.clientUs), server_cpu_us: Math.round(t.serverUs) }));
admin.disconnect();
process.exit(0);
