import { nanoid } from 'nanoid/non-secure'

/**
 * A requestId names one intended action, made once on the device and kept until the cloud answers, so
 * a retry after a lost answer replays instead of crediting twice. Uniqueness (not secrecy) is what counts,
 * and weapp has no synchronous crypto source, hence the non-secure generator with a time prefix.
 */
export function newRequestId(): string {
  return `${Date.now().toString(36)}-${nanoid(16)}`
}
