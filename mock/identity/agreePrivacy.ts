import { PRIVACY_NOTICE_VERSION } from '../../src/contract/constants'
import { agreePrivacySchema } from '../../src/contract/schemas'
import { toShanghaiIso } from '../../src/core/time'
import { CloudError } from '../errors'
import { defineFunction } from '../function'
import { getPrivacyVersion, recordPrivacyAgreement, getPrivacyAgreement } from './queries'

/** Records that the caller agreed to a version of the privacy notice; agreeing again to the same one is harmless. */
export const agreePrivacy = defineFunction({
  name: 'agreePrivacy',
  schema: agreePrivacySchema,
  auth: 'session',
  transaction: 'write',
  async handle({ version }, { openid }, services) {
    if (version > PRIVACY_NOTICE_VERSION) {
      throw new CloudError('INVALID_ARGUMENT', `There is no privacy notice version ${version}; the current one is ${PRIVACY_NOTICE_VERSION}.`, {
        reason: 'privacy.unknownVersion',
        params: { version, currentVersion: PRIVACY_NOTICE_VERSION },
      })
    }
    const { store } = services
    // An older version agreed on a stale device never replaces a newer agreement.
    if ((await getPrivacyVersion(store, openid)) < version) await recordPrivacyAgreement(store, openid, version, toShanghaiIso(services.now()))
    const agreement = await getPrivacyAgreement(store, openid)
    if (!agreement) throw new Error('a privacy agreement was recorded but cannot be read back')
    return { privacyVersion: agreement.version, agreedAt: agreement.agreedAt }
  },
})
