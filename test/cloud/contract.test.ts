/**
 * The published contract (docs/contract.openapi.json) is what the cloud accepts: generated from the schemas
 * the functions validate with, and each function validates with the schema the table names.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { toJSONSchema } from 'zod'
import * as schemas from '../../src/contract/schemas'
import * as partnerSchemas from '../../src/contract/partner'
import * as merchantSchemas from '../../src/contract/merchant'
import { REQUEST_SCHEMAS } from '../../src/contract/requests'
import { FUNCTIONS } from '../../mock/registry'
import { OPENAPI_PATH, renderOpenApi } from '../../scripts/contract-openapi'

const MOCK = join(__dirname, '..', '..', 'mock')

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : []
  })
}

/**
 * name → the schema identifier each `defineFunction({ name, schema, … })` in mock/ passes, or the function a
 * `get schema() { return f() }` calls (checkIn's: the union of the kinds registered now, src/core/kinds).
 */
function definedSchemas(): Record<string, string> {
  const found: Record<string, string> = {}
  for (const file of sources(MOCK)) {
    const text = readFileSync(file, 'utf8')
    for (const [, body] of text.matchAll(/define(?:Idempotent)?Function\(\{([\s\S]*?)\n\}\)/g)) {
      const name = /name: '([A-Za-z]+)'/.exec(body)?.[1]
      const schema = /schema: ([A-Za-z]+)/.exec(body)?.[1] ?? /get schema\(\) \{\s*return ([A-Za-z]+)\(\)/.exec(body)?.[1]
      if (name && schema) found[name] = schema
    }
  }
  return found
}

/** What an identifier of src/contract/schemas is as a schema: itself, or what it returns when it builds one. */
const schemaNamed = (identifier: string): unknown => {
  const named = ({ ...schemas, ...partnerSchemas, ...merchantSchemas } as Record<string, unknown>)[identifier]
  return typeof named === 'function' ? named() : named
}

it('docs/contract.openapi.json is generated from the current schemas (npm run contract)', () => {
  expect(readFileSync(OPENAPI_PATH, 'utf8')).toBe(renderOpenApi())
})

it('every cloud function validates with the schema the contract table names, and the table names every function', () => {
  const defined = definedSchemas()
  expect(Object.keys(defined).sort()).toEqual(Object.keys(FUNCTIONS).sort())
  expect(Object.keys(REQUEST_SCHEMAS).sort()).toEqual(Object.keys(FUNCTIONS).sort())
  const mismatched = Object.entries(defined).filter(([name, identifier]) => schemaNamed(identifier) !== REQUEST_SCHEMAS[name as keyof typeof REQUEST_SCHEMAS])
  expect(mismatched).toEqual([])
})

it('documents session and refusals per function: login needs no session, checkIn does; every contract error code appears', () => {
  const doc = JSON.parse(readFileSync(OPENAPI_PATH, 'utf8'))
  expect(doc.paths['/cloud/login'].post.security).toEqual([])
  expect(doc.paths['/cloud/checkIn'].post.security).toEqual([{ session: [] }, { wechatCloudRun: [] }])
  expect(doc.components.schemas.ErrorBody.properties.error.properties.code.enum).toContain('TRIP_OVERLAP')
  // a field the cloud refuses is one the file refuses too
  const checkIn = doc.paths['/cloud/checkIn'].post.requestBody.content['application/json'].schema.properties.data
  expect(checkIn.oneOf.every((variant: { additionalProperties: unknown }) => variant.additionalProperties === false)).toBe(true)
})

it('keeps exactly-once in the boundary for every function whose request carries a requestId, and for no other', () => {
  // Required somewhere in the request's JSON Schema (checkIn's is a union of kinds: in every branch).
  const carriesRequestId = (name: string) =>
    JSON.stringify(toJSONSchema(REQUEST_SCHEMAS[name as keyof typeof REQUEST_SCHEMAS], { io: 'input', unrepresentable: 'any' })).match(
      /"required":\[[^\]]*"requestId"/,
    ) !== null
  const idempotent = Object.values(FUNCTIONS)
    .filter((f) => f.idempotent)
    .map((f) => f.name)
    .sort()
  const withRequestId = Object.keys(FUNCTIONS).filter(carriesRequestId).sort()
  expect(idempotent).toEqual(withRequestId)
  expect(idempotent).toEqual(['allocatePoints', 'attendEvent', 'checkIn', 'createEvent', 'donate', 'fundChallenge', 'issuePoints', 'redeem'])
  // Every idempotent function writes in one transaction; only functions with work outside it open their own
  // (login and syncSteps ask WeChat first, deleteAccount erases after the commit).
  expect(Object.values(FUNCTIONS).filter((f) => f.idempotent && f.transaction !== 'write')).toEqual([])
  expect(
    Object.values(FUNCTIONS)
      .filter((f) => f.transaction === 'none')
      .map((f) => f.name)
      .sort(),
  ).toEqual(['deleteAccount', 'login', 'syncSteps'])
})
