/**
 * The hash chain over one person's ledger: hash = sha256(prevHash + canonical JSON of the entry without
 * `hash`), prevHash of the first entry is 64 zeros. Canonical JSON is RFC 8785 (JCS), so anyone can
 * recompute a chain from an export with any language's JCS library.
 */
import { createHash } from 'node:crypto'
import canonicalize from 'canonicalize'
import type { LedgerEntry, Wallet } from '../contract/types'

export const GENESIS_HASH = '0'.repeat(64)

export type UnhashedEntry = Omit<LedgerEntry, 'hash'>

export function canonicalJson(value: unknown): string {
  const text = canonicalize(value)
  if (text === undefined) throw new Error('value has no canonical JSON form')
  return text
}

export function entryHash(entry: UnhashedEntry): string {
  const body: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(entry)) {
    if (value === undefined || value === null) continue
    if (typeof value === 'number' && !Number.isSafeInteger(value)) {
      throw new Error(`ledger field ${key} must be an integer, got ${value}`)
    }
    body[key] = value
  }
  return createHash('sha256')
    .update(entry.prevHash + canonicalJson(body))
    .digest('hex')
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

export interface ChainCheck {
  ok: boolean
  entries: number
  headHash: string
  firstBadSeq?: number
}

/**
 * A chain walked so far: what the next entry must be, or the check's answer once an entry broke it. A caller
 * that reads a ledger page by page keeps one of these instead of the whole ledger.
 */
export interface ChainWalk {
  expectedSeq: number
  prevHash: string
  count: number
  broken?: ChainCheck
}

export const startChainWalk = (): ChainWalk => ({ expectedSeq: 1, prevHash: GENESIS_HASH, count: 0 })

/** One more entry in seq order: seq without gaps from 1, prevHash the previous hash, its hash recomputed. */
export function stepChainWalk(walk: ChainWalk, entry: LedgerEntry): ChainWalk {
  if (walk.broken) return walk
  const count = walk.count + 1
  const { hash, ...rest } = entry
  if (entry.seq !== walk.expectedSeq || entry.prevHash !== walk.prevHash || entryHash(rest) !== hash) {
    return { ...walk, count, broken: { ok: false, entries: count, headHash: walk.prevHash, firstBadSeq: walk.expectedSeq } }
  }
  return { expectedSeq: walk.expectedSeq + 1, prevHash: hash, count }
}

export const chainWalkResult = (walk: ChainWalk): ChainCheck => walk.broken ?? { ok: true, entries: walk.count, headHash: walk.prevHash }

/** Walks entries in seq order: seq without gaps from 1, each prevHash the previous hash, each hash recomputed. */
export function verifyChain(entries: Iterable<LedgerEntry>): ChainCheck {
  let walk = startChainWalk()
  for (const entry of entries) {
    walk = stepChainWalk(walk, entry)
    if (walk.broken) break
  }
  return chainWalkResult(walk)
}

/**
 * Which wallet column an entry moves. Spending entries (redeem, donate) and their refunds move
 * `pointsSpent`, so a refunded voucher is not counted as points earned; everything else moves
 * `pointsEarned` (an `adjust` reversing a check-in takes its points back out of it).
 */
export function spendsPoints(type: LedgerEntry['type']): boolean {
  return type === 'redeem' || type === 'donate' || type === 'refund'
}

type WalletDelta = Pick<LedgerEntry, 'type' | 'gramsCo2e' | 'points'>

export function applyToWallet(wallet: Wallet, entry: WalletDelta): Wallet {
  const spend = spendsPoints(entry.type)
  const next: Wallet = {
    gramsCo2eTotal: wallet.gramsCo2eTotal + entry.gramsCo2e,
    pointsBalance: wallet.pointsBalance + entry.points,
    pointsEarned: wallet.pointsEarned + (spend ? 0 : entry.points),
    pointsSpent: wallet.pointsSpent - (spend ? entry.points : 0),
  }
  if (next.pointsBalance < 0) throw new Error('points balance would go negative')
  if (next.pointsSpent < 0) throw new Error('points spent would go negative')
  if (next.pointsEarned - next.pointsSpent !== next.pointsBalance) throw new Error('wallet identity broken')
  return next
}

/** The wallet before its first entry, which summing entries starts from (applyToWallet returns new wallets). */
export const EMPTY_WALLET: Readonly<Wallet> = Object.freeze({ gramsCo2eTotal: 0, pointsBalance: 0, pointsEarned: 0, pointsSpent: 0 })

/** The wallet that a list of entries adds up to: the ledger is the truth, the wallet row a cache of it. */
export function walletFromEntries(entries: Iterable<WalletDelta>): Wallet {
  let wallet: Wallet = { ...EMPTY_WALLET }
  for (const e of entries) wallet = applyToWallet(wallet, e)
  return wallet
}
