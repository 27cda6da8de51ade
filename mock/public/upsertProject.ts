import { upsertProjectSchema } from '../../src/contract/schemas'
import { CloudError } from '../errors'
import { defineFunction, requireCityScope } from '../function'
import { publicProjects } from './projects'
import { getProject, saveProject } from './queries'

/** Opens (no id) or edits a public-good project with a goal in points (organizers only). */
export const upsertProject = defineFunction({
  name: 'upsertProject',
  schema: upsertProjectSchema,
  auth: 'organizer',
  transaction: 'write',
  async handle(req, who, services) {
    requireCityScope(who, 'open or edit a public-good project', { reason: 'cityOnly.projects' })
    const { store } = services
    const existing = req.id === undefined ? undefined : await getProject(store, req.id)
    if (req.id !== undefined && !existing) throw new CloudError('NOT_FOUND', `No project with id ${req.id}.`, { reason: 'project.notFound' })
    const project = {
      id: existing?.id ?? services.newId('pj'),
      title: req.title,
      // absent keeps the English text (an old client knows no such field); '' clears it
      titleEn: req.titleEn ?? existing?.titleEn ?? '',
      description: req.description ?? existing?.description ?? '',
      descriptionEn: req.descriptionEn ?? existing?.descriptionEn ?? '',
      goalPoints: req.goalPoints,
      active: req.active ?? existing?.active ?? true,
    }
    await saveProject(store, project)
    return { project: (await publicProjects(services, who.openid, [project]))[0] }
  },
})
