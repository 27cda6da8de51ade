import { certificateSchema } from '../../src/contract/schemas'
import { CloudError } from '../errors'
import { defineFunction } from '../function'
import { getEntry } from '../wallet/queries'
import { getProject } from './queries'

/**
 * The donor's certificate: who, how much, to what, when, and the entry's place in the donor's hash
 * chain. Anyone shown it can ask the donor to run verifyLedger: the chain it checks contains this hash.
 */
export const getDonationCertificate = defineFunction({
  name: 'getDonationCertificate',
  schema: certificateSchema,
  auth: 'session',
  transaction: 'read',
  async handle({ entryId }, { openid, nickname }, services) {
    const entry = await getEntry(services.store, openid, entryId)
    if (!entry || entry.type !== 'donate' || !entry.ref)
      throw new CloudError('NOT_FOUND', `No donation of yours with id ${entryId}.`, { reason: 'certificate.notFound' })
    const project = await getProject(services.store, entry.ref)
    return {
      certificate: {
        nickname,
        projectId: entry.ref,
        projectTitle: project?.title ?? entry.ref,
        points: -entry.points,
        day: entry.day,
        createdAt: entry.createdAt,
        entryId: entry.id,
        seq: entry.seq,
        entryHash: entry.hash,
        verificationCode: entry.hash
          .slice(0, 16)
          .toUpperCase()
          .replace(/(.{4})(?=.)/g, '$1-'),
      },
    }
  },
})
