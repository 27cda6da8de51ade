/**
 * The partner feed's ingest (issue 24 item 10): the same trips sent by an operator as signed 500-row batches and by
 * residents as single check-ins, each into a fresh cloud over a SQLite file, in process. Rows a second, and the
 * batch's ratio to the single check-ins: each row is still its own transaction, so what a batch saves is the
 * per-call work around it (signature, nonce, one request for 500 answers).
 */
import { createCloud, type Cloud } from '../mock/cloud'
import { partnerAuthorization } from '../mock/partners/signing'
import { openSqlite } from '../mock/storage/sqlitePort'
import { PARTNERS_PRIVACY_VERSION } from '../src/contract/constants'
import { PARTNER_LIMITS } from '../src/core/partners'
import { benchTrip, tempDb } from './cloud'

export interface IngestFigures {
  rows: number
  batchRowsPerSec: number
  singleRowsPerSec: number
}

const USERS = 500

async function freshCloud(): Promise<{ cloud: Cloud; dispose(): Promise<void> }> {
  const tmp = tempDb()
  const cloud = await createCloud({
    storage: openSqlite({ path: tmp.path, backgroundCheckpoints: true }),
    rateLimit: { burst: 0, perSecond: 1 },
    partnerRateLimit: { burst: 0, perSecond: 1 },
    devLogin: true,
  })
  return {
    cloud,
    async dispose() {
      await cloud.close()
      tmp.dispose()
    },
  }
}

async function call(cloud: Cloud, name: string, data: unknown, token?: string): Promise<any> {
  const out = await cloud.call(name, data, token ? `Bearer ${token}` : undefined)
  if (out.status !== 200) throw new Error(`${name}: ${JSON.stringify(out.body)}`)
  return (out.body as { result: unknown }).result
}

async function residents(cloud: Cloud): Promise<string[]> {
  const tokens: string[] = []
  for (let u = 0; u < USERS; u++) tokens.push((await call(cloud, 'login', { code: `dev:bench${u}` })).token)
  return tokens
}

/** A trip as the operator reports it: the same distance, mode and end as benchTrip's check-in, its start before. */
function operatorTrip(i: number, startedMs: number) {
  const trip = benchTrip('bench-row', i, USERS, startedMs)
  const endMs = Date.parse(trip.occurredAt)
  return {
    rowId: trip.requestId,
    partnerUserId: `bike-user-${i % USERS}`,
    mode: trip.mode,
    distanceKm: trip.distanceKm,
    startedAt: new Date(endMs - trip.durationMin * 60_000).toISOString(),
    endedAt: trip.occurredAt,
  }
}

export async function partnerIngest(count: number): Promise<IngestFigures> {
  const startedMs = Date.now()

  // Batches: a bike-share operator the city registered for trips, every resident linked there.
  const batched = await freshCloud()
  const tokens = await residents(batched.cloud)
  const city = (await call(batched.cloud, 'login', { code: 'dev:organizer' })).token
  const { partner, secret } = await call(batched.cloud, 'registerPartner', { name: 'Bench Bike', kind: 'bikeshare', feeds: ['trips'] }, city)
  const post = async (op: string, rows: unknown[]) => {
    const body = JSON.stringify({ rows })
    const path = `/partner/v1/${op}`
    const authorization = partnerAuthorization({ partnerId: partner.id, secret, method: 'POST', path, body, timestampS: Math.floor(Date.now() / 1000) })
    const answer = await batched.cloud.partnerCall(op, { method: 'POST', path, authorization, body })
    if (answer.status !== 200 || !('result' in answer.body)) throw new Error(`${op}: ${JSON.stringify(answer.body)}`)
    return answer.body.result.rows
  }
  for (let u = 0; u < USERS; u++) {
    await call(batched.cloud, 'agreePrivacy', { version: PARTNERS_PRIVACY_VERSION }, tokens[u])
    const { code } = await call(batched.cloud, 'createLinkCode', { partnerId: partner.id }, tokens[u])
    await post('link', [{ rowId: `link-${u}`, linkCode: code, partnerUserId: `bike-user-${u}` }])
  }
  const rows = Array.from({ length: count }, (_, i) => operatorTrip(i, startedMs))
  let start = process.hrtime.bigint()
  for (let i = 0; i < rows.length; i += PARTNER_LIMITS.maxRows) {
    const answers = await post('trips', rows.slice(i, i + PARTNER_LIMITS.maxRows))
    const refused = answers.find((a: { status: string }) => a.status !== 'accepted')
    if (refused) throw new Error(`a bench row was not credited: ${JSON.stringify(refused)}`)
  }
  const batchSecs = Number(process.hrtime.bigint() - start) / 1e9
  await batched.dispose()

  // The same trips as single check-ins, each its own call.
  const single = await freshCloud()
  const singleTokens = await residents(single.cloud)
  start = process.hrtime.bigint()
  for (let i = 0; i < count; i++) await call(single.cloud, 'checkIn', benchTrip('bench-row', i, USERS, startedMs), singleTokens[i % USERS])
  const singleSecs = Number(process.hrtime.bigint() - start) / 1e9
  await single.dispose()

  return { rows: count, batchRowsPerSec: count / batchSecs, singleRowsPerSec: count / singleSecs }
}
