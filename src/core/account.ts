/**
 * What a deleted account leaves behind: its ledger stays (community totals and hash chains must still add
 * up), but nothing that names the person. One definition for every engine and every page that shows one.
 */

import { RESERVED_NAMES } from '../contract/constants'

/** Shown wherever a deleted person's name would have been (group members, leaderboards); nobody may take it. */
export const DELETED_NICKNAME: (typeof RESERVED_NAMES)[0] = RESERVED_NAMES[0]

/** The handle a deleted account keeps: unique, and never one a login can ask for again (dev or WeChat). */
export const deletedHandle = (openid: string) => `deleted:${openid}`
