import {
  bareRound,
  checkDecisions,
  decisionRecords,
  decisionRound,
  describe,
  lockVersionSum,
  memoryLine,
  positiveInt,
  positiveNumber,
  prepareDecisions,
  say,
  signIn,
  startProcesses,
  total,
  type RoundResult,
} from './http_load.js'

/**
 * npm run bench -- http
 *
 * The caisse administrator's decision through the real route (session
 * cookie, CSRF token, WorkflowInstancePolicy, the engine, the flash message
 * and the redirect Inertia follows) against POST /bench/bare, a small JSON
 * behind the same middleware, on the same application process, with the
 * same autocannon connections, in alternating rounds.
 *
 * Last line, exactly:
 *   http decision_rps=<int> bare_rps=<int> ratio=<2 decimals> decision_p99_ms=<int> bare_p99_ms=<int>
 * then the application process's RSS is on the line before.
 *
 * Knobs (environment): BENCH_RECORDS (2000), BENCH_CONNECTIONS (16),
 * BENCH_SECONDS (20 per side), BENCH_ROUNDS (4), BENCH_WARMUP_SECONDS (5),
 * BENCH_MYSQL_DATABASE (ppas_bench_http), BENCH_CPU_PROFILE=<file> (the app
 * process's CPU during each measured round: <file>.decision.1.cpuprofile…).
 */
export async function run() {
  const records = positiveInt('BENCH_RECORDS', 2000)
  const connections = positiveInt('BENCH_CONNECTIONS', 16)
  const seconds = positiveNumber('BENCH_SECONDS', 20)
  const rounds = positiveInt('BENCH_ROUNDS', 4)
  const warmup = positiveNumber('BENCH_WARMUP_SECONDS', 5)

  const { app, ids, port } = await prepareDecisions(records, 'ppas_bench_http')
  const processes = await startProcesses(1)
  try {
    const base = `http://127.0.0.1:${port}`
    const session = await signIn(base)
    const decisions = decisionRecords(ids)
    const before = await lockVersionSum(app)
    say(
      `http: one app process on ${base}, ${connections} connections, ${seconds} s per side ` +
        `in ${rounds} alternating rounds after ${warmup} s of warm-up each`
    )
    await decisionRound(base, session, decisions, warmup, connections)
    await bareRound(base, session, warmup, connections)

    const decision: RoundResult[] = []
    const bare: RoundResult[] = []
    const profile = process.env.BENCH_CPU_PROFILE?.replace(/\.cpuprofile$/, '')
    for (let index = 1; index <= rounds; index++) {
      decision.push(
        await processes.profiled(profile && `${profile}.decision.${index}.cpuprofile`, () =>
          decisionRound(base, session, decisions, seconds / rounds, connections)
        )
      )
      say(describe(`decision ${index}/${rounds}`, decision.at(-1)!))
      bare.push(
        await processes.profiled(profile && `${profile}.bare.${index}.cpuprofile`, () =>
          bareRound(base, session, seconds / rounds, connections)
        )
      )
      say(describe(`bare ${index}/${rounds}`, bare.at(-1)!))
    }

    await checkDecisions(app, before, decisions)
    const decided = total(decision)
    const answered = total(bare)
    if (decided.unexpected || answered.unexpected) {
      throw new Error(
        `check failed: ${decided.unexpected} decisions and ${answered.unexpected} bare requests answered otherwise`
      )
    }
    const [memory] = await processes.rss()
    say(`memory: app process ${memoryLine(memory)} after the bench (limit 300 MB RSS)`)
    console.log(
      `http decision_rps=${Math.round(decided.rps)} bare_rps=${Math.round(answered.rps)} ` +
        `ratio=${(decided.rps / answered.rps).toFixed(2)} ` +
        `decision_p99_ms=${Math.round(decided.p99)} bare_p99_ms=${Math.round(answered.p99)}`
    )
  } finally {
    await processes.stop()
    await app.terminate()
  }
}
