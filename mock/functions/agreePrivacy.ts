import { PRIVACY_NOTICE_VERSION } from '../../src/contract/constants'
import { agreePrivacySchema } from '../../src/contract/schemas'
import { toShanghaiIso } from '../../src/core/time'
import { CloudError } from '../errors'
import { parse, requireCaller, type CloudFunction } from '../function'

/** Records that the caller agreed to a version of the privacy notice; agreeing again to the same one is harmless. */
export const agreePrivacy: CloudFunction<'agreePrivacy'> = {
  name: 'agreePrivacy',
  requiresSession: true,
  handle(data, caller, services) {
    const { version } = parse(agreePrivacySchema, data)
    const { openid } = requireCaller(caller)
    if (version > PRIVACY_NOTICE_VERSION) {
      throw new CloudError('INVALID_ARGUMENT', `There is no privacy notice version ${version}; the current one is ${PRIVACY_NOTICE_VERSION}.`)
    }
    const agreedAt = toShanghaiIso(services.now())
    services.store.transaction(() => {
      // An older version agreed on a stale device never replaces a newer agreement.
      if (services.store.getPrivacyVersion(openid) < version) services.store.recordPrivacyAgreement(openid, version, agreedAt)
    })
    return { privacyVersion: Math.max(version, services.store.getPrivacyVersion(openid)), agreedAt }
  },
}
