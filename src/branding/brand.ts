/**
 * The branding this build ships with. `@city-brand` is one of ./cities/<city>.ts, chosen by CITY at build time
 * (config/index.ts; tests and type checks read ./cities/default.ts), so a build carries one city's branding only.
 */
import { CITY_BRAND } from '@city-brand'
import type { Brand } from './types'

export type { Brand } from './types'
export const BRAND: Brand = CITY_BRAND
