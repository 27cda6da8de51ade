import { METHODOLOGY_HISTORY } from '../../src/core/methodology'
import { emptySchema } from '../../src/contract/schemas'
import { defineFunction } from '../function'

export const getMethodology = defineFunction({
  name: 'getMethodology',
  schema: emptySchema,
  auth: 'session',
  transaction: 'read',
  async handle(_req, _caller, services) {
    return { ...services.methodology, rules: services.rules, history: METHODOLOGY_HISTORY.map((h) => ({ ...h })) }
  },
})
