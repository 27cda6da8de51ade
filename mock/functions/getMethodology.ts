import { emptySchema } from '../../src/contract/schemas'
import { parse, type CloudFunction } from '../function'

export const getMethodology: CloudFunction<'getMethodology'> = {
  name: 'getMethodology',
  requiresSession: true,
  async handle(data, _caller, services) {
    parse(emptySchema, data)
    return services.methodology
  },
}
