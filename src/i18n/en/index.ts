/**
 * Every English string of the main package's pages, in one table. Nothing here is imported by the main package:
 * on weapp this module is its own file in the about subpackage (config/index.ts), fetched with require.async
 * when a resident chooses English; on H5 a lazy chunk (../loadEnglish.h5.ts). Import types only from the app.
 */
import type { MessageKey } from '../messages'
import { en } from './messages'
import { enRefusals } from './refusals'

export const ENGLISH: Record<MessageKey, string> = { ...en, ...enRefusals }
